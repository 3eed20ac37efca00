"""Disclosure control of published worker counts: the attacks of TRIALS.md ("Differencing") fail.

The differencing game: an attacker sees every grouping before and after one registration and must
tell whether the new person has an unusual attribute combination (gender X, born in the 1940s, a
current migrant worker) or a common one (F, 1990s, none); each is equally likely, so guessing wins
half the time. Unbiased random rounding to base 5 with a fresh coin per population moves a figure's
distribution by a total variation of 3/25 when one person joins it, for an attacker who knows only
the earlier publication (see docs/privacy.md); the new person moves two figures per grouping (their
group and the hidden figure), so no test of the two snapshots wins more often than
0.5 + (1 - (1 - 3/25) ** 2) / 2 = 0.613. The tests allow three standard errors of sampling above it.
The old exact counts with labelled suppressed cells let every attacker below win every time.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from fastapi.testclient import TestClient

from tangkas.services.demo import load_demo
from tangkas.services.imports import import_rows
from tangkas.services.records import register_worker
from tangkas.store import Store, open_store
from tangkas.store.keys import create_key
from tangkas.store.schema import migrate
from tangkas.store.stats import (
    CLOSED_DOMAINS,
    GROUPINGS,
    KEY_MODULUS,
    MIN_CELL,
    ROUNDING_BASE,
    GroupCount,
    WorkerGrouping,
    protect_counts,
    worker_counts,
)
from tangkas.web import create_app

Snapshot = dict[str, dict[str, Any]]
ATTRIBUTES: tuple[WorkerGrouping, ...] = ("gender", "birth_decade", "migrant_status")
UNUSUAL = {"gender": "X", "birth_decade": "1940", "migrant_status": "current"}
COMMON = {"gender": "F", "birth_decade": "1990", "migrant_status": "none"}
FIGURE_SHIFT = 3 / 25
"""Total variation between a randomly rounded n and n+1 given only the earlier publication."""
BOUND = 0.5 + (1 - (1 - FIGURE_SHIFT) ** 2) / 2


def _person(rng: random.Random, i: int, unusual: bool | None = None) -> dict[str, object]:
    if unusual is None:
        gender = rng.choices(["F", "M", "X"], [55, 44, 1])[0]
        birth_year = rng.choices([1950, 1960, 1970, 1980, 1990, 2000], [2, 8, 20, 30, 30, 10])[0]
        birth_year += rng.randrange(10)
        migrant = rng.choices(["none", "prospective", "current", "returned"], [70, 10, 8, 12])[0]
    else:
        kind = UNUSUAL if unusual else COMMON
        gender, birth_year, migrant = kind["gender"], int(kind["birth_decade"]) + 5, kind["migrant_status"]
    return {
        "source": "t",
        "external_id": f"w{i}",
        "office_code": rng.choice(["BDG", "SBY"]),
        "full_name": f"Pekerja {i}",
        "gender": gender,
        "birth_year": birth_year,
        "province_code": rng.choice(["32", "35"]),
        "migrant_status": migrant,
    }


def _snapshot(store: Store) -> Snapshot:
    return {by: asdict(worker_counts(store, by)) for by in GROUPINGS}


def _figure(table: dict[str, Any], group: str) -> int | None:
    return next((c["count"] for c in table["cells"] if c["group"] == group), None)


def _rest(table: dict[str, Any]) -> int | None:
    total = table.get("total")
    return None if total is None else total - sum(c["count"] or 0 for c in table["cells"])


def _change(before: int | None, after: int | None) -> int:
    return 0 if before is None or after is None else after - before


Attacker = Callable[[dict[str, Any], dict[str, Any], str], bool]
ATTACKERS: dict[str, Attacker] = {
    # each says True for "the new person is the unusual one"
    "a label appeared": lambda b, a, by: (
        any(c["group"] == UNUSUAL[by] for c in a["cells"])
        and not any(c["group"] == UNUSUAL[by] for c in b["cells"])
    ),
    "the common group did not grow": lambda b, a, by: (
        _change(_figure(b, COMMON[by]), _figure(a, COMMON[by])) <= 0
    ),
    "the hidden figure grew": lambda b, a, by: _change(b.get("hidden_count"), a.get("hidden_count")) > 0,
    "total minus shown grew": lambda b, a, by: _change(_rest(b), _rest(a)) > 0,
    "more groups hidden": lambda b, a, by: _change(b.get("hidden_groups"), a.get("hidden_groups")) > 0,
}


def _best_attack(games: Sequence[tuple[Snapshot, Snapshot, bool]]) -> tuple[str, float]:
    wins = {
        name: sum(attack(b[by], a[by], by) == unusual for b, a, unusual in games for by in ATTRIBUTES)
        for name, attack in ATTACKERS.items()
    }
    name = max(wins, key=lambda n: wins[n])
    return name, wins[name] / (len(games) * len(ATTRIBUTES))


def _allowed(games: int) -> float:
    return BOUND + 3 * math.sqrt(0.25 / games)


def _assert_no_small_group_named(store: Store, snapshot: Snapshot) -> None:
    for by, expression in GROUPINGS.items():
        true = {
            (None if g is None else str(g)): int(n)
            for g, n in store.backend.execute(f"SELECT {expression} AS g, COUNT(*) FROM workers GROUP BY g")
        }
        for cell in snapshot[by]["cells"]:
            assert cell["count"] is not None and cell["count"] >= MIN_CELL, (by, cell)
            assert true.get(cell["group"], 0) > MIN_CELL - ROUNDING_BASE, (by, cell)
            assert abs(cell["count"] - true[cell["group"]]) < ROUNDING_BASE


def test_disclosure_one_registration_does_not_tell_its_attributes(store: Store) -> None:
    games = []
    for trial in range(100):
        rng = random.Random(trial)
        store.backend.execute("DELETE FROM workers")
        import_rows(store, "workers", [_person(rng, i) for i in range(rng.randrange(190, 211))], "t")
        before = _snapshot(store)
        unusual = rng.random() < 0.5
        import_rows(store, "workers", [_person(rng, 10_000, unusual)], "t")
        after = _snapshot(store)
        _assert_no_small_group_named(store, after)
        games.append((before, after, unusual))
    name, success = _best_attack(games)
    assert success < _allowed(len(games) * len(ATTRIBUTES)), (name, success)


def _groups(people: Sequence[dict[str, Any]], by: WorkerGrouping) -> list[GroupCount]:
    groups: dict[str, tuple[int, int]] = {}
    for person in people:
        value = str(person["birth_year"] // 10 * 10) if by == "birth_decade" else str(person[by])
        n, keys = groups.get(value, (0, 0))
        groups[value] = (n + 1, keys + person["record_key"])
    return [GroupCount(group, n, keys) for group, (n, keys) in groups.items()]


def test_disclosure_many_registrations_do_not_beat_guessing() -> None:
    """The same game as above on the protection alone, with enough trials to pin the rate down."""
    games = []
    for trial in range(1000):
        rng = random.Random(10_000 + trial)
        people = [{**_person(rng, i), "record_key": rng.randrange(KEY_MODULUS)} for i in range(200)]
        unusual = rng.random() < 0.5
        target = {**_person(rng, 200, unusual), "record_key": rng.randrange(KEY_MODULUS)}
        tables = [
            {by: asdict(protect_counts(by, _groups(population, by), CLOSED_DOMAINS[by])) for by in ATTRIBUTES}
            for population in (people, [*people, target])
        ]
        games.append((tables[0], tables[1], unusual))
    name, success = _best_attack(games)
    assert success < _allowed(len(games) * len(ATTRIBUTES)), (name, success)


def test_disclosure_total_minus_shown_groups_never_reveals_a_small_group(store: Store) -> None:
    rng = random.Random(7)
    people = [{**_person(rng, i), "gender": "X" if i == 0 else "F" if i % 2 else "M"} for i in range(260)]
    for n in range(40, 261, 11):
        import_rows(store, "workers", people[:n], "t")  # adds the people not stored yet
        snapshot = _snapshot(store)
        totals = {table["total"] for table in snapshot.values()}
        assert len(totals) == 1, totals  # one protected total, whatever the grouping
        for by, table in snapshot.items():
            assert (
                table["method"] and table["rounding_base"] == ROUNDING_BASE and table["min_cell"] == MIN_CELL
            )
            rest = _rest(table)
            assert rest is not None
            if table["hidden_groups"]:
                assert rest == table["hidden_count"] and rest >= MIN_CELL, (by, table)
            else:
                assert table["hidden_count"] is None
        _assert_no_small_group_named(store, snapshot)


def test_disclosure_the_same_people_give_the_same_figures(store_url: str) -> None:
    rng = random.Random(3)
    first = open_store(store_url)
    first.migrate()
    import_rows(first, "workers", [_person(rng, i) for i in range(150)], "t")
    snapshot = _snapshot(first)
    assert _snapshot(first) == snapshot
    first.close()
    again = open_store(store_url)
    assert _snapshot(again) == snapshot
    again.close()


def test_disclosure_every_insert_path_sets_a_record_key(store: Store) -> None:
    rng = random.Random(5)
    import_rows(store, "workers", [_person(rng, i) for i in range(20)], "t")
    caller = create_key(store, "counsellor", office_code="BDG")
    form = {"full_name": "Siti", "gender": "F", "birth_year": "1990", "migrant_status": "none"}
    assert register_worker(store, caller, form).worker_id is not None
    load_demo(store, postings=0, workers=30)
    keys = [k for (k,) in store.backend.execute("SELECT record_key FROM workers")]
    assert len(keys) == 51 and all(k is not None and 0 <= k < KEY_MODULUS for k in keys)
    assert len(set(keys)) > 45


def test_disclosure_migration_gives_existing_workers_their_own_keys(store_url: str) -> None:
    older = open_store(store_url)
    migrate(older.backend, target=7)
    for i in range(30):
        older.backend.execute(
            "INSERT INTO workers (source, external_id, office_code, full_name) VALUES (?, ?, ?, ?)",
            ("t", f"w{i}", "BDG", f"P {i}"),
        )
    older.migrate()
    keys = [k for (k,) in older.backend.execute("SELECT record_key FROM workers")]
    older.close()
    assert len(keys) == 30 and None not in keys and len(set(keys)) > 25


def test_disclosure_api_states_its_method_and_names_no_small_group(store: Store) -> None:
    rng = random.Random(11)
    people = [{**_person(rng, i), "province_code": "32"} for i in range(20)]
    people += [{**_person(rng, 20 + i), "province_code": "33"} for i in range(15)]
    people += [{**_person(rng, 40 + i), "province_code": "35"} for i in range(3)]
    import_rows(store, "workers", people, "t")
    client = TestClient(create_app(store))
    headers = {"X-API-Key": create_key(store, "analyst").secret}
    body = client.get("/api/stats/workers", params={"by": "province_code"}, headers=headers).json()
    assert "cell key" in body["method"] and body["rounding_base"] == ROUNDING_BASE
    assert body["min_cell"] == MIN_CELL and body["max_error"] == ROUNDING_BASE - 1
    assert body["cells"] == [{"group": "32", "count": 20}]  # 33 hidden with 35, so 35 can't be worked out
    assert body["hidden_count"] == body["total"] - 20 >= MIN_CELL
    schema = client.get("/openapi.json").json()["components"]["schemas"]["WorkerCountsOut"]
    assert {"method", "min_cell", "rounding_base", "max_error", "hidden_count"} <= set(schema["properties"])
