"""The report's SQL files (`sql/` beside this module) and how they are run on DuckDB."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.core.records.events import COLUMNS

SQL = Path(__file__).with_name("sql")
OUTCOME_ROWS = ("step", "reaction", "outcome")


def sql(name: str) -> str:
    return (SQL / name).read_text(encoding="utf-8")


def script(con: Any, name: str, params: dict[str, Any]) -> None:
    """Run a file of several statements from `sql/`."""
    statements(con, sql(name), params)


def statements(con: Any, text: str, params: dict[str, Any]) -> None:
    """Run several statements, each given the parameters it names (DuckDB takes parameters for
    one statement at a time)."""
    for statement in text.split(";\n"):
        code = "\n".join(line for line in statement.splitlines()
                         if not line.lstrip().startswith("--"))
        if code.strip():
            con.execute(code, {k: v for k, v in params.items() if f"${k}" in code})


def columns_literal() -> str:
    """The `columns` struct literal for read_json (names and types come from our own table)."""
    return "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS.items()) + "}"


def load_rows(con: Any, table: str, rows_file: Path) -> None:
    """`table` (a temp table) from a newline-delimited JSON file of rows (events.write_ndjson)."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_json($rows, "
        f"format = 'newline_delimited', columns = {columns_literal()})",
        {"rows": str(rows_file)},
    )


def visits(con: Any, since: Any = None, until: Any = None, staff: str | None = None,
           modes: list[str] | tuple[str, ...] = ()) -> None:
    """The `filters`, `picked`, `counted` views and the `visits` table over `events`."""
    from coach.core.content.model import OUTCOMES

    script(con, "sessions.sql", {"since": since, "until": until, "staff": staff,
                                 "modes": list(modes)})
    con.execute(sql("visits.sql"), {"outcomes": list(OUTCOMES)})
