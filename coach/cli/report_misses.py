"""`coach report --misses`: the statements the counter got wrong, as `phrasings.yaml` items.

Overrides carry the staff member's cause as the label; statements classified `other` carry it
when the staff member took a cause, else `causes: []` for the trainer to fill in. Each item is
preceded by a comment saying why it is listed; the whole prints as YAML a trainer pastes into
playbooks/phrasings.yaml once every item has its causes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING


def _safe(text: str) -> str:
    """One line for the terminal: control characters shown, never acted on."""
    from coach.core.text import terminal_safe

    return terminal_safe(text, keep_newlines=False)


if TYPE_CHECKING:
    from coach.core.records.report_sql import FullReport, Miss


def miss_item(miss: Miss) -> str:
    """One phrasings.yaml item (the text as a YAML scalar)."""
    import yaml

    from coach.core.text import terminal_safe

    # Playbooks hold plain text: a control character a client's text carried is shown as its
    # symbol (␛), never written as an escape.
    item = {"text": terminal_safe(miss.text, keep_newlines=False), "causes": [miss.label] if miss.label else [],
            "tags": ["counter", miss.why]}
    return yaml.safe_dump([item], allow_unicode=True, sort_keys=False,
                          default_flow_style=None, width=1_000_000)


def _why(miss: Miss, en: bool) -> str:
    said = miss.classifier or "-"
    times = f"{miss.times}x" if en else f"{miss.times} 次"
    if miss.why == "override":
        return (f"# classifier said {said}; staff chose {miss.label} ({times}, first {miss.first_seen[:10]})"
                if en else
                f"# 识别为 {said}，员工改选 {miss.label}（{times}，最早 {miss.first_seen[:10]}）")
    if miss.label:
        return (f"# classified other; staff took {miss.label} ({times}, first {miss.first_seen[:10]})"
                if en else
                f"# 识别为 other，员工选了 {miss.label}（{times}，最早 {miss.first_seen[:10]}）")
    return (f"# classified other ({times}, first {miss.first_seen[:10]}): fill in causes"
            if en else f"# 识别为 other（{times}，最早 {miss.first_seen[:10]}）：请填写 causes")


def print_misses(full: FullReport, lang: str) -> None:

    en = lang == "en"
    misses = full.misses or ()
    if not misses:
        print("# No misclassified statements recorded." if en else "# 没有识别错的记录。")
        return
    print(f"# coach report --misses: {len(misses)} statement(s). Check each causes list "
          "(leading cause first), then paste into playbooks/phrasings.yaml."
          if en else
          f"# coach report --misses：{len(misses)} 条。核对每条的 causes（主要原因在前），"
          "再粘贴到 playbooks/phrasings.yaml。")
    for miss in misses:
        print(_safe(_why(miss, en)))
        for line in miss_item(miss).splitlines():
            print(_safe(line))
