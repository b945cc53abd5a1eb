"""Measure the key pages of every role on the benchmark data set (issue 14).

`manage.py bench_run --label sqlite-S` (scripts/bench runs it with the bench settings):

1. In the process: each page's statements (CaptureQueriesContext), then the median and
   p95 of `--requests` GETs with Django's test client (each page stops after
   `--budget` seconds, with at least 3 requests, so one slow page cannot take the hour).
2. Under load: gunicorn (2 sync workers, production's middleware, DEBUG off) serving
   PeerPath and the bench's bare view; Debian's wrk with 8 connections hits the bare view,
   then every page, in `--rounds` interleaved rounds, signed in by a session cookie made
   on the server. Ratios are computed within a round (page ÷ bare of the same round),
   then the median is taken. Any response other than 2xx fails the run.

It prints a table with the goals of issue 14 (PASS/MISS and by how much) and writes the
results to data/bench/<label>.json. With a data/bench/<db>-S.json of an earlier S run on
the same database, an M or L run also checks "p95 M <= 1.25 x p95 S" and "statements
identical at S and M".
"""

import contextlib
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.urls import reverse

from peerpath.core.roles import Role
from peerpath.nonprod import bench

LUA = """
local cookie = os.getenv("BENCH_COOKIE")
if cookie ~= nil and cookie ~= "" then wrk.headers["Cookie"] = cookie end
done = function(s, lat, req)
  io.write(string.format(
    "RESULT rps=%.1f p50=%.2f p95=%.2f p99=%.2f non2xx=%d timeouts=%d errors=%d requests=%d\\n",
    s.requests / (s.duration / 1e6), lat:percentile(50) / 1000, lat:percentile(95) / 1000,
    lat:percentile(99) / 1000, s.errors.status, s.errors.timeout,
    s.errors.connect + s.errors.read + s.errors.write, s.requests))
end
"""

# Goals of issue 14.
KEY_RATIO, DASHBOARD_RATIO = 0.15, 0.08
P95_GROWTH = 1.25
P95_MS_AT_M = 100.0
AUDIT_SEARCH_MS = 200.0
BARE = "bare view"
BARE_SIGNED_IN = "bare view, signed in"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


