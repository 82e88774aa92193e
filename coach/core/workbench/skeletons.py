"""Commented skeletons for `coach new case|persona|technique`: files that validate as written
and say, in comments, what to fill in. An existing file (or technique id) is never overwritten.

Lines in a skeleton are usable as they are (polite, generic); the comments ask the trainer to
make them specific to the cause. `{client}`-style variables are the engine's, so the text is
assembled by plain replacement, never `str.format`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.core.content.causes_file import CAUSES_FILE, load_causes
from coach.core.content.model import CAUSE_IDS
from coach.core.errors import CoachError

SCHEMA_HEADER = "# yaml-language-server: $schema={path}\n"


class SkeletonError(CoachError):
    """A skeleton that cannot be written (the file or id exists, an unknown cause)."""


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    what: str  # "case" | "persona" | "technique"
    appended: bool = False  # the technique went at the end of an existing techniques.yaml


def header(kind: str, *, nested: bool) -> str:
    """The first line that tells a YAML language server which schema a file follows."""
    return SCHEMA_HEADER.format(path=("../" if nested else "") + f"schema/{kind}.schema.json")


def _cause_name(root: Path, cause: str) -> str:
    causes, _ = load_causes(root / CAUSES_FILE)
    found = causes.get(cause)
    return found.name.zh if found and found.name.zh else cause


def _examples(root: Path, cause: str) -> list[str]:
    causes, _ = load_causes(root / CAUSES_FILE)
    found = causes.get(cause)
    return list(found.examples[:2]) if found else []


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fill(template: str, **values: str) -> str:
    for name, value in values.items():
        template = template.replace(f"@{name}@", value)
    return template


def _check_cause(cause: str) -> None:
    if cause not in CAUSE_IDS:
        from coach.core.content.problems import did_you_mean

        hint = did_you_mean(cause, CAUSE_IDS)
        raise SkeletonError(
            f"“{cause}”不是十一个原因之一。{hint}",
            f"'{cause}' is not one of the eleven cause ids. {hint}",
        )


def _write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
            f.write(text)
    except FileExistsError:
        raise SkeletonError(
            f"{path} 已存在，不会覆盖：请改名或换一个目录（--to）。",
            f"{path} exists and is never overwritten: rename it or write elsewhere (--to).",
        ) from None


CASE = """\
@HEADER@# 话术：@CAUSE@（@NAME@）。由 `coach new case @CAUSE@` 生成，照原样就能通过 coach validate。
# 要填写的地方：
#   title / summary   这份话术叫什么、整体思路（中文必填，英文可选）
#   每个步骤的 say    员工要说的话（可以用 {client}、{firm_short}、{hotline} 等变量，见 playbooks/README.md）
#            tips     给员工的提示；ask：这一步要问客户的问题
#            asks     （可选）ask 问的是什么，如 [their_rate, annual_turnover] 或 place：
#                     客户已经说过时，这一步会注明并引用原话，不再追问（名称见 playbooks/README.md）
#            next     客户的每种反应（accepts 接受 / objects 有异议 / insists 坚持要走 /
#                     another_cause 提出其他原因）去哪一步；结束的步骤写 outcome
# 规则：每条走到 lost 的路，之前都要经过 technique: one_week_trial 的步骤（先邀请体验）。
# 写完运行 coach test（走遍每条路径），或开着 coach author 边改边看。
cause: @CAUSE@
title:
  zh: @NAME@：先倾听，再对症说明，最后邀请体验
  en: "@CAUSE@: listen, answer the concern, then offer the trial"
summary:
  zh: 先请客户把原因说完并确认；针对客户的顾虑说明我们能做什么；客户仍要走时，邀请体验一周，再体面送别。
  en: Let the client explain and confirm the reason, answer the concern with what we can do, offer the one-week trial if the client still wants to leave, and part on good terms.
start: listen

steps:
  - id: listen
    technique: listen_and_clarify
    say:
      - "{client}，您好！请坐。您想把账户转走，能先跟我说说是什么情况吗？"
    tips:
      - 先让客户把话说完，不打断、不争辩；把客户的原话记下来。
    ask: 主要是哪方面让您考虑转走？
    next:
      accepts: answer
      objects: answer
      insists: trial
      another_cause: answer

  - id: answer
    technique: empathy
    say:
      - "您的顾虑我明白，换了是我也会认真考虑。"
      - "这件事我们能帮您想办法，您看我先把能做的跟您说清楚，再由您决定，好吗？"
    tips:
      - 把这里改成针对本原因的说明：我们能提供什么、客户能得到什么。
    next:
      accepts: kept
      objects: trial
      insists: trial

  - id: kept
    technique: committed_service
    say:
      - "谢谢{client}还愿意留在{firm_short}。以后有任何需要，随时打{hotline}找我们。"
    tips:
      - 当天更新客户资料，一周内回访一次。
    outcome: retained

  - id: trial
    technique: one_week_trial
    say:
      - "手续我可以先帮您准备好。不过不妨先试{trial_days}天：{trial_services}都给您安排上，到时候您再决定。"
    tips:
      - 不施压：体验是给客户多一个选择，不是拖延手续。
    next:
      accepts: trial_kept
      objects: farewell
      insists: farewell

  - id: trial_kept
    technique: committed_service
    say:
      - "好的，{trial_end}我给您打电话，听听您这几天的感受。"
    outcome: trial

  - id: farewell
    technique: graceful_exit
    say:
      - "手续这就帮您办好。以后想回{firm_short}，打{hotline}就行，我们随时欢迎。"
    tips:
      - 体面送别：祝福要真诚，不抱怨、不评价别家。
    outcome: lost
