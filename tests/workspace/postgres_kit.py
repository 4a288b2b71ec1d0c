"""A throwaway PostgreSQL server for the workspace tests, from the machine's own binaries.

Debian's ``postgresql`` package (what ``.ci/run`` installs) puts ``initdb`` and ``pg_ctl`` under
``/usr/lib/postgresql/VERSION/bin``. The server refuses to run as root, so as root it runs as
the ``postgres`` user the package creates. Its data and its Unix socket live in a temporary
folder; it listens on no TCP address, so it never collides with another server on the machine.
Durability is switched off: a test database lives for one test.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
from server_kit import free_port

INSTALL = "apt-get install postgresql (Debian's package; .ci/run installs it)"
SETTINGS = """
listen_addresses = ''
unix_socket_directories = '{socket}'
port = {port}
"""
FAST = """
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
"""
"""For tests, whose databases live for one test: no durability. A benchmark keeps the defaults."""


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: on PATH, else Debian's newest."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(path.split("/")[4]) if path.split("/")[4].isdigit() else 0,
    )
    return Path(found[-1]).parent if found else None


class Cluster:
    """A running server; :meth:`database` makes an empty database and gives its URL."""

    def __init__(
        self, binaries: Path, folder: Path, user: pwd.struct_passwd | None, fast: bool = True
    ) -> None:
        self.folder = folder
        self.socket = folder / "socket"
        self.data = folder / "data"
        self.port = free_port()
        self._binaries = binaries
        self._user = user  # run the server's programs as this user (we are root)
        self._count = 0
        self._fast = fast

    def start(self) -> None:
        for folder in (self.folder, self.socket):
            folder.mkdir(exist_ok=True)
            if self._user:
                os.chown(folder, self._user.pw_uid, self._user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--no-locale", "--no-sync")  # fmt: skip
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(SETTINGS.format(socket=self.socket, port=self.port))
            if self._fast:
                conf.write(FAST)
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                  "-w", "-t", "60", "start")  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def log(self) -> str:
        with contextlib.suppress(OSError):
            return (self.folder / "server.log").read_text(errors="replace")[-3000:]
        return ""

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host=str(self.socket), port=self.port, user="postgres", dbname="postgres",
            autocommit=True,
        )  # fmt: skip

    def url(self, name: str) -> str:
        return f"postgresql://postgres@/{name}?host={self.socket}&port={self.port}"

    def database(self, template: str = "template0") -> str:
        """A new database copied from ``template`` (by default an empty one); its URL."""
        self._count += 1
        name = f"test_{self._count}"
        with self.admin() as connection:
            connection.execute(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
        return self.url(name)

    def template(self, name: str, prepare: Callable[[str], None]) -> None:
        """Make database ``name`` with ``prepare(url)``, to copy later with :meth:`database`."""
        with self.admin() as connection:
            connection.execute(f"CREATE DATABASE {name} TEMPLATE template0")
        prepare(self.url(name))

    def stored(self, url: str) -> bytes:
        """The bytes on disk of a database's files and of the write-ahead log, after a
        checkpoint has written out everything committed."""
        with self.admin() as connection:
            connection.execute("CHECKPOINT")
            row = connection.execute(
                "SELECT oid FROM pg_database WHERE datname = %s", (_name(url),)
            ).fetchone()
        assert row, url
        files = [*(self.data / "base" / str(row[0])).iterdir(), *(self.data / "pg_wal").iterdir()]
        return b"".join(path.read_bytes() for path in files if path.is_file())

    def drop(self, url: str) -> None:
        """Drop a test's database, ending any connection its engines left open."""
        with self.admin() as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {_name(url)} WITH (FORCE)")

    def _run(self, program: str, *args: str) -> None:
        command = [str(self._binaries / program), *args]
        if self._user:
            command = ["runuser", "-u", self._user.pw_name, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        if done.returncode:
            raise RuntimeError(
                f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}\n"
                f"{self.log()}"
            )


def _name(url: str) -> str:
    """The database a URL of :meth:`Cluster.url` names."""
    return url.split("/")[3].split("?")[0]


@contextlib.contextmanager
def running_cluster(fast: bool = True) -> Iterator[Cluster]:
    """Start a server for the test session, stop it and remove its files afterwards; with
    ``fast``, durability is off (:data:`FAST`), else PostgreSQL's defaults hold.

    Raises:
        LookupError: the binaries or a user to run them as are missing (the message says what
            to install).
    """
    binaries = find_binaries()
    if binaries is None:
        raise LookupError(f"PostgreSQL's initdb and pg_ctl were not found: {INSTALL}")
    user = None
    if os.geteuid() == 0:  # the server will not run as root
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            raise LookupError(
                f"running as root, the tests start PostgreSQL as the user postgres, which does "
                f"not exist: {INSTALL}, or run the tests as another user"
            ) from None
    folder = Path(tempfile.mkdtemp(prefix="complychk-pg-"))
    try:
        cluster = Cluster(binaries, folder, user, fast)
        cluster.start()
        try:
            yield cluster
        finally:
            cluster.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
