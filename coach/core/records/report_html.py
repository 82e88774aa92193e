"""`coach report --html FILE`: one self-contained page of charts (Vega-Lite through altair).

The page carries the Vega, Vega-Lite and vega-embed JavaScript inline (altair's `inline=True`,
which takes the bundles from vl-convert), so it opens offline, from a mail attachment or a file
share. Charts: outcomes by cause, retention by the technique used last before the outcome, by
staff member, by week (unfinished visits apart, never in a rate), and practice scores over time
per trainee. altair is imported only here.

Text in the data is made harmless for the `<script>` the spec sits in: `<` and `>` are shown as
their full-width forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.core.records.report import Row
    from coach.core.records.report_sql import FullReport

RESULTS = ("retained", "trial", "transfer_within_firm", "lost", "unfinished")
NAMES = {
    "zh": {"retained": "挽留", "trial": "体验", "transfer_within_firm": "司内转移", "lost": "流失",
           "unfinished": "未完成（不计入挽留率）"},
    "en": {"retained": "retained", "trial": "trial", "transfer_within_firm": "transfer within firm",
           "lost": "lost", "unfinished": "unfinished (not in the rate)"},
}
COLOURS = ("#2e7d32", "#81c784", "#1976d2", "#d32f2f", "#bdbdbd")


def _safe(text: str) -> str:
    return text.replace("<", "＜").replace(">", "＞")


def _label(key: str, labels: Mapping[str, str], blank: str) -> str:
    if not key:
        return blank
    name = labels.get(key, key)
    return _safe(name if name == key else f"{name} ({key})")


def _stacked(rows: tuple[Row, ...], labels: Mapping[str, str], lang: str, blank: str) -> list:
    names = NAMES[lang]
    out: list[dict[str, Any]] = []
    for row in rows:
        for i, result in enumerate(RESULTS):
            count = getattr(row, result)
            if count:
                out.append({"key": _label(row.key, labels, blank), "result": names[result],
                            "order": i, "count": count,
                            "rate": None if row.retention_rate is None
                            else round(row.retention_rate, 3)})
    return out


def _outcome_chart(alt: Any, data: list, title: str, axis: str, lang: str, sort: list) -> Any:
    names = NAMES[lang]
    return (
        alt.Chart(alt.Data(values=data), title=title)
        .mark_bar()
        .encode(
            y=alt.Y("key:N", title=axis, sort=sort),
            x=alt.X("count:Q", title="来访" if lang == "zh" else "visits", stack="zero"),
            color=alt.Color("result:N", title=None,
                            scale=alt.Scale(domain=[names[r] for r in RESULTS],
                                            range=list(COLOURS))),
            order=alt.Order("order:Q"),
            tooltip=["key:N", "result:N", "count:Q",
                     alt.Tooltip("rate:Q", format=".0%",
                                 title="挽留率" if lang == "zh" else "kept")],
        )
        .properties(width=560)
    )


def build_chart(full: FullReport, labels: Mapping[str, str], lang: str = "zh") -> Any:
    """The page's charts as one altair chart (a vertical concatenation)."""
    import altair as alt

    zh = lang != "en"
    lang = "zh" if zh else "en"
    unknown = "（未记录）" if zh else "(unknown)"
    report = full.report
    charts = []
    if report.by_cause:
        rows = report.by_cause
        charts.append(_outcome_chart(
            alt, _stacked(rows, labels, lang, unknown), "按原因" if zh else "By cause",
            "原因" if zh else "cause", lang, [_label(r.key, labels, unknown) for r in rows]))
    if report.by_technique:
        rate = [{"key": _label(r.key, labels, unknown), "rate": r.retention_rate,
                 "results": r.results} for r in report.by_technique]
        charts.append(
            alt.Chart(alt.Data(values=rate),
                      title="按结果前最后用的话术技巧：挽留率" if zh
                      else "Kept, by the technique used last before the outcome")
            .mark_bar(color=COLOURS[0])
            .encode(y=alt.Y("key:N", title="技巧" if zh else "technique", sort="-x"),
                    x=alt.X("rate:Q", title="挽留率" if zh else "kept",
                            axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
                    tooltip=["key:N", alt.Tooltip("rate:Q", format=".0%"), "results:Q"])
            .properties(width=560))
    if full.by_staff:
        rows = full.by_staff
        charts.append(_outcome_chart(
            alt, _stacked(rows, {}, lang, unknown), "按员工" if zh else "By staff member",
            "员工" if zh else "staff", lang, [_label(r.key, {}, unknown) for r in rows]))
    if full.by_week:
        weeks = [{"week": _safe(r.key or unknown), "rate": r.retention_rate,
                  "visits": r.results + r.unfinished} for r in full.by_week]
        base = alt.Chart(alt.Data(values=weeks)).encode(
            x=alt.X("week:O", title="周" if zh else "week"))
        charts.append(alt.layer(
            base.mark_bar(color="#90caf9").encode(
                y=alt.Y("visits:Q", title="来访" if zh else "visits")),
            base.mark_line(point=True, color=COLOURS[3]).encode(
                y=alt.Y("rate:Q", title="挽留率" if zh else "kept", axis=alt.Axis(format="%"),
                        scale=alt.Scale(domain=[0, 1]))),
        ).resolve_scale(y="independent").properties(
            width=560, title="按周：来访与挽留率" if zh else "By week: visits and kept"))
    if full.practice:
        scores = [{"trainee": _safe(p.staff or unknown), "week": _safe(p.week),
                   "average": p.average, "sessions": p.sessions} for p in full.practice]
        charts.append(
            alt.Chart(alt.Data(values=scores),
                      title="练习得分（每位学员，按周平均）" if zh
                      else "Practice scores per trainee (weekly average)")
            .mark_line(point=True)
            .encode(x=alt.X("week:O", title="周" if zh else "week"),
                    y=alt.Y("average:Q", title="平均分" if zh else "average score",
                            scale=alt.Scale(domain=[0, 100])),
                    color=alt.Color("trainee:N", title="学员" if zh else "trainee"),
                    tooltip=["trainee:N", "week:O", "average:Q", "sessions:Q"])
            .properties(width=560))
    total = report.total
    rate = "-" if total.retention_rate is None else f"{total.retention_rate:.0%}"
    subtitle = (
        f"{report.sessions} 个会话，{total.results} 个结果，挽留率 {rate}；"
        f"另有 {total.unfinished} 个未完成的来访，不计入挽留率"
        if zh else
        f"{report.sessions} sessions, {total.results} outcomes, kept {rate}; "
        f"{total.unfinished} unfinished visit(s) apart, not in the rate"
    )
    title = alt.TitleParams("挽留报表" if zh else "Retention report", subtitle=[subtitle],
                            anchor="start", fontSize=18)
    if not charts:
        charts.append(alt.Chart(alt.Data(values=[{"x": 0}])).mark_text(
            text="还没有会话记录" if zh else "No sessions recorded yet"))
    # each chart keeps its own colours: outcomes in one, trainees in another
    return (alt.vconcat(*charts, title=title).resolve_scale(color="independent")
            .configure_view(stroke=None))


def write_html(full: FullReport, labels: Mapping[str, str], path: Path, lang: str = "zh") -> None:
    """Write the page (JavaScript inline: it works offline)."""
    chart = build_chart(full, labels, lang)
    html = chart.to_html(inline=True, embed_options={"renderer": "svg", "actions": False})
    Path(path).write_text(html, encoding="utf-8")
