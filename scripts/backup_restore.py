"""PeerPath's backup and restore: the database and the uploaded files, together.

`scripts/backup DIR` and `scripts/restore DIR` call this file; run either with --help.
Only the standard library and PostgreSQL's own client programs, so it runs on a host that
has PeerPath's configuration but not its virtual environment.

Which database: as PeerPath itself decides (peerpath/config/settings/base.py):
DATABASE_URL names PostgreSQL (or sqlite:///path); unset, the embedded SQLite database
$PEERPATH_DATA_DIR/peerpath.sqlite3. Uploaded files: $PEERPATH_MEDIA_DIR, by default
$PEERPATH_DATA_DIR/uploads. On PostgreSQL both scripts connect as DATABASE_OWNER_URL when
it is set (the role that owns the tables, README "Production deployment"), else as
DATABASE_URL: a restore creates tables, which only the owner may do.

A backup folder holds:
  database.dump     PostgreSQL: pg_dump's custom format (pg_restore reads it), or
  peerpath.sqlite3  SQLite: a copy made with SQLite's online backup API, consistent even
                    while PeerPath writes (WAL readers do not block writers);
  uploads/          a copy of the uploaded files;
  manifest.json     what was backed up, when, from where (no passwords).

Exit codes: 0 done; 1 failed (the message says why); 2 wrong usage; 3 the target is not
empty and --force was not given (nothing was changed).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

BASE_DIR = Path(__file__).resolve().parents[1]
FAILED, USAGE, NOT_EMPTY = 1, 2, 3
DUMP, SQLITE_COPY, UPLOADS, MANIFEST = (
    "database.dump",
    "peerpath.sqlite3",
    "uploads",
    "manifest.json",
)


class Refused(Exception):
    def __init__(self, message: str, code: int = FAILED) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Database:
    vendor: str  # "postgresql" or "sqlite"
    path: Path = Path()  # SQLite
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""
    name: str = ""

    def describe(self) -> str:
        if self.vendor == "sqlite":
            return f"SQLite {self.path}"
        return f"PostgreSQL {self.user}@{self.host}:{self.port}/{self.name}"


def database_from(url: str | None) -> Database:
    """The database a URL names, as django-environ reads it; None: the embedded SQLite."""
    if not url:
        data_dir = Path(os.environ.get("PEERPATH_DATA_DIR", BASE_DIR / "data"))
        return Database("sqlite", path=data_dir / "peerpath.sqlite3")
    parts = urlsplit(url)
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        return Database(
            "postgresql",
            host=parts.hostname or "",
            port=str(parts.port or ""),
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            name=unquote(parts.path.lstrip("/")),
        )
    if parts.scheme == "sqlite":
        return Database("sqlite", path=Path(unquote(parts.path)))
    raise Refused(f"Backups know PostgreSQL and SQLite, not {parts.scheme}://", USAGE)


def configured_database(url: str | None) -> Database:
    return database_from(
        url or os.environ.get("DATABASE_OWNER_URL") or os.environ.get("DATABASE_URL")
    )


def configured_media(media: str | None) -> Path:
    if media:
        return Path(media)
    if os.environ.get("PEERPATH_MEDIA_DIR"):
        return Path(os.environ["PEERPATH_MEDIA_DIR"])
    return Path(os.environ.get("PEERPATH_DATA_DIR", BASE_DIR / "data")) / "uploads"


# --- PostgreSQL ------------------------------------------------------------------------------


def pg_program(name: str) -> str:
    """Debian keeps the client programs' newest version out of PATH's reach sometimes."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_key)
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise Refused(f"{name} is not installed (Debian: apt-get install postgresql-client)")


