"""Runs ingests in child processes and kills them: the fault-injection tests' agent.

The French model takes seconds to load, so this process loads it once and forks one child
per ingest: each child is a real process writing a real database with the real extractor,
and `kill -9` (SIGKILL) stops it at whatever instant it has reached, with no chance to
clean up. Run by tests/faults/test_faults.py as

    python tests/faults/harness.py crash INPUT DB --kills N --seed S [--reference REF_DB]
    python tests/faults/harness.py concurrent DB INPUT INPUT INPUT [--reference REF_DB]

and prints one JSON line of what happened. With --reference, one clean, uninterrupted
ingest of all the articles is made first into REF_DB (for `concurrent`, of the file
--all names), to compare with. This process opens the target database only between
forks, and closes it again, so no connection crosses a fork.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import sys
import time
import traceback

from veille.facts.extractor import Extractor
from veille.settings import Settings
from veille.sources import read_articles
from veille.store import ingest as ingest_module
from veille.store import ingest_articles, open_store


def ingest(extractor: Extractor, source: str, db: str) -> None:
    """What `veille ingest SOURCE --db DB` does, with the model already loaded."""
    with open_store(db) as store:
        ingest_articles(store, read_articles([source], on_error=lambda _: None),
                        extractor.extract_many)


def fork_ingest(extractor: Extractor, source: str, db: str) -> int:
    pid = os.fork()
    if pid == 0:  # the child: ingest, then leave without running the parent's exit code
        code = 0
        try:
            ingest(extractor, source, db)
        except BaseException:  # noqa: BLE001 - reported, and the exit code says it
            traceback.print_exc()
            code = 1
        os._exit(code)
    return pid


def exit_code(pid: int) -> int:
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def crash(extractor: Extractor, source: str, db: str, kills: int, seed: int,
          per_batch: float) -> dict[str, object]:
    """Kill ingests until `kills` of them died with work left, or one finished the work;
    then let one run to its end. Each run is killed at a random instant after it has
    written something (within about two batches' time of its first commit), so that the
    kills fall between and inside transactions, not while nothing is written yet."""
    rng = random.Random(seed)
    landed, delays = 0, []
    while landed < kills:
        delay = 0.0
        before = count_articles(db)
        pid = fork_ingest(extractor, source, db)
        finished = _wait_for_progress(pid, db, before)
        if finished is None:
            delay = rng.uniform(0.0, 2 * per_batch)
            time.sleep(delay)
            with contextlib.suppress(ProcessLookupError):  # it may have ended already
                os.kill(pid, signal.SIGKILL)
            finished = exit_code(pid)
        if finished == 0:
            break  # it finished before its kill: nothing left to interrupt
        if finished != -signal.SIGKILL:
            return {"error": f"an ingest failed with exit code {finished}"}
        landed += 1
        delays.append(round(delay, 3))
    stored = count_articles(db)
    final = exit_code(fork_ingest(extractor, source, db))
    return {"kills": landed, "delays": delays, "stored_before_final": stored, "final": final}


def _wait_for_progress(pid: int, db: str, before: int) -> int | None:
    """None once the child has stored more articles than `before`; its exit code if it
    ended first."""
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if count_articles(db) > before:
            return None
        time.sleep(0.01)


def count_articles(db: str) -> int:
    """Articles in `db`; the store is closed again before the next fork."""
    from sqlalchemy import func, select

    from veille.store import schema

    with open_store(db) as store, store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.articles)).scalar_one())


def concurrent(extractor: Extractor, db: str, sources: list[str]) -> dict[str, object]:
    pids = [fork_ingest(extractor, source, db) for source in sources]
    return {"codes": [exit_code(pid) for pid in pids]}


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("crash")
    p.add_argument("source")
    p.add_argument("db")
    p.add_argument("--kills", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--per-batch", type=float, default=0.2,
                   help="seconds one write batch takes (with --reference: measured)")
    p = sub.add_parser("concurrent")
    p.add_argument("db")
    p.add_argument("sources", nargs="+")
    p.add_argument("--all", help="the file with every article, for --reference")
    for p in sub.choices.values():
        p.add_argument("--reference", help="database for one clean ingest first")
    args = parser.parse_args()
    # Small write batches: more transactions, so more instants between and inside them
    # for the kills to fall on (the code path is the same; only the batch size differs).
    ingest_module.WRITE_BATCH = 8
    extractor = Extractor(Settings(batch_size=8))
    if args.reference:
        everything = args.source if args.mode == "crash" else args.all
        started = time.monotonic()
        code = exit_code(fork_ingest(extractor, everything, args.reference))
        if args.mode == "crash":  # scaled to this machine
            args.per_batch = (time.monotonic() - started) * ingest_module.WRITE_BATCH / (
                count_articles(args.reference))
        if code != 0:
            print(json.dumps({"error": f"the clean ingest failed with exit code {code}"}))
            return
    if args.mode == "crash":
        outcome = crash(extractor, args.source, args.db, args.kills, args.seed, args.per_batch)
    else:
        outcome = concurrent(extractor, args.db, args.sources)
    print(json.dumps(outcome))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
