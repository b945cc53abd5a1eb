"""scripts/backup and scripts/restore: the demo organisation, backed up and restored into a
fresh database, comes back whole: every table (from the database's own catalogue) with
the same number of rows and the same checksum of its rows, and every uploaded file.

SQLite (the embedded default) runs in every pass; PostgreSQL (pg_dump / pg_restore, as the
owner role, ADR-013) in the PostgreSQL pass.
"""

import hashlib
import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

SCRIPTS = Path(settings.BASE_DIR) / "scripts"
NOT_EMPTY = 3
# Tables the demo fills, so that "the same" is not "both empty".
FILLED = ("accounts_user", "caseload_person", "contacts_contactnote", "core_auditevent")

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump and pg_restore are PostgreSQL's (this runs in its pass)",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the SQLite backup (the PostgreSQL pass has its own test)",
)

Fingerprint = dict[str, tuple[int, str]]  # table -> (rows, checksum of its rows)


def run(script: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "PEERPATH_"))}
    return subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [str(SCRIPTS / script), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def sqlite_fingerprint(path: Path) -> Fingerprint:
    """Every table sqlite_master lists → its row count and the md5 of its sorted rows."""
    with sqlite3.connect(path) as db:
        tables = [
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        result = {}
        for table in tables:
            rows = sorted(repr(row) for row in db.execute(f'SELECT * FROM "{table}"'))  # noqa: S608
            result[table] = (len(rows), hashlib.md5("\n".join(rows).encode()).hexdigest())  # noqa: S324
    return result


def pg_fingerprint(**connect: Any) -> Fingerprint:
    """Every table pg_class lists outside the system schemas → its row count and the md5 of
    its rows' text, ordered."""
    with psycopg.connect(**connect) as db:
        tables = [
            f"{schema}.{name}"
            for schema, name in db.execute(
                "SELECT n.nspname, c.relname FROM pg_class c"
                " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                " AND n.nspname NOT LIKE 'pg_toast%'"
            )
        ]
        result = {}
        for table in tables:
            row = db.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"  # noqa: S608
                f" FROM {table} t"
            ).fetchone()
            assert row is not None
            result[table.removeprefix("public.")] = (row[0], row[1])
    return result


def files_fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def seed_with_an_upload() -> dict[str, str]:
    call_command("seed_demo_data", verbosity=0)
    default_storage.save("submissions/demo/essay.pdf", ContentFile(b"%PDF-1.4 reflective essay"))
    uploads = files_fingerprint(Path(settings.MEDIA_ROOT))
    assert uploads
    return uploads


def assert_same(before: Fingerprint, after: Fingerprint) -> None:
    assert all(before[table][0] > 0 for table in FILLED), {t: before.get(t) for t in FILLED}
    missing = sorted(set(before) - set(after))
    assert not missing, f"tables not restored: {missing}"
    differ = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
    assert not differ, f"tables restored with other rows: {differ}"
    assert before == after


@on_sqlite
@pytest.mark.django_db(transaction=True)  # SQLite's backup waits for an open write transaction
def test_a_sqlite_backup_taken_while_peerpath_writes_restores_every_row_and_file(
    tmp_path: Path,
) -> None:
    uploads = seed_with_an_upload()
    # The "live" database file, in WAL mode as PeerPath runs it.
    live_dir, restored_dir = tmp_path / "live", tmp_path / "restored"
    live_dir.mkdir()
    live = live_dir / "peerpath.sqlite3"
    with sqlite3.connect(live) as copy:
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")
    before = sqlite_fingerprint(live)
    # PeerPath, mid-write: a transaction holds the write lock while the backup runs. The
    # backup neither waits for it nor contains its uncommitted row.
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM core_auditevent")
    backup_env = {
        "PEERPATH_DATA_DIR": str(live_dir),
        "PEERPATH_MEDIA_DIR": str(settings.MEDIA_ROOT),
    }
    try:
        done = run("backup", str(tmp_path / "backup"), env=backup_env)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert done.returncode == 0, done.stderr

    restore_env = {
        "PEERPATH_DATA_DIR": str(restored_dir),
        "PEERPATH_MEDIA_DIR": str(restored_dir / "uploads"),
    }
    done = run("restore", str(tmp_path / "backup"), env=restore_env)
    assert done.returncode == 0, done.stderr
    assert_same(before, sqlite_fingerprint(restored_dir / "peerpath.sqlite3"))
    assert files_fingerprint(restored_dir / "uploads") == uploads

    # A second restore into what is now a full database is refused, and changes nothing;
    # --force replaces it.
    done = run("restore", str(tmp_path / "backup"), env=restore_env)
    assert done.returncode == NOT_EMPTY, done.stderr
    assert "--force" in done.stderr
    done = run("restore", "--force", str(tmp_path / "backup"), env=restore_env)
    assert done.returncode == 0, done.stderr
    assert_same(before, sqlite_fingerprint(restored_dir / "peerpath.sqlite3"))
    # And a backup never lands on a folder that holds something else.
    done = run("backup", str(live_dir), env=backup_env)
    assert done.returncode == NOT_EMPTY


@on_postgresql
@pytest.mark.django_db(transaction=True)  # pg_dump reads what is committed
def test_a_postgresql_backup_restores_every_row_and_file_into_a_fresh_database(
    tmp_path: Path,
) -> None:
    from peerpath.tests.databases import application_role, owner_role

    uploads = seed_with_an_upload()
    db = connection.settings_dict
    owner, app = owner_role(), application_role()
    server = {"host": db["HOST"], "port": db["PORT"] or 5432}
    as_owner = {**server, "user": owner.user, "password": owner.password}
    fresh = f"{db['NAME']}_restored"

    def url(role: Any, name: str) -> str:
        return f"postgres://{role.user}:{role.password}@{server['host']}:{server['port']}/{name}"

    before = pg_fingerprint(dbname=db["NAME"], **as_owner)
    done = run(
        "backup",
        str(tmp_path / "backup"),
        env={
            "DATABASE_URL": url(app, db["NAME"]),
            "DATABASE_OWNER_URL": url(owner, db["NAME"]),
            "PEERPATH_MEDIA_DIR": str(settings.MEDIA_ROOT),
        },
    )
    assert done.returncode == 0, done.stderr
    with psycopg.connect(dbname="postgres", autocommit=True, **as_owner) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        restore_env = {
            "DATABASE_OWNER_URL": url(owner, fresh),
            "PEERPATH_MEDIA_DIR": str(tmp_path / "restored-uploads"),
        }
        done = run("restore", str(tmp_path / "backup"), env=restore_env)
        assert done.returncode == 0, done.stderr
        assert_same(before, pg_fingerprint(dbname=fresh, **as_owner))
        assert files_fingerprint(tmp_path / "restored-uploads") == uploads
        # PeerPath's own role may use the restored rows (the grants came back), and the
        # protections came back with them: the audit log still refuses a DELETE.
        with psycopg.connect(
            dbname=fresh, user=app.user, password=app.password, **server
        ) as as_app:
            count = as_app.execute("SELECT count(*) FROM accounts_user").fetchone()
            assert count is not None and count[0] == before["accounts_user"][0]
            with pytest.raises(psycopg.Error):
                as_app.execute("DELETE FROM core_auditevent")
        # Restoring again onto the now full database is refused; nothing changes.
        done = run("restore", str(tmp_path / "backup"), env=restore_env)
        assert done.returncode == NOT_EMPTY, done.stderr
        assert_same(before, pg_fingerprint(dbname=fresh, **as_owner))
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **as_owner) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
