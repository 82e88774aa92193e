"""Figures written into content, checked against firm.yaml and the calculator (`coach validate`).

A client who knows the market catches a wrong number at once, so numbers in what staff say,
in the tips and in the personas are checked where they can be:

- `figure-contradicts-firm`: a per-trade minimum ("每笔最低5元", "5元以上的手续费") or a cap
  ("千分之三") that is not firm.yaml's. Where the line is one staff say, a right figure is still
  flagged (`literal-firm-figure`, a warning): write {min_commission} / {cap_rate} so the line
  follows the firm profile.
- `hard-coded-break-even`: a trade size below which a lower rate "changes nothing" ("单笔两万元
  以下"). It depends on both rates and on 免五: the calculator works it out
  (coach.core.visit.calc.commission.saving_starts_at), a sentence never holds it.
- `unconditional-no-saving`: "降了也省不下" said whatever the client's figures. Against a 免五
  offer a small client does save: the claim belongs under `when: - if: minimum_equalises` (or
  `saves_nothing`), shown only when the calculator found it true.
- `figure-contradicts-calculator`: a worked example whose difference is not what the calculator
  gives ("一年交易10万，0.25%和0.2%只差50元" is checked), or a persona whose words say a cut
  saves nothing while its own profile saves money.

Handed to `coach.core.content.check` as a folder check; the content layer knows nothing of the
calculator.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coach.core.content.model import Firm, Library, Pos
from coach.core.content.problems import Problem
from coach.core.content.variables import format_money, format_rate
from coach.core.content.yamlpos import YList, YMap, load_yaml
from coach.core.understand.amounts import CalcError, Rate, parse_amount, parse_rate
from coach.core.visit.calc import commission

NO_SAVING_CONDITIONS = ("minimum_equalises", "saves_nothing", "we_are_cheaper")

_NUM = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)"
_MINIMUM = re.compile(
    rf"(?:最低|起步|至少|最少)(?:收费|收取|佣金|收|是|按|也要收|都按)?的?\s*(?P<n>{_NUM})\s*(?:元|块)"
    rf"|(?P<m>{_NUM})\s*(?:元|块)(?:钱)?以上的(?:手续费|佣金)"
)
_CAP = re.compile(r"千分之(?P<n>[\d.]+|[一二三四五六七八九])|(?P<p>[\d.]+)\s*‰|千(?P<q>\d(?:\.\d+)?)(?![\d万])")
_CAP_CONTEXT = re.compile(r"上限|最高|不能超过|不得超过|规定")
_BREAK_EVEN = re.compile(
    rf"(?:单笔|每笔)[^。；;！!？?]{{0,10}}?{_NUM}\s*[万千]\s*(?:元|块)?\s*(?:以下|以上|以内|之内|不到|起)"
)
_FEE_CONTEXT = re.compile(r"最低|费率|佣金率|免五")
_NO_SAVING = re.compile(
    r"省不下|一分钱都省不|一分钱也省不|实际付的钱(?:也|都)?一样|几乎不变|降了也(?:没用|白降|省不)"
    r"|(?:降|调低)[^，。；,]{0,6}没有?(?:实际)?意义|降多少都一样|降到多少都一样"
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")  # a claim quoted (to warn against it) is not made
_SENTENCE = re.compile(r"[^。！？!?；;\n]+")
_TURNOVER = re.compile(rf"(?:交易|交易量|交易额)(?:大约|约)?\s*(?P<n>{_NUM}(?:\.\d+)?)\s*(?P<u>万|亿)元?")
_RATE = re.compile(r"万分之\d+(?:\.\d+)?|万\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*%|千分之\d+(?:\.\d+)?")
_YEARLY_DIFF = re.compile(rf"差(?:了)?\s*(?P<n>{_NUM})\s*(?:元|块)")


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    container: YMap | YList
    key: str | int
    said: bool  # a line staff say (a variable could stand in for a literal figure)
    condition: str  # the `when:` condition it sits under, "" for none
    where: str  # "case", "technique", "persona"
    summary: bool = False  # under `summary:`/`purpose:`: a description for the trainer


    def pos(self, offset: int) -> Pos:
        if isinstance(self.container, YMap):
            return self.container.at_offset(str(self.key), offset)
        return self.container.at_offset(int(self.key), offset)


def _strings(node: object, *, said: bool, where: str, condition: str = "",
             said_keys: tuple[str, ...] = ()) -> Iterator[_Line]:
    """Every string in a tree; `said` for those under one of `said_keys` (or all when said)."""
    if isinstance(node, YMap):
        inner_condition = str(node.get("if", "")).strip() if "if" in node else condition
        for key, value in node.items():
            is_said = said or key in said_keys
            if isinstance(value, str):
                yield _Line(value, node, key, is_said, inner_condition, where)
            elif key in ("summary", "purpose") and isinstance(value, YMap):
                for lang, text in value.items():
                    if isinstance(text, str):
                        yield _Line(text, value, lang, False, inner_condition, where, True)
            else:
                yield from _strings(value, said=is_said, where=where, condition=inner_condition,
                                    said_keys=said_keys)
    elif isinstance(node, YList):
        for i, value in enumerate(node):
            if isinstance(value, str):
                yield _Line(value, node, i, said, condition, where)
            else:
                yield from _strings(value, said=said, where=where, condition=condition,
                                    said_keys=said_keys)


def _number(text: str) -> float | None:
    try:
        return parse_amount(text)
    except CalcError:
        return None


def _check_line(line: _Line, firm: Firm | None) -> list[Problem]:
    problems: list[Problem] = []
    text = line.text
    minimum = firm.min_commission if firm else 5.0
    for m in _MINIMUM.finditer(text):
        group = "n" if m.group("n") else "m"
        value = _number(m.group(group))
        if value is None:
            continue
        if abs(value - minimum) > 1e-9:
            problems.append(Problem.at(
                line.pos(m.start(group)), "figure-contradicts-firm",
                f"the minimum per trade here is {m.group(group)} yuan; firm.yaml says"
                f" {format_money(minimum)}",
                "write {min_commission} (lines to say) or correct the figure",
            ))
        elif line.said:
            problems.append(_literal(line, m.start(group), "{min_commission}"))
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        for c in _CAP.finditer(sentence):
            if not _CAP_CONTEXT.search(sentence):
                continue
            raw = c.group("n") or c.group("p") or c.group("q")
            value = _number(raw)
            cap = firm.cap_rate if firm else 0.003
            if value is None:
                continue
            if abs(value / 1000 - cap) > 1e-12:
                problems.append(Problem.at(
                    line.pos(m.start() + c.start()), "figure-contradicts-firm",
                    f"the cap here is {c.group()}; firm.yaml says {format_rate(cap)}",
                    "write {cap_rate} or correct the figure",
                ))
            elif line.said:
                problems.append(_literal(line, m.start() + c.start(), "{cap_rate}"))
        if line.where != "persona":
            b = _BREAK_EVEN.search(sentence)
            if b and _FEE_CONTEXT.search(sentence):
                problems.append(Problem.at(
                    line.pos(m.start() + b.start()), "hard-coded-break-even",
                    "a trade size written into a sentence as the point where a lower rate starts"
                    " (or stops) mattering",
                    "it depends on both rates and on 免五: let the commission calculator say it,"
                    " or put the claim under 'when: - if: minimum_equalises'",
                ))
            n = _NO_SAVING.search(_QUOTED.sub(lambda q: "＿" * len(q.group()), sentence))
            if n and line.condition not in NO_SAVING_CONDITIONS and not line.summary:
                problems.append(Problem.at(
                    line.pos(m.start() + n.start()), "unconditional-no-saving",
                    f"'{n.group()}' is said whatever the client's figures: against a 免五 offer,"
                    " or with larger trades, a lower rate does save money",
                    "move it under 'when: - if: minimum_equalises' in a step with the commission"
                    " calculator before it",
                ))
        problems.extend(_worked_example(line, m.start(), sentence, minimum))
    return problems


def _literal(line: _Line, offset: int, variable: str) -> Problem:
    return Problem.at(
        line.pos(offset), "literal-firm-figure",
        "a figure from firm.yaml written out; it will not follow a change to the firm profile",
        f"write {variable} instead", level="warning",
    )


def _worked_example(line: _Line, start: int, sentence: str, minimum: float) -> list[Problem]:
    """"一年交易10万元，0.25%和0.2%只差50元": the difference the calculator gives for it."""
    turnover = _TURNOVER.search(sentence)
    rates = _RATE.findall(sentence)
    diff = _YEARLY_DIFF.search(sentence)
    if not (turnover and diff and len(rates) == 2):
        return []
    amount = _number(turnover.group("n") + turnover.group("u"))
    stated = _number(diff.group("n"))
    try:
        low, high = sorted((parse_rate(rates[0]), parse_rate(rates[1])), key=lambda r: r.value)
    except CalcError:
        return []
    if amount is None or stated is None:
        return []
    # the example speaks of the rates alone: trades large enough that the minimum never binds
    trades = max(1, int(amount * low.value // max(minimum, 1e-9)))
    result = commission(amount, trades, Rate(high.value), Rate(low.value), (minimum, 1.0))
    if abs(result.yearly_diff - stated) <= 0.5:
        return []
    return [Problem.at(
        line.pos(start + diff.start("n")), "figure-contradicts-calculator",
        f"{diff.group()}: at {format_money(amount)} a year, {rates[0]} against {rates[1]} differ by"
        f" {format_money(result.yearly_diff)}",
        "correct the figure (coach calc commission gives it)",
    )]


def _persona_claims(tree: YMap, path: Path, firm: Firm | None) -> list[Problem]:
    """A persona who says a cut saves nothing, while its own profile saves money."""
    profile = tree.get("profile")
    if not isinstance(profile, YMap) or not all(
        isinstance(profile.get(k), int | float) for k in ("turnover", "trades", "our_rate", "their_rate")
    ):
        return []
    their = Rate(float(profile["their_rate"]), bool(profile.get("their_no_minimum")))
    try:
        result = commission(float(profile["turnover"]), int(profile["trades"]),
                            float(profile["our_rate"]), their, firm)
    except CalcError:
        return []
    if result.yearly_diff <= 0.005:
        return []
    problems = []
    for line in _strings(tree, said=False, where="persona"):
        n = _NO_SAVING.search(line.text)
        if n:
            problems.append(Problem.at(
                line.pos(n.start()), "figure-contradicts-calculator",
                f"'{n.group()}': by its own profile this client saves"
                f" {format_money(result.yearly_diff)} a year at {their}",
                "make the words fit the profile (or the profile fit the words)",
            ))
    return problems


def figure_check(root: Path, library: Library) -> tuple[list[Problem], list[Path]]:
    """The figure problems of a playbooks folder (see the module docstring)."""
    root = Path(root)
    firm = library.firm
    problems: list[Problem] = []
    read: list[Path] = []
    sources = [(p, "case") for p in sorted((root / "cases").glob("*.yaml"))]
    sources.append((root / "techniques.yaml", "technique"))
    sources += [(p, "persona") for p in sorted((root / "personas").glob("*.yaml"))]
    for path, where in sources:
        if not path.is_file():
            continue
        tree, found = load_yaml(path)
        if found or not isinstance(tree, YMap):
            continue  # the loader reports what is wrong with the file itself
        read.append(path)
        said_keys = ("say", "ask", "lines") if where != "persona" else ()
        for line in _strings(tree, said=False, where=where, said_keys=said_keys):
            problems.extend(_check_line(line, firm))
        if where == "persona":
            problems.extend(_persona_claims(tree, path, firm))
    return problems, []
