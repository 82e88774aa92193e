"""Lists with a hanging indent, for Chinese text.

Rich wraps at spaces; a Chinese sentence has none, so `"- " + sentence` would leave the marker
alone on its line and start the sentence under it. A two-column grid keeps the marker in its
own column and wraps the sentence beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text


def bullets(items: Sequence[tuple[str, Text]], *, indent: int = 0) -> Table:
    """(marker, text) rows; the text wraps in its own column."""
    width = max((cell_len(marker) for marker, _ in items), default=0)
    grid = Table.grid(expand=True)
    grid.add_column(width=indent + width, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for marker, text in items:
        grid.add_row(Text(" " * indent + marker), text)
    return grid
