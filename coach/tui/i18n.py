"""Interface strings in Chinese and English.

Content (cause names, techniques, lines to say) comes from the playbooks; only the app's own
labels live here, so that `--lang en` changes every word the app itself prints.
"""

from __future__ import annotations

from collections.abc import Mapping

# key -> (zh, en)
STRINGS: Mapping[str, tuple[str, str]] = {
    # frame
    "app.title": ("券商柜台客户挽留教练", "Retention coach"),
    "mode.counter": ("柜台模式", "Counter"),
    # author screen (trainers)
    "mode.author": ("编写模式", "Author"),
    "author.tree": ("话术库", "Playbooks"),
    "author.personas": ("角色扮演客户", "Personas"),
    "author.techniques": ("手法", "Techniques"),
    "author.preview": ("员工看到的这一步（示例客户）", "The step as staff see it (sample client)"),
    "author.problems": ("检查结果", "Problems"),
    "author.no_problems": ("没有问题（共 {files} 个文件）", "No problems ({files} files)"),
    "author.count": ("{errors} 个错误、{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
    "author.try": ("试一句客户的话（用当前词库判断）", "Try a statement (classified with the edited lexicon)"),
    "author.pick": ("在左边选一个步骤", "Pick a step on the left"),
    "author.reloaded": ("已重新读取：{name}", "Reloaded: {name}"),
    "author.walk_needs_step": ("先在左边选一个步骤，再按 W", "Pick a step on the left first, then press W"),
    "author.walk_broken": ("这份话术有错误，改好后才能走", "This playbook has errors; fix them to walk it"),
    "author.keys": ("W 从这里走一遍  T 试一句话  F5 重新读取  Ctrl+Q 退出",
                    "W walk from here  T try a statement  F5 reload  Ctrl+Q quit"),
    "author.walk_keys": ("F10 回到编写模式", "F10 back to the author screen"),
    "author.reaction": ("{label} → {target}", "{label} → {target}"),
    "author.outcome": ("结果：{outcome}", "outcome: {outcome}"),
    "status.loading": ("正在加载话术库…", "Loading playbooks..."),
    "status.ready": ("话术库 {version}", "playbooks {version}"),
    "status.staff": ("员工 {staff}", "staff {staff}"),
    "status.no_staff": ("未登记员工号", "no staff id"),
    "status.session": ("会话 {name}", "session {name}"),
    "load.failed": ("话术库无法加载：{error}", "Cannot load the playbooks: {error}"),
    "load.problems": ("话术库有 {n} 个问题，已跳过出错的文件", "{n} problem(s) in the playbooks; broken files skipped"),
    "load.no_causes": ("没有可用的原因分类，只能手动选择原因", "No cause taxonomy: pick causes by hand"),
    # input and suggestions
    "input.title": ("正在输入客户原话", "Typing the client's words"),
    "input.placeholder": ("输入客户的原话，回车确认首要原因（F1 帮助）", "Type what the client says; Enter confirms the top cause (F1 help)"),
    "input.waiting": ("话术库加载中，稍候即可识别…", "Loading; classification starts in a moment..."),
    "suggest.title": ("可能的原因", "Likely causes"),
    "suggest.empty": ("输入客户的话后，这里显示最可能的原因（最多三个）。", "Type the client's words to see the likeliest causes (up to three)."),
    "suggest.enter": ("回车", "Enter"),
    "suggest.second": ("F2", "F2"),
    "suggest.ambiguous": ("两个原因接近，先问清楚：", "Two causes are close; ask first:"),
    "suggest.unclear": ("原因不明确，可以问：", "The cause is unclear; you could ask:"),
    "suggest.negated": ("（否定）", "(denied)"),
    "suggest.queued": ("另有原因 {name}，当前话术结束后继续。", "Also {name}: it follows after this playbook."),
    # playbook panel
    "panel.title": ("话术", "Playbook (lines in Chinese)"),
    "load.content_zh": ("", "The playbooks are written in Chinese: lines to say, tips, techniques and clients' words stay Chinese; only the interface is English."),
    "panel.empty": ("确认原因后，这里显示要说的话和下一步。", "Confirm a cause to see what to say and what comes next."),
    "panel.step": ("第 {n} 步", "Step {n}"),
    "panel.say": ("要说的话", "Say"),
    "panel.tips": ("提示", "Tips"),
    "panel.ask": ("问客户", "Ask"),
    "panel.answered": ("✓ 客户已经说过，不用再问", "✓ Already answered by the client: no need to ask"),
    "panel.answered_ask": ("需要时可再确认：{ask}", "Confirm if needed: {ask}"),
    "log.no_new_cause": ("{cause}（没听出新的原因）", "{cause} (no new reason heard)"),
    "log.answers_step": ("{cause}（回答了这一步的问题）", "{cause} (answers this step's question)"),
    "panel.partly": ("客户已说", "The client said"),
    "panel.still_ask": ("还要问：{names}", "Still to ask: {names}"),
    "panel.reactions": ("客户反应：输入框为空时按 Tab 进入反应模式", "Client reaction: Tab on an empty input enters reaction mode"),
    "panel.reactions_on": ("▶ 反应模式：按数字记录客户反应 · Tab/Esc 回到输入", "> Reaction mode: a digit records the reaction · Tab/Esc back to typing"),
    "panel.outcome": ("结束：{outcome}", "Ends: {outcome}"),
    "panel.queue": ("接下来：{names}", "Next up: {names}"),
    "panel.offer": ("继续处理：{name}", "Go on with: {name}"),
    "panel.calculator": ("此步需要计算：按 {key} 打开计算器", "This step needs numbers: press {key} for the calculator"),
    "panel.another_cause": ("客户提出了另一个原因：输入客户的原话，或按 F5 选择原因。", "The client raised another cause: type the words, or press F5 to pick a cause."),
    # outcomes
    "outcome.retained": ("挽留成功", "Retained"),
    "outcome.trial": ("一周体验", "One-week trial"),
    "outcome.transfer_within_firm": ("司内转移", "Transfer within the firm"),
    "outcome.lost": ("客户流失", "Lost"),
    # log
    "log.title": ("对话记录", "Conversation"),
    "log.client": ("客户", "Client"),
    "log.cause": ("原因", "Cause"),
    "log.step": ("步骤", "Step"),
    "log.step_detail": ("第 {n} 步 · {technique}", "step {n} · {technique}"),
    "log.back_detail": ("{cause}：{technique}", "{cause}: {technique}"),
    "log.override": ("{cause}（员工选定；系统识别为 {said}）", "{cause} (staff's choice; the classifier said {said})"),
    "log.reaction": ("反应", "Reaction"),
    "log.switch": ("切换", "Switch"),
    "log.back": ("返回上一步", "Back a step"),
    "log.calculator": ("计算", "Numbers"),
    "log.trial": ("体验", "Trial"),
    "log.problem": ("问题", "Problem"),
    "log.new_session": ("新会话开始（上一位客户：{outcome}）", "New session (last client: {outcome})"),
    "log.transcript_error": ("会话记录无法写入：{error}", "Cannot write the transcript: {error}"),
    "log.trial_detail": ("体验到 {end} 结束，届时回访", "trial ends {end}; follow up then"),
    # side panel
    "side.principles": ("基本原则", "Principles"),
    "side.strengths": ("公司优势", "Our strengths"),
    "side.products": ("可介绍的服务", "Services to mention"),
    "side.no_products": ("（此步没有对应的服务产品）", "(no service product for this step)"),
    # calculators
    "calc.commission.title": ("佣金计算器", "Commission calculator"),
    "calc.bundle.title": ("捆绑佣金计算器", "Bundle calculator"),
    "calc.turnover": ("年交易额（元，可写 50万）", "Yearly turnover (yuan)"),
    "calc.trades": ("年交易笔数", "Trades a year"),
    "calc.our_rate": ("我司佣金率（如 万2.5）", "Our rate (e.g. 0.00025)"),
    "calc.their_rate": ("对方佣金率（如 万2、万1免五）", "Their rate (e.g. 万2, 万1免五)"),
    "calc.turnovers": ("各家庭账户年交易额，用空格或逗号分开", "Each family account's yearly turnover, separated by spaces or commas"),
    "calc.hint": ("回车：下一格 / 计算　Esc：关闭", "Enter: next field / compute, Esc: close"),
    "calc.missing": ("请填写：{field}", "Please fill in: {field}"),
    "calc.given": ("← 客户原话", "← client's words"),
    "calc.from_client": ("标“客户原话”的格子已按客户说的填好，可以直接修改", "Fields marked \"client's words\" hold what the client said; edit them freely"),
    "calc.yearly_diff": ("一年差额", "Yearly difference"),
    "calc.monthly_diff": ("每月差额", "Monthly difference"),
    "calc.our_cost": ("我司一年佣金", "Our yearly commission"),
    "calc.their_cost": ("对方一年佣金", "Their yearly commission"),
    "calc.trade_size": ("平均每笔", "Average trade"),
    "calc.effective_rate": ("实际费率（含每笔最低{min}）", "Effective rate ({min} minimum)"),
    "calc.pooled": ("合并交易额", "Pooled turnover"),
    "calc.tier": ("达到档位", "Tier reached"),
    "calc.no_tier": ("未达到任何档位", "No tier reached"),
    "calc.bundle_rate": ("捆绑佣金率", "Bundle rate"),
    "calc.bundle_saving": ("一年可省", "Saved a year"),
    "calc.say": ("可以这样说", "You could say"),
    # outcome modal
    "outcome.title": ("记录结果", "Record the outcome"),
    "outcome.pick": ("选择结果（数字键）", "Choose the outcome (number keys)"),
    "outcome.client": ("回访找谁：客户号或姓名（只存入本机体验回访记录，不进会话记录）", "Whom to call back: client number or name (kept in the private trial record only)"),
    "outcome.note": ("备注（可不填），回车保存，Esc 取消", "Note (optional); Enter saves, Esc cancels"),
    "outcome.saved": ("已记录：{outcome}。新会话开始。", "Saved: {outcome}. A new session starts."),
    # cause picker
    "pick.title": ("选择原因", "Pick a cause"),
    "pick.hint": ("上下键选择，回车确认，Esc 取消", "Arrows to move, Enter to choose, Esc to cancel"),
    # messages
    "msg.no_session": ("请先输入客户的话并确认原因。", "Type the client's words and confirm a cause first."),
    "msg.no_new_cause": ("这句话里没听出新的原因，继续“{name}”的话术（要换原因请按 F5）。", "No new reason in that: staying with '{name}' (F5 to pick another cause)."),
    "msg.answers_step": ("这句话回答了这一步的问题，继续“{name}”的话术（要换原因请按 F5）。", "That answers this step's question: staying with '{name}' (F5 to pick another cause)."),
    "msg.no_second": ("没有第二个候选原因。", "There is no second candidate."),
    "msg.empty_enter": ("输入框是空的，没有记录任何内容。记录客户反应：按 Tab 后按数字。", "The input is empty; nothing was recorded. To record a reaction: Tab, then a digit."),
    "msg.no_reactions": ("这一步没有可选的客户反应。", "This step has no reactions to choose."),
    "msg.input_not_empty": ("输入框里还有客户的话：先按回车确认，或按 Ctrl+U 清空，再进入反应模式。", "The input still holds the client's words: Enter to confirm or Ctrl+U to clear before reaction mode."),
    "quit.title": ("客户的会话还没有记录结果。要退出吗？", "This client's visit has no outcome yet. Quit?"),
    "quit.finish": ("先记录结果再继续（同 F9）", "Record the outcome first (as F9)"),
    "quit.quit": ("不记录结果，退出（会话标为未完成）", "Quit without an outcome (marked unfinished)"),
    "quit.stay": ("取消，继续接待", "Cancel: go on with the visit"),
    "quit.hint": ("按数字选择，Esc 取消", "A digit chooses; Esc cancels"),
    "msg.no_back": ("已经是第一步。", "Already at the first step."),
    "msg.loading": ("话术库还在加载，请稍候。", "Still loading the playbooks."),
    # help
    "help.title": ("快捷键", "Keys"),
    "help.close": ("按 Esc 或 F1 关闭", "Esc or F1 closes"),
    "key.help": ("帮助", "Help"),
    "key.confirm": ("确认首要原因 / 提交", "Confirm the top cause / submit"),
    "key.second": ("选第二个原因", "Take the second cause"),
    "key.commission": ("佣金计算器", "Commission calculator"),
    "key.bundle": ("捆绑佣金计算器", "Bundle calculator"),
    "key.pick": ("从列表选择原因", "Pick a cause from the list"),
    "key.side": ("显示/隐藏侧栏", "Show/hide the side panel"),
    "key.finish": ("提前结束并记录结果", "Finish now and record the outcome"),
    "key.reactions": ("在反应模式里：记录客户反应（之后回到输入框）", "In reaction mode: record the client's reaction (then back to the input)"),
    "key.reaction_mode": ("输入框为空时进入反应模式；再按一次回到输入", "On an empty input: enter reaction mode; again to go back"),
    "key.clear": ("清空输入框", "Clear the input"),
    "key.back": ("返回上一步（在反应列表里也可按退格键）", "Back a step (Backspace in the reaction list too)"),
    "key.focus": ("在输入框和反应列表之间切换", "Switch between the input and the reactions"),
    "key.escape": ("关闭计算器或窗口 / 离开反应模式（不清空输入）", "Close a calculator or window / leave reaction mode (keeps the input)"),
    "key.quit": ("退出", "Quit"),
    "footer.help": ("帮助", "Help"),
    "footer.second": ("第二原因", "2nd cause"),
    "footer.commission": ("佣金", "Commission"),
    "footer.bundle": ("捆绑", "Bundle"),
    "footer.pick": ("选原因", "Pick cause"),
    "footer.finish": ("结束", "Finish"),
    "footer.back": ("上一步", "Back"),
    "footer.quit": ("退出", "Quit"),
}


def colon(lang: str) -> str:
    """The separator after a label: full-width in Chinese, `: ` in English."""
    return ": " if lang == "en" else "："


def t(key: str, lang: str = "zh", /, **values: object) -> str:
    """The string for `key` in `lang`, with `{name}` fields filled in."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text
