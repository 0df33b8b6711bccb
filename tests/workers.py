"""Child processes for the durability and concurrency tests.

Run as ``python tests/workers.py apply LOCATION CODER COUNT REPORT``: applies
COUNT codings one transaction at a time and appends each returned id to
REPORT only after its transaction committed, so the parent knows exactly
which codings were promised to the user.
"""

from __future__ import annotations

import os
import sys

from codebook.services.coding import apply_coding
from codebook.services.project import coder_id, open_project


def apply(location: str, coder: str, count: int, report: str) -> None:
    store = open_project(location)
    with store.read() as s:
        from codebook.db.models import Code, Document
        from sqlalchemy import select

        doc = s.scalar(select(Document.id))
        code = s.scalar(select(Code.id))
        assert doc is not None and code is not None
    fd = os.open(report, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    for i in range(count):
        with store.write() as s:
            cid = apply_coding(s, coder_id(s, coder), doc, code, i % 100, i % 100 + 1 + i // 100)
        os.write(fd, f"{cid}\n".encode())
    os.close(fd)
    store.close()


if __name__ == "__main__":
    command, location, coder, count, report = sys.argv[1:]
    assert command == "apply"
    apply(location, coder, int(count), report)
