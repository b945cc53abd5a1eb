"""The bounded mixed load of scripts/scale-out: signed-in personas GET their key pages
through the load balancer, from threads, for a fixed time. Standard library only.

  python3 scripts/scale_load.py --base http://127.0.0.1:8180 --sessions sessions.json \
      --seconds 150 --threads 8 --kill-at 60 --kill-command "kill -9 -1234"

sessions.json: {"cookie": NAME, "personas": {persona: {"session": KEY, "pages": [...]}}}.
Prints one JSON line with requests, errors (any status but 200, or no answer), p50/p95/
p99 in ms, per persona and per page. Exit 0 even with errors: the caller reports them.
"""

import argparse
import json
import shlex
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from typing import Any

# How often each persona acts, out of 10: front-line staff most, then the rest.
WEIGHTS = {"psw": 4, "supervisor": 2, "coordinator": 1, "person": 2, "admin": 1}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 302 to the log-in page is an error here, never followed


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--sessions", required=True)
    parser.add_argument("--seconds", type=float, default=150)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--kill-at", type=float, default=0, help="seconds in; 0: never")
    parser.add_argument("--kill-command", default="")
    args = parser.parse_args()
    config = json.loads(open(args.sessions).read())  # noqa: SIM115
    cookie = config["cookie"]
    schedule = [
        (persona, page)
        for persona, spec in config["personas"].items()
        for _ in range(WEIGHTS.get(persona, 1))
        for page in spec["pages"]
    ]
    opener = urllib.request.build_opener(NoRedirect)
    lock = threading.Lock()
    latencies: list[float] = []
    by_page: dict[str, list[float]] = defaultdict(list)
    errors: list[dict[str, Any]] = []
    counts: dict[str, int] = defaultdict(int)
    start = time.monotonic()
    stop_at = start + args.seconds
    killed_at: list[float] = []

    def one(persona: str, page: str) -> None:
        request = urllib.request.Request(  # noqa: S310 (our own loopback address)
            args.base + page,
            headers={"Cookie": f"{cookie}={config['personas'][persona]['session']}"},
        )
        t0 = time.monotonic()
        status: int | str
        try:
            with opener.open(request, timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            status = type(error).__name__
        elapsed = (time.monotonic() - t0) * 1000
        with lock:
            counts[persona] += 1
            latencies.append(elapsed)
            by_page[f"{persona} {page}"].append(elapsed)
            if status != 200:
                errors.append({"at_s": round(t0 - start, 1), "page": page, "status": status})

    def client(offset: int) -> None:
        i = offset
        while time.monotonic() < stop_at:
            persona, page = schedule[i % len(schedule)]
            one(persona, page)
            i += 7

    def killer() -> None:
        delay = start + args.kill_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        killed_at.append(round(time.monotonic() - start, 1))
        subprocess.run(shlex.split(args.kill_command), check=False)  # noqa: S603

    threads = [threading.Thread(target=client, args=(n * 3,)) for n in range(args.threads)]
    if args.kill_at and args.kill_command:
        threads.append(threading.Thread(target=killer))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - start
    print(
        json.dumps(
            {
                "seconds": round(took, 1),
                "threads": args.threads,
                "requests": len(latencies),
                "requests_per_s": round(len(latencies) / took, 1),
                "errors": len(errors),
                "error_samples": errors[:10],
                "p50_ms": round(percentile(latencies, 50), 1),
                "p95_ms": round(percentile(latencies, 95), 1),
                "p99_ms": round(percentile(latencies, 99), 1),
                "killed_at_s": killed_at[0] if killed_at else None,
                "per_persona": dict(counts),
                "per_page_p95_ms": {
                    k: [len(v), round(percentile(v, 95), 1)] for k, v in sorted(by_page.items())
                },
            }
        )
    )


if __name__ == "__main__":
    main()
