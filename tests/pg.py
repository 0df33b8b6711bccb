"""A throwaway PostgreSQL cluster for the tests: initdb in a temp dir, unix socket only.

PostgreSQL refuses to run as root, so when the tests run as root (as CI does)
the cluster runs as the ``postgres`` system user, which Debian's package
creates. Nothing listens on TCP and nothing outlives the test session.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path


def find_bindir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    bindir: Path
    root: Path
    port: int
    user: str
    run_as: str | None

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def _cmd(self, *args: str) -> list[str]:
        if self.run_as is None:
            return list(args)
        return ["runuser", "-u", self.run_as, "--", *args]

    def start(self) -> None:
        data = self.root / "data"
        for d in (data, self.socket_dir):
            d.mkdir()
            if self.run_as is not None:
                entry = pwd.getpwnam(self.run_as)
                os.chown(d, entry.pw_uid, entry.pw_gid)
        subprocess.run(
            self._cmd(
                str(self.bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                self.user,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' "
            f"-p {self.port} -c fsync=off -c max_connections=60"
        )
        subprocess.run(
            self._cmd(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(self.socket_dir / "server.log"),
                "-w",
                "start",
            ),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        subprocess.run(
            self._cmd(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-m",
                "immediate",
                "stop",
            ),
            capture_output=True,
        )
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{self.user}@/{dbname}?host={self.socket_dir}&port={self.port}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=self.user,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)


def start_cluster() -> Cluster:
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError(
            "PostgreSQL server binaries (initdb) not found: run 'make test', which installs them"
        )
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError as exc:
            raise RuntimeError("running as root needs the 'postgres' system user") from exc
        run_as = "postgres"
    root = Path(tempfile.mkdtemp(prefix="codebook-pg-"))
    root.chmod(0o755)
    cluster = Cluster(bindir, root, _free_port(), "postgres", run_as)
    cluster.start()
    return cluster