def _version_key(path: str) -> tuple[int, ...]:
    version = Path(path).parts[-3]
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def pg_run(db: Database, program: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PGPASSWORD": db.password} if db.password else dict(os.environ)
    where = []
    if db.host:
        where += ["--host", db.host]
    if db.port:
        where += ["--port", db.port]
    if db.user:
        where += ["--username", db.user]
    return subprocess.run(  # noqa: S603 (a fixed program; arguments are not a shell line)
        [pg_program(program), *where, "--no-password", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def pg_tables(db: Database) -> list[str]:
    done = pg_run(
        db,
        "psql",
        "--dbname",
        db.name,
        "--tuples-only",
        "--no-align",
        "--command",
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
        " AND n.nspname NOT LIKE 'pg_toast%'",
    )
    if done.returncode:
        raise Refused(f"Could not read {db.describe()}: {done.stderr.strip()}")
    return [line for line in done.stdout.splitlines() if line]


def pg_backup(db: Database, folder: Path) -> None:
    # One snapshot for every table; custom format, compressed, for pg_restore.
    done = pg_run(db, "pg_dump", "--format=custom", "--file", str(folder / DUMP), db.name)
    if done.returncode:
        raise Refused(f"pg_dump failed: {done.stderr.strip()}")


def pg_restore(db: Database, folder: Path, *, force: bool) -> None:
    dump = folder / DUMP
    if not dump.is_file():
        raise Refused(f"{folder} holds no {DUMP}: not a PostgreSQL backup", USAGE)
    tables = pg_tables(db)
    if tables and not force:
        raise Refused(
            f"{db.describe()} already has {len(tables)} tables. Restore into a fresh database"
            " (createdb --owner=peerpath_owner NAME), or give --force to replace its"
            " contents with the backup's.",
            NOT_EMPTY,
        )
    args = ["--dbname", db.name, "--exit-on-error", "--single-transaction", "--no-owner"]
    if tables:
        args += ["--clean", "--if-exists"]
    # --no-owner: what is restored belongs to the role restoring it, the owner role; the
    # grants to the application role come back with the dump's access lists.
    done = pg_run(db, "pg_restore", *args, str(dump))
    if done.returncode:
        raise Refused(f"pg_restore failed, and rolled back: {done.stderr.strip()}")


# --- SQLite ----------------------------------------------------------------------------------


def sqlite_tables(path: Path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]


def sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy while others read and write the source."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def sqlite_backup(db: Database, folder: Path) -> None:
    if not db.path.is_file():
        raise Refused(f"There is no database at {db.path}")
    sqlite_copy(db.path, folder / SQLITE_COPY)


def sqlite_restore(db: Database, folder: Path, *, force: bool) -> None:
    copy = folder / SQLITE_COPY
    if not copy.is_file():
        raise Refused(f"{folder} holds no {SQLITE_COPY}: not a SQLite backup", USAGE)
    if db.path.is_file() and sqlite_tables(db.path) and not force:
        raise Refused(
            f"{db.describe()} already has tables. Restore to another file, or give --force"
            " to replace it with the backup (stop PeerPath first).",
            NOT_EMPTY,
        )
    db.path.parent.mkdir(parents=True, exist_ok=True)
    # The backup API writes every page of the target, in the target's own journal mode,
    # so its -wal file cannot outlive the old contents.
    sqlite_copy(copy, db.path)


# --- Uploaded files --------------------------------------------------------------------------


def uploads_backup(media: Path, folder: Path) -> int:
    target = folder / UPLOADS
    if media.is_dir():
        shutil.copytree(media, target, symlinks=False)
    else:
        target.mkdir()
    return sum(1 for p in target.rglob("*") if p.is_file())


def uploads_restore(media: Path, folder: Path, *, force: bool) -> int:
    source = folder / UPLOADS
    if not source.is_dir():
        raise Refused(f"{folder} holds no {UPLOADS}/ folder", USAGE)
    if media.is_dir() and any(media.iterdir()):
        if not force:
            raise Refused(
                f"The uploads folder {media} is not empty. Give --force to replace it.",
                NOT_EMPTY,
            )
        shutil.rmtree(media)
    shutil.copytree(source, media, dirs_exist_ok=True)
    return sum(1 for p in media.rglob("*") if p.is_file())


# --- Commands --------------------------------------------------------------------------------


def backup(args: argparse.Namespace) -> None:
    folder: Path = args.folder
    db = configured_database(args.database)
    media = configured_media(args.media)
    if folder.exists() and any(folder.iterdir()):
        # --force replaces an earlier backup, never a folder of something else.
        if not args.force or not (folder / MANIFEST).is_file():
            raise Refused(
                f"{folder} is not empty. Choose a new folder"
                + (
                    ", or give --force to replace that backup."
                    if (folder / MANIFEST).is_file()
                    else "."
                ),
                NOT_EMPTY,
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    if db.vendor == "postgresql":
        pg_backup(db, folder)
    else:
        sqlite_backup(db, folder)
    files = uploads_backup(media, folder)
    manifest = {
        "peerpath_backup": 1,
        "database": db.vendor,
        "from": db.describe(),
        "uploads_from": str(media),
        "uploaded_files": files,
        "started_at": started.isoformat(),
        "finished_at": datetime.now(UTC).isoformat(),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"Backed up {db.describe()} and {files} uploaded files into {folder}")


def restore(args: argparse.Namespace) -> None:
    folder: Path = args.folder
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise Refused(f"{folder} is not a PeerPath backup ({MANIFEST}: {error})", USAGE) from None
    db = configured_database(args.database)
    media = configured_media(args.media)
    if manifest.get("database") != db.vendor:
        raise Refused(
            f"The backup is of {manifest.get('database')}; the target is {db.describe()}", USAGE
        )
    # Check both targets before changing either, so a refusal changes nothing.
    if not args.force:
        if db.vendor == "postgresql" and pg_tables(db):
            pg_restore(db, folder, force=False)  # raises Refused(NOT_EMPTY)
        if db.vendor == "sqlite" and db.path.is_file() and sqlite_tables(db.path):
            sqlite_restore(db, folder, force=False)  # raises Refused(NOT_EMPTY)
        if media.is_dir() and any(media.iterdir()):
            uploads_restore(media, folder, force=False)  # raises Refused(NOT_EMPTY)
    if db.vendor == "postgresql":
        pg_restore(db, folder, force=args.force)
    else:
        sqlite_restore(db, folder, force=args.force)
    files = uploads_restore(media, folder, force=args.force)
    print(f"Restored {db.describe()} and {files} uploaded files from {folder}")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    verbs = {"backup": backup, "restore": restore}
    if command not in verbs:
        print("usage: backup_restore.py backup|restore ...", file=sys.stderr)
        return USAGE
    what = {
        "backup": "Back up PeerPath's database and uploaded files into a new folder.",
        "restore": "Restore a PeerPath backup folder into an empty database and uploads folder.",
    }[command]
    parser = argparse.ArgumentParser(
        prog=f"scripts/{command}",
        description=what,
        epilog="The database: --database, else DATABASE_OWNER_URL, else DATABASE_URL, else"
        " the embedded SQLite ($PEERPATH_DATA_DIR/peerpath.sqlite3). Uploads: --media, else"
        " $PEERPATH_MEDIA_DIR, else $PEERPATH_DATA_DIR/uploads. Exit codes: 0 done, 1 failed,"
        " 2 wrong usage, 3 target not empty (nothing changed).",
    )
    parser.add_argument("folder", type=Path, help="the backup folder")
    parser.add_argument("--database", metavar="URL", help="postgres://… or sqlite:///path")
    parser.add_argument("--media", metavar="DIR", help="the uploaded files' folder")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace a non-empty database and uploads folder"
        if command == "restore"
        else "replace an earlier backup in that folder",
    )
    try:
        args = parser.parse_args(argv[1:])
    except SystemExit as exit_:
        return int(exit_.code or 0) and USAGE
    try:
        verbs[command](args)
    except Refused as refused:
        print(f"{command}: {refused}", file=sys.stderr)
        return refused.code
    except (OSError, sqlite3.Error) as error:
        print(f"{command}: failed: {error}", file=sys.stderr)
        return FAILED
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