class Command(BaseCommand):
    help = "Time the key pages of every role against the bare view (issue 14)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--label", required=True, help="e.g. sqlite-S, pg-M")
        parser.add_argument("--requests", type=int, default=30)
        parser.add_argument("--budget", type=float, default=15.0)
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--seconds", type=int, default=3, help="wrk run per page per round")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--no-load", action="store_true", help="In-process figures only")
        parser.add_argument(
            "--skip-ms",
            type=float,
            default=2000.0,
            help="Leave out of the load run a page whose median in the process is slower",
        )
        parser.add_argument("--out", type=Path, default=Path(settings.BASE_DIR) / "data" / "bench")

    def handle(self, *args: Any, **options: Any) -> None:
        label: str = options["label"]
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        personas = bench.Personas.load()
        pages = bench.pages(personas)
        clients = {str(role): bench.signed_in_client(user) for role, user in personas.users.items()}
        results: dict[str, dict[str, Any]] = {}
        self.stdout.write(f"In the process ({options['requests']} requests a page):")
        for page in pages:
            results[page.name] = self.in_process(page, clients[str(page.role)], options)
        if not options["no_load"]:
            cookies = {
                role: f"{settings.SESSION_COOKIE_NAME}="
                f"{client.cookies[settings.SESSION_COOKIE_NAME].value}"
                for role, client in clients.items()
            }
            self.under_load(pages, cookies, results, options)
        report = self.report(label, pages, results, out)
        (out / f"{label}.json").write_text(json.dumps(report, indent=2) + "\n")
        self.stdout.write(f"\nwritten: {out / (label + '.json')}")
        bad = {n: r.get("non2xx", 0) for n, r in results.items() if r.get("non2xx")}
        bad |= {n: r["status"] for n, r in results.items() if r["status"] != 200}
        if bad:
            raise CommandError(f"Responses other than 200 (must be none): {bad}")

    # --- in the process -----------------------------------------------------------------

    def in_process(self, page: bench.Page, client: Any, options: dict[str, Any]) -> dict[str, Any]:
        status, count = bench.statements(client, page.url)
        times: list[float] = []
        started = time.monotonic()
        while len(times) < options["requests"]:
            t0 = time.perf_counter()
            response = client.get(page.url)
            times.append((time.perf_counter() - t0) * 1000)
            status = status if status != 200 else response.status_code
            spent = time.monotonic() - started
            # At least 3 requests, unless one page alone takes the whole budget.
            if spent > options["budget"] and (len(times) >= 3 or spent > 2 * options["budget"]):
                break
        median, p95 = statistics.median(times), percentile(times, 95)
        self.stdout.write(
            f"  {page.name:<22} {status} {count:>3} statements  "
            f"median {median:7.1f} ms  p95 {p95:7.1f} ms  ({len(times)} requests)"
        )
        return {
            "url": page.url,
            "role": str(page.role),
            "status": status,
            "statements": count,
            "median_ms": round(median, 2),
            "p95_ms": round(p95, 2),
            "requests": len(times),
            "bytes": len(response.content),
        }

    # --- under load ---------------------------------------------------------------------

    def under_load(
        self,
        pages: list[bench.Page],
        cookies: dict[str, str],
        results: dict[str, dict[str, Any]],
        options: dict[str, Any],
    ) -> None:
        if not shutil.which("wrk"):
            raise CommandError("wrk is missing: apt-get install -y wrk")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        bare = reverse("bench-bare")
        # A page slower than --skip-ms in the process would keep both workers busy long
        # after wrk stops, and spoil the figures of the pages after it: left out, and said.
        slow = [p.name for p in pages if results[p.name]["median_ms"] > options["skip_ms"]]
        for name in slow:
            results[name]["load_skipped"] = f"median {results[name]['median_ms']:.0f} ms"
            self.stdout.write(f"  not under load: {name} ({results[name]['load_skipped']})")
        targets = [
            (BARE, bare, ""),
            (BARE_SIGNED_IN, bare, cookies[str(Role.PSW)]),
            *((p.name, p.url, cookies[str(p.role)]) for p in pages if p.name not in slow),
        ]
        log = Path(options["out"]) / "gunicorn.log"
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "done.lua"
            script.write_text(LUA)
            server = subprocess.Popen(  # noqa: S603
                [
                    str(Path(settings.BASE_DIR) / ".venv" / "bin" / "gunicorn"),
                    "peerpath.config.wsgi:application",
                    "--workers",
                    "2",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--timeout",
                    "120",
                ],
                cwd=settings.BASE_DIR,
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
            try:
                wait_for(base + bare)
                self.stdout.write(
                    f"\nUnder load: gunicorn 2 sync workers on :{port} (pid {server.pid}), "
                    f"wrk -t1 -c{options['connections']}, {options['rounds']} rounds of "
                    f"{options['seconds']} s a page"
                )
                for _name, url, cookie in targets:  # warm-up: connections, caches
                    self.wrk(script, base + url, cookie, 1, 2)
                    settle(base + bare)
                runs: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in targets}
                for r in range(options["rounds"]):
                    for name, url, cookie in targets:
                        run = self.wrk(
                            script, base + url, cookie, options["seconds"], options["connections"]
                        )
                        # Requests wrk left in flight are still served after it stops:
                        # wait for them, so they do not eat into the next page's turn.
                        run["settle_ms"] = settle(base + bare)
                        if not run["requests"]:
                            # Nothing answered in the whole turn: p95 is at least the turn.
                            run["p95"] = run["p99"] = options["seconds"] * 1000.0
                        runs[name].append(run)
                    self.stdout.write(
                        f"  round {r + 1}: bare {runs[BARE][-1]['rps']:.0f} req/s, signed in "
                        f"{runs[BARE_SIGNED_IN][-1]['rps']:.0f} req/s"
                    )
            finally:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
        for name, _, _ in targets:
            rounds = runs[name]
            entry = results.setdefault(name, {"status": 200})
            entry["load"] = rounds
            entry["rps"] = statistics.median(x["rps"] for x in rounds)
            entry["load_p95_ms"] = statistics.median(x["p95"] for x in rounds)
            entry["load_p99_ms"] = statistics.median(x["p99"] for x in rounds)
            entry["non2xx"] = int(sum(x["non2xx"] for x in rounds))
            entry["timeouts"] = int(sum(x["timeouts"] for x in rounds))
            entry["ratio"] = statistics.median(
                x["rps"] / b["rps"] if b["rps"] else 0
                for x, b in zip(rounds, runs[BARE], strict=True)
            )
            entry["ratio_signed_in"] = statistics.median(
                x["rps"] / b["rps"] if b["rps"] else 0
                for x, b in zip(rounds, runs[BARE_SIGNED_IN], strict=True)
            )

    def wrk(
        self, script: Path, url: str, cookie: str, seconds: int, conns: int
    ) -> dict[str, float]:
        done = subprocess.run(  # noqa: S603
            [
                shutil.which("wrk") or "/usr/bin/wrk",
                "-t1",
                f"-c{conns}",
                f"-d{seconds}s",
                "--timeout",
                "30s",
                "-s",
                str(script),
                url,
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "BENCH_COOKIE": cookie},
            check=True,
        )
        line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
        return {k: float(v) for k, v in (part.split("=") for part in line.split()[1:])}

    # --- the table ----------------------------------------------------------------------

    def report(
        self, label: str, pages: list[bench.Page], results: dict[str, dict[str, Any]], out: Path
    ) -> dict[str, Any]:
        db, _, size = label.rpartition("-")
        at_s = None
        if size != "S" and (out / f"{db}-S.json").exists():
            at_s = json.loads((out / f"{db}-S.json").read_text())["pages"]
        w = self.stdout.write
        w(
            f"\n{'page':<22} {'stmts':>5} {'median':>8} {'p95':>8} {'req/s':>7} "
            f"{'x bare':>7} {'x signed':>8} {'p95 load':>9}"
        )
        for name in (BARE, BARE_SIGNED_IN):
            if name in results:
                r = results[name]
                w(
                    f"{name:<22} {'':>5} {'':>8} {'':>8} {r['rps']:>7.0f} {r['ratio']:>7.2f} "
                    f"{'':>8} {r['load_p95_ms']:>7.1f}ms"
                )
        for page in pages:
            r = results[page.name]
            line = (
                f"{page.name:<22} {r['statements']:>5} {r['median_ms']:>6.1f}ms "
                f"{r['p95_ms']:>6.1f}ms"
            )
            if "rps" in r:
                line += (
                    f" {r['rps']:>7.1f} {r['ratio']:>7.3f} {r['ratio_signed_in']:>8.3f} "
                    f"{r['load_p95_ms']:>7.1f}ms"
                )
            elif "load_skipped" in r:
                line += f"  not under load: {r['load_skipped']} in the process"
            w(line)
        w("\nGoals (issue 14):")
        goals: list[dict[str, Any]] = []

        def goal(
            page: str, what: str, value: float, limit: float, *, at_least: bool = False
        ) -> None:
            ok = value >= limit if at_least else value <= limit
            if ok:
                by = ""
            elif at_least:
                by = f" ({limit / value:.1f}x short)" if value else " (none)"
            else:
                by = f" ({value / limit:.1f}x the goal)" if limit else ""
            goals.append(
                {"page": page, "goal": what, "pass": ok, "value": round(value, 3), "limit": limit}
            )
            w(f"  {'PASS' if ok else 'MISS'}  {page:<22} {what:<36} {value:g}{by}")

        for page in pages:
            r = results[page.name]
            goal(
                page.name,
                f"<= {page.statement_goal} statements",
                r["statements"],
                page.statement_goal,
            )
            if at_s and page.name in at_s:
                goal(
                    page.name,
                    f"statements at {size} = at S ({at_s[page.name]['statements']})",
                    abs(r["statements"] - at_s[page.name]["statements"]),
                    0,
                )
            if "ratio" in r:
                need = DASHBOARD_RATIO if page.dashboard else KEY_RATIO
                goal(
                    page.name, f">= {need} x bare req/s", round(r["ratio"], 3), need, at_least=True
                )
                goal(
                    page.name,
                    f"p95 under load <= {P95_MS_AT_M:.0f} ms (M, PG)",
                    r["load_p95_ms"],
                    P95_MS_AT_M,
                )
                if at_s and at_s.get(page.name, {}).get("load_p95_ms"):
                    growth = r["load_p95_ms"] / at_s[page.name]["load_p95_ms"]
                    goal(
                        page.name,
                        f"p95 {size} / p95 S <= {P95_GROWTH}",
                        round(growth, 2),
                        P95_GROWTH,
                    )
            elif "load_skipped" in r:
                # Too slow to load-test: its in-process median stands in for p95.
                goal(
                    page.name,
                    f"p95 <= {P95_MS_AT_M:.0f} ms (not under load: median)",
                    r["median_ms"],
                    P95_MS_AT_M,
                )
                if at_s and at_s.get(page.name, {}).get("p95_ms"):
                    growth = r["p95_ms"] / at_s[page.name]["p95_ms"]
                    goal(
                        page.name,
                        f"p95 {size} / p95 S <= {P95_GROWTH} (in process)",
                        round(growth, 2),
                        P95_GROWTH,
                    )
            if page.name.startswith("audit search"):
                goal(
                    page.name,
                    f"median < {AUDIT_SEARCH_MS:.0f} ms (in process)",
                    r["median_ms"],
                    AUDIT_SEARCH_MS,
                )
        misses = sum(not g["pass"] for g in goals)
        w(f"\n{len(goals) - misses} of {len(goals)} goals met; {misses} missed.")
        return {"label": label, "machine": machine(), "pages": results, "goals": goals}


def settle(url: str) -> float:
    """Wait until both workers have served what was queued before now (two requests at
    once, twice); return how long that took, in ms."""
    import threading
    import urllib.request

    def get() -> None:
        with urllib.request.urlopen(url, timeout=300) as response:  # noqa: S310
            response.read()

    started = time.perf_counter()
    for _ in range(2):
        pair = [threading.Thread(target=get) for _ in range(2)]
        for thread in pair:
            thread.start()
        for thread in pair:
            thread.join()
    return (time.perf_counter() - started) * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise CommandError(f"gunicorn did not answer {url}") from None
            time.sleep(0.3)


def machine() -> dict[str, Any]:
    import django

    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "loadavg": os.getloadavg(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": connection.vendor,
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    with contextlib.suppress(OSError):
        info["commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
            check=False,
        ).stdout.strip()
    return info
