"""The fair-ads gold set (issue 17): draw the sample, and rebuild the evaluation file from the feeds.

The gold file (``docs/gold/fair_ads.csv``) holds labels and evidence only, keyed by feed and row; the
ads' texts stay in the feeds under ``../shared/jobs``. ``build`` joins them back into the
``id,title,text,<categories>`` file that ``tangkas eval fair-ads`` reads.

    python scripts/fair_ads_gold.py sample --out /tmp/gold     # the draw (done once, seed 17)
    python scripts/fair_ads_gold.py build --split dev --out /tmp/fair_ads_dev.csv

The draw: from Loker.id 2025 (full texts) 230 ads uniformly at random and 230 more among the ads
that mention any ground at all (a broad word list, not the checker's rules); from Jobstreet 2022
(150-character snippets) 40 among ads that mention a ground. The rarer grounds were still too rare to
measure, so a second draw (seed 18) adds every other Loker.id ad that mentions marital status, ethnicity,
religion or disability and 50 that mention appearance. One ad in five, at random, is held out
(``split = test``) and never looked at while tuning.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from pathlib import Path

JOBS = Path(__file__).resolve().parents[2] / "shared" / "jobs"
GOLD = Path(__file__).resolve().parents[1] / "docs" / "gold" / "fair_ads.csv"
CATEGORIES = ("sex", "age", "marital", "appearance", "religion", "ethnicity_race", "disability_health")
FEEDS = {
    "lokerid": (
        JOBS / "lokerid-2025" / "lokerid_job_postings_processed.csv",
        "Job ID",
        "Title",
        "Description",
    ),
    "jobstreet22": (
        JOBS / "jobstreet-id-2022" / "jobstreet_indonesia_target_roles_5000.csv",
        "source_url",
        "title",
        "description",
    ),
}
# Any mention of a ground, whatever it says: the enrichment stratum, independent of the checker.
MENTIONS = re.compile(
    r"pria|wanita|laki|perempuan|cowok|cewek|\bmale|female|gender|kelamin|\bspg\b|\bspb\b|usia|umur|"
    r"\bage\b|years old|\bmax|maks|menikah|kawin|single|lajang|hamil|penampilan|menarik|looking|"
    r"tinggi|berat badan|\btb\b|tato|tattoo|tindik|kulit|agama|islam|muslim|kristen|jilbab|hijab|"
    r"suku|etnis|chinese|tionghoa|keturunan|pribumi|cacat|disabil|sehat|health|kacamata|buta warna",
    re.IGNORECASE,
)
RARE = re.compile(
    r"menikah|\bsingle\b|lajang|kawin|hamil|married|bujang|chinese|tionghoa|keturunan|pribumi|suku|etnis|"
    r"putra daerah|\bcina\b|muslim|islam|kristen|katolik|jilbab|hijab|agama|nasrani|hindu|buddha|cacat|"
    r"disabil|buta warna|kacamata|kaca mata|riwayat penyakit",
    re.IGNORECASE,
)
LOOKS = re.compile(
    r"menarik|looking|cantik|ganteng|tampan|tinggi badan|\btb\b|berat badan|tato|tattoo|tindik|kulit|"
    r"proporsional|attractive",
    re.IGNORECASE,
)


def read_feed(name: str) -> list[tuple[str, str, str]]:
    """``(id, title, text)`` for every ad of a feed, in file order."""
    path, key, title, text = FEEDS[name]
    with path.open(newline="", encoding="utf-8") as handle:
        return [(f"{name}:{row[key]}", row[title], row[text]) for row in csv.DictReader(handle)]


def draw(seed: int = 17) -> list[tuple[str, str, str, str]]:
    """The sample as ``(id, split, title, text)``."""
    rng = random.Random(seed)
    loker = read_feed("lokerid")
    uniform = rng.sample(loker, 230)
    chosen = {ad[0] for ad in uniform}
    mentioning = [ad for ad in loker if ad[0] not in chosen and MENTIONS.search(f"{ad[1]}\n{ad[2]}")]
    enriched = rng.sample(mentioning, 230)
    street = [ad for ad in read_feed("jobstreet22") if MENTIONS.search(f"{ad[1]}\n{ad[2]}")]
    ads = uniform + enriched + rng.sample(street, 40)
    rng.shuffle(ads)
    held = set(rng.sample(range(len(ads)), len(ads) // 5))
    first = [(ad[0], "test" if i in held else "dev", ad[1], ad[2]) for i, ad in enumerate(ads)]
    return first + _rare(loker, {ad[0] for ad in first})


def _rare(loker: list[tuple[str, str, str]], taken: set[str]) -> list[tuple[str, str, str, str]]:
    rng = random.Random(18)
    rest = [ad for ad in loker if ad[0] not in taken]
    rare = [ad for ad in rest if RARE.search(f"{ad[1]}\n{ad[2]}")]
    looks = [ad for ad in rest if ad not in rare and LOOKS.search(f"{ad[1]}\n{ad[2]}")]
    ads = rare + rng.sample(looks, 50)
    rng.shuffle(ads)
    held = set(rng.sample(range(len(ads)), len(ads) // 5))
    return [(ad[0], "test" if i in held else "dev", ad[1], ad[2]) for i, ad in enumerate(ads)]


def sample(out: Path, batches: int) -> None:
    """Write the draw as annotation batches: the first 500 ads in ``batches`` batches, each with 20 ads of
    the next; the second draw (labelled later) in two more, sharing 15."""
    ads = draw()
    first, rare = ads[:500], ads[500:]
    size, half = len(first) // batches, len(rare) // 2
    parts = [
        first[b * size : (b + 1) * size] + first[((b + 1) % batches) * size :][:20] for b in range(batches)
    ]
    parts += [rare[:half] + rare[half:][:15], rare[half:] + rare[:15]]
    out.mkdir(parents=True, exist_ok=True)
    for number, part in enumerate(parts, 1):
        with (out / f"batch_{number}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "title", "text"])
            writer.writerows((ad[0], ad[2], ad[3]) for ad in part)


def build(split: str, out: Path) -> int:
    """Join the gold labels of one split (or ``all``) with the ads' texts; returns the row count."""
    texts = {ad[0]: ad[1:] for name in FEEDS for ad in read_feed(name)}
    with GOLD.open(newline="", encoding="utf-8") as handle:
        gold = [row for row in csv.DictReader(handle) if split in ("all", row["split"])]
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text", *CATEGORIES, "evidence"])
        for row in gold:
            title, text = texts[row["id"]]
            writer.writerow([row["id"], title, text, *(row[c] for c in CATEGORIES), row["evidence"]])
    return len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    drawn = sub.add_parser("sample")
    drawn.add_argument("--out", type=Path, required=True)
    drawn.add_argument("--batches", type=int, default=5)
    built = sub.add_parser("build")
    built.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    built.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "sample":
        sample(args.out, args.batches)
    else:
        print(f"{build(args.split, args.out)} ads -> {args.out}")


if __name__ == "__main__":
    main()
