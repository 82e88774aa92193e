"""`make bench`, early warning: `coach watch` over a 1,000,000-row monthly export (target ≤ 10 s).

The export is the sample writer's (83,334 fictional clients over 12 months), written once into
a temporary folder; the time is the whole command as a branch manager runs it, start-up included.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ROWS = 1_000_000


def main() -> int:
    from coach.core.outreach.sample import write_sample

    clients = -(-ROWS // 12)
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".csv", ".parquet"):
            path = Path(folder) / f"accounts{suffix}"
            rows = write_sample(path, clients, end="2026-11")
            start = time.perf_counter()
            done = subprocess.run([str(BIN / "coach"), "watch", str(path), "--json"],
                                  capture_output=True, check=False)
            elapsed = time.perf_counter() - start
            status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
            print(f"coach watch {suffix[1:]}: {rows:,} rows in {elapsed:.2f} s "
                  f"(target ≤ 10 s) [{status}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
