"""Child processes for the durability and concurrency tests.

Run as ``python tests/workers.py apply LOCATION CODER COUNT REPORT [BATCH]``:
applies COUNT codings, BATCH per transaction (default 1), and appends the
returned ids to REPORT only after their transaction committed, so the parent
knows exactly which codings were promised to the user.
"""

from __future__ import annotations

import os
import sys

from codebook.services.coding import apply_coding
from codebook.services.project_store import coder_id, open_project


def apply(location: str, coder: str, count: int, report: str, batch: int = 1) -> None:
    store = open_project(location)
    with store.read() as s:
        from sqlalchemy import select

        from codebook.db.models import Code, Document

        doc = s.scalar(select(Document.id))
        code = s.scalar(select(Code.id))
        assert doc is not None and code is not None
    fd = os.open(report, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    for first in range(0, count, batch):
        with store.write() as s:
            me = coder_id(s, coder)
            ids = [
                apply_coding(s, me, doc, code, i % 100, i % 100 + 1 + i // 100)
                for i in range(first, min(first + batch, count))
            ]
        os.write(fd, "".join(f"{cid}\n" for cid in ids).encode())
    os.close(fd)
    store.close()


if __name__ == "__main__":
    command, location, coder, count, report, *rest = sys.argv[1:]
    assert command == "apply"
    apply(location, coder, int(count), report, int(rest[0]) if rest else 1)
