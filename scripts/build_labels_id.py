"""Build ``tangkas/data/occupation_labels_id.parquet`` and ``skill_labels_id.parquet`` from our Indonesian
names of occupations and skills.

The names are written and reviewed by the Tangkas team (no machine-translation service), one CSV per
part in ``scripts/labels/occupations_id_*.csv`` and ``skills_id_*.csv`` with columns
``uri, label_id, alt_id, method``:
``alt_id`` holds other names Indonesian ads and people use, separated by ``|``; ``method`` says how the
name was produced (``written``; ``kbji``: a KBJI 2014 title as it stands; ``kbji-edited``).
``skill_groups_id.csv`` names the nodes of the ESCO skills hierarchy the same way (no ``alt_id``).
The build refuses unknown URIs, repeated URIs, empty names and unknown methods.

``scripts/labels/occupations_ad_terms.csv`` (``term, uri, note``) holds the words Indonesian ad titles
use ("admin gudang", "ppic", "sales motoris", "danru satpam"), each with the occupation an ISCO-08 coder
following the house conventions of ``docs/data.md`` would give it; written from the most frequent titles
of the unlabelled ad feeds. The terms join the occupation's ``alt_id`` and are also written to
``occupation_ad_terms.parquet``, where the title coder looks them up word for word.

    python scripts/build_labels_id.py && python scripts/update_manifest.py
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tangkas.taxonomy import DATA_DIR, Taxonomy  # noqa: E402

SOURCES = ROOT / "scripts" / "labels"
METHODS = {"written", "kbji", "kbji-edited"}


def read_names(folder: Path, pattern: str, known: set[str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for path in sorted(folder.glob(pattern)):
        with path.open(encoding="utf-8", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle), start=1):
                uri, label = row["uri"].strip(), " ".join(row["label_id"].split())
                alts = [" ".join(a.split()) for a in (row.get("alt_id") or "").split("|") if a.strip()]
                where = f"{path.name} row {n}"
                if uri not in known or uri in seen:
                    problems.append(f"{where}: {'unknown' if uri not in known else 'repeated'} uri {uri}")
                if not label or row["method"] not in METHODS:
                    problems.append(f"{where}: empty label or unknown method {row['method']!r}")
                seen.add(uri)
                alts = [a for a in dict.fromkeys(alts) if a.lower() != label.lower()]
                rows.append({"uri": uri, "label_id": label, "alt_id": alts, "method": row["method"]})
    if problems:
        raise SystemExit("\n".join(problems[:50]))
    return rows


SCHEMA = pa.schema(
    [
        ("uri", pa.string()),
        ("label_id", pa.string()),
        ("alt_id", pa.list_(pa.string())),
        ("method", pa.string()),
    ]
)


def read_ad_terms(path: Path, known: set[str]) -> dict[str, str]:
    """Ad-title term -> occupation URI; an unknown URI or a repeated term stops the build."""
    terms: dict[str, str] = {}
    problems: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle), start=1):
            term, uri = " ".join(row["term"].lower().split()), row["uri"].strip()
            if not term or uri not in known or term in terms:
                problems.append(f"{path.name} row {n}: empty, repeated or unknown ({term!r}, {uri})")
            terms[term] = uri
    if problems:
        raise SystemExit("\n".join(problems[:50]))
    return terms


def build(kind: str, pattern: str, known: set[str], ad_terms: dict[str, str] | None = None) -> None:
    rows = read_names(SOURCES, pattern, known)
    for term, uri in (ad_terms or {}).items():
        row = next(r for r in rows if r["uri"] == uri)
        alts = row["alt_id"]
        assert isinstance(alts, list)
        if term != str(row["label_id"]).lower() and term not in {a.lower() for a in alts}:
            alts.append(term)
    table = pa.Table.from_pylist(sorted(rows, key=lambda r: str(r["uri"])), schema=SCHEMA)
    path = DATA_DIR / f"{kind}_labels_id.parquet"
    pq.write_table(table, path, compression="zstd", write_statistics=False)
    methods = Counter(str(r["method"]) for r in rows)
    print(f"{kind}: {len(rows)} of {len(known)} named in Indonesian; methods {dict(methods)}")


def main() -> None:
    tax = Taxonomy(DATA_DIR)
    occupations = {o.uri for o in tax.occupations}
    ad_terms = read_ad_terms(SOURCES / "occupations_ad_terms.csv", occupations)
    build("occupation", "occupations_id_*.csv", occupations, ad_terms)
    table = pa.table({"term": list(ad_terms), "uri": list(ad_terms.values())})
    pq.write_table(
        table, DATA_DIR / "occupation_ad_terms.parquet", compression="zstd", write_statistics=False
    )
    print(f"ad-title terms: {len(ad_terms)} for {len(set(ad_terms.values()))} occupations")
    build("skill", "skills_id_*.csv", {s.uri for s in tax.skills})
    build("skill_group", "skill_groups_id.csv", set(tax.skill_groups))


if __name__ == "__main__":
    main()