"""

PERSONA = """\
@HEADER@# 角色扮演客户：@ID@（原因 @CAUSE@，@NAME@）。由 `coach new persona @ID@` 生成，照原样就能通过 coach validate。
# 要填写的地方：name、background（客户是谁）、profile（客户的数字，佣金类客户要写全
# turnover、trades、our_rate、their_rate）、openings（开口第一句）、softens（哪些手法打动他，
# 权重 0.5-3）、hardens（哪些手法让他更反感）、responses（他对每种手法怎么回应）、
# objections（早/中/晚三个阶段的异议）、warming（被说动时的话）、decisions（最后的决定）。
# 写完运行 coach test：它会用示范回复和糟糕回复各练一遍这个客户。
id: @ID@
causes: [@CAUSE@]
difficulty: normal
name: {zh: 李先生, en: Mr Li}
background:
  zh: 开户多年的老客户，这次来柜台想把账户转走（改成这位客户的具体情况）。
  en: A long-standing client who came to the counter to move the account (make this specific).
profile:
  age: 50
  years: 5
mood: -1
patience: 6
openings:
@OPENINGS@
softens:
  listen_and_clarify: 1.5
  empathy: 1.5
  committed_service: 1.5
  one_week_trial: 1
hardens:
  techniques:
    commission_math: 0.5
accepts: {retained: 2, trial: 0}
responses:
  listen_and_clarify: 你既然问了，我就直说吧，主要是觉得这边不太合适了。
  empathy: 你能理解就好，我也不是故意来找麻烦的。
  committed_service: 你要是真能说到做到，我倒也不是非走不可。
objections:
  early:
    - 我已经想好了，你就帮我办吧。
  middle:
    - 你说的这些，我得再掂量掂量。
  late:
    - 说了这么多，我还是想转走。
warming:
  - 嗯，这么说也有道理。
decisions:
  retained:
    - 行，那我先不转了。
  trial:
    - 那就先试一个星期，到时候再说。
  lost:
    - 谢谢你，不过我还是决定转走。
"""

TECHNIQUE = """\

  # 由 `coach new technique @ID@` 生成。要填写的地方：name（中文名）、purpose（什么时候用、
  # 要达到什么）、lines（两三句示范话术，可用 {client} 等变量）；可以再加 cues：
  # 练习时用来认出这一手法的短语，每个短语只能属于一种手法。
  - id: @ID@
    name: {zh: @ID@, en: @ID@}
    purpose:
      zh: 说明这一手法什么时候用、要让客户感受到什么。
    lines:
      - "{client}，我把这件事给您讲清楚，您再看怎么决定。"
"""


def new_case(root: Path, cause: str) -> Written:
    """cases/<cause>.yaml under the playbooks folder `root`."""
    _check_cause(cause)
    path = Path(root) / "cases" / f"{cause}.yaml"
    text = _fill(CASE, HEADER=header("case", nested=True), CAUSE=cause,
                 NAME=_cause_name(Path(root), cause))
    _write_new(path, text)
    return Written(path, "case")


def new_persona(root: Path, ident: str, cause: str | None = None) -> Written:
    """personas/<id>.yaml; the cause defaults to the one the id starts with (else `other`)."""
    _check_id(ident)
    if cause is None:
        cause = next((c for c in sorted(CAUSE_IDS, key=len, reverse=True)
                      if ident == c or ident.startswith(c + "_")), "other")
    _check_cause(cause)
    openings = _examples(Path(root), cause) or ["我想把账户转走，麻烦帮我办一下。"]
    text = _fill(PERSONA, HEADER=header("persona", nested=True), ID=ident, CAUSE=cause,
                 NAME=_cause_name(Path(root), cause),
                 OPENINGS="\n".join(f"  - {_quote(o)}" for o in openings))
    path = Path(root) / "personas" / f"{ident}.yaml"
    _write_new(path, text)
    return Written(path, "persona")


def new_technique(root: Path, ident: str) -> Written:
    """An entry at the end of techniques.yaml (created with its header when missing)."""
    from coach.core.content.catalogue import TECHNIQUES_FILE
    from coach.core.content.yamlpos import load_yaml

    _check_id(ident)
    path = Path(root) / TECHNIQUES_FILE
    entry = _fill(TECHNIQUE, ID=ident)
    if not path.exists():
        _write_new(path, header("techniques", nested=False) + "techniques:\n" + entry)
        return Written(path, "technique")
    tree, _ = load_yaml(path)
    items = tree.get("techniques") if isinstance(tree, dict) else None
    if isinstance(items, list) and any(isinstance(t, dict) and t.get("id") == ident for t in items):
        raise SkeletonError(
            f"techniques.yaml 里已经有手法“{ident}”，不会覆盖。",
            f"techniques.yaml already has the technique '{ident}'; it is never overwritten.",
        )
    if not isinstance(tree, dict) or list(tree)[-1:] != ["techniques"]:
        raise SkeletonError(
            f"{path} 的最后一段不是 techniques: 列表，无法自动追加；请手工添加。",
            f"{path} does not end with the 'techniques:' list; add the entry by hand.",
        )
    text = path.read_text(encoding="utf-8")
    with open(path, "a", encoding="utf-8") as f:
        f.write(("" if text.endswith("\n") else "\n") + entry)
    return Written(path, "technique", appended=True)


def _check_id(ident: str) -> None:
    import re

    if not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
        raise SkeletonError(
            f"“{ident}”不能用作编号：只用小写字母、数字和下划线，以字母开头。",
            f"'{ident}' cannot be an id: use lower-case letters, digits and '_', starting with a letter.",
        )
