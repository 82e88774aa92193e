"""`coach validate` in Chinese: what each problem code means, said to a trainer.

The loaders word their messages in English with the exact names involved (a key, a step id, a
file); in Chinese mode each line leads with the code's meaning in Chinese and keeps the exact
detail after it, so nothing specific is lost in translation.
"""

from __future__ import annotations

from collections.abc import Iterable

from coach.core.content.problems import Problem
from coach.core.text import terminal_safe

MEANING: dict[str, str] = {
    "contradicting-labels": "同一句回答标注自相矛盾",
    "duplicate-reply": "回答重复",
    "empty-labels": "标为好回答却没有标技巧",
    "reply-kind": "回答类别（good/violation/tricky/neutral）与标注不符",
    "too-long": "内容太长",
    "branch-unchecked": "用了就近营业部 {branch}，但前面没有判断客户所在的城市或片区",
    "condition-never-known": "条件里用到的数字在这一步还不知道",
    "figure-contradicts-calculator": "话里的数字和计算器算出来的不一致",
    "figure-contradicts-firm": "话里的数字和 firm.yaml 的规定不一致",
    "hard-coded-break-even": "把起作用的单笔金额写死在话里了（应由计算器按费率算出）",
    "literal-firm-figure": "直接写了公司的数字（应改用变量）",
    "mixed-address": "一句话里既叫客户名字又说“您”，读起来像两个人",
    "slow-pattern": "正则表达式可能极慢（嵌套重复等），已拒绝",
    "trial-after-exemption": "已免除体验的步骤之后又提出了一周体验",
    "trial-exemption-not-allowed": "这个原因不允许免除一周体验",
    "unconditional-no-saving": "无条件地说“省不了钱”，对免五等报价并不成立",
    "unknown-condition": "没有这个条件",
    "unknown-asks": "asks 里的名称不是客户的话能回答的内容",
    "duplicate-asks": "asks 里同一个名称写了两次",
    "asks-without-ask": "写了 asks 却没有要问的问题（ask）",
    "answered-without-asks": "写了 if: answered 的话，却没有 asks 说明这一步问的是什么",
    "unknown-indicator": "没有这个预警指标",
    "unknown-outreach": "没有这个回访话术",
    "yaml-too-large": "YAML 展开后太大（别名过多）",
    "outside-folder": "文件通过链接指向话术目录之外",
    "too-large": "文件太大",
    "unreadable-folder": "读不了这个目录",
    "bad-character": "含有不允许的字符（控制字符等）",
    "bad-pattern": "正则表达式写法有误",
    "bad-value": "取值不合要求",
    "duplicate-id": "编号重复",
    "duplicate-key": "同一层里有重复的字段名",
    "duplicate-keyword": "关键词重复",
    "duplicate-step": "步骤编号重复",
    "empty-file": "文件是空的",
    "empty-lines": "没有要说的话",
    "few-examples": "例句太少",
    "file-name-mismatch": "文件名和里面的编号不一致",
    "id-mismatch": "编号和文件名不一致",
    "ignored-file": "这个文件不会被读取",
    "missing-case": "缺少这个原因的话术文件",
    "missing-cause": "缺少原因",
    "missing-field": "缺少必填字段",
    "missing-file": "缺少文件",
    "missing-personas": "缺少练习客户",
    "missing-step": "引用的步骤不存在",
    "next-and-outcome": "同一步不能既有下一步又有结果",
    "no-case-file": "没有话术文件",
    "no-checks": "评分表里没有评分项",
    "no-outcome": "走不到任何结果",
    "no-personas": "没有练习客户",
    "no-trial-before-lost": "客户流失之前没有提出一周体验",
    "not-a-file": "这里应该是文件",
    "nothing-held-back": "客户没有保留的信息可问",
    "too-few-suiting": "适合的练习客户太少",
    "unknown-calculator": "不认识的计算器",
    "unknown-cause": "不认识的原因编号",
    "unknown-evidence": "不认识的评分依据",
    "unknown-id": "不认识的编号",
    "unknown-key": "不认识的字段名",
    "unknown-outcome": "不认识的结果",
    "unknown-part": "不认识的评分部分",
    "unknown-principle": "不认识的原则",
    "unknown-reaction": "不认识的客户反应",
    "unknown-step": "不认识的步骤",
    "unknown-technique": "不认识的话术技巧",
    "unknown-term": "不认识的术语",
    "unknown-variable": "不认识的变量",
    "unreachable-step": "这一步永远走不到",
    "unsafe-tag": "不安全的 YAML 标签（可能执行代码），已拒绝",
    "unused-reaction": "定义了却没有用到的客户反应",
    "variable-not-yet-known": "这一步还不知道这个变量的值",
    "weights-sum": "权重之和不对",
    "wrong-type": "类型不对",
    "yaml-syntax": "YAML 语法错误",
}


def format_text_zh(problems: Iterable[Problem]) -> str:
    """`path:line:col: error CODE: 含义：detail` (level, code and `hint:` stay as the contract
    has them), the hint on the next line."""
    lines: list[str] = []
    for p in problems:
        meaning = MEANING.get(p.code)
        message = f"{meaning}：{p.message}" if meaning else p.message
        lines.append(terminal_safe(f"{p.where}: {p.level} {p.code}: {message}", keep_newlines=False))
        if p.hint:
            lines.append(terminal_safe(f"  hint: {p.hint}", keep_newlines=False))
    return "\n".join(lines)
