"""Build the Indonesian skill vocabulary tangkas/data/id_vocab.parquet (phrase -> ESCO skill URI).

Sources (read from ../shared at build time only; no ad text is shipped, only derived short phrases):

1. **Loker.id 2025 and Jobstreet Indonesia 2022 ads** (``AD_SOURCES``): the requirement / skill /
   responsibility clauses of every ad (``tangkas.text.prepare``; boilerplate skipped) are cut at
   punctuation and conjunctions, stripped of lead words ("Mampu", "Menguasai", "Pengalaman di ...")
   and kept when they are 1-6 words long and appear in at least ``MIN_ADS`` different ads (frequent
   phrases are generic phrasings, not one company's text).
2. **KBJI 2014 task lists** (``Tugasnya meliputi: a) ...; b) ...``) of the six-digit occupations:
   each short task, matched only against the skills ESCO lists for occupations of the same ISCO
   unit group (the KBJI occupation says where the task belongs).

Each phrase is embedded with multilingual-e5 and compared with every skill's shipped label vectors
(preferred + alternative). A phrase is kept when its best skill stands out: cosine >= ``MIN_COSINE``,
z-score over all candidate skills >= ``MIN_Z``, and a margin >= ``MIN_MARGIN`` over the second skill.
Phrases that the ESCO label automaton already matches are not repeated here.

Review: the candidate table with scores is written to ``build/id_vocab_review.tsv``. The thresholds
were set by reading the accepted and rejected phrases ranked by score (see docs/bench/text.md for
the sample counts); phrases judged wrong in that review are listed in
``scripts/id_vocab_rejected.txt`` (one normalised phrase per line) and excluded on every build.

Usage: python scripts/build_id_vocab.py [--shared ../shared] [--out tangkas/data/id_vocab.parquet]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_embeddings import Cache, quantise  # noqa: E402

from tangkas.reading import extract  # noqa: E402
from tangkas.reading.extract import chunks, phrase_matches  # noqa: E402
from tangkas.taxonomy import load_taxonomy  # noqa: E402
from tangkas.text.lang import en, id  # noqa: E402
from tangkas.text.normalize import normalize  # noqa: E402
from tangkas.text.prepare import split_clauses  # noqa: E402

MIN_ADS = 3
MAX_WORDS = 6
MAX_TASK_WORDS = 8
MIN_COSINE = 0.90
MIN_Z = 5.5
MIN_MARGIN = 0.01
# One word carries little context for e5-small ("ramah" -> LAMS, "lisan" -> Lisp): ask for more.
MIN_COSINE_ONE_WORD = 0.94
MIN_Z_ONE_WORD = 6.5
KEEP_SECTIONS = {"requirements", "skills", "responsibilities", "intro"}
LEADS = set(id.SKILL_LEADS) | {
    "able",
    "to",
    "have",
    "has",
    "good",
    "strong",
    "knowledge",
    "of",
    "experience",
    "in",
}
TRAILERS = {
    "yang",
    "baik",
    "dengan",
    "dan",
    "atau",
    "the",
    "well",
    "lebih",
    "diutamakan",
    "nilai",
    "plus",
    "tambah",
}
_NON_SKILL = re.compile("|".join(id.NON_SKILL_PATTERNS + en.NON_SKILL_PATTERNS))
_TASK = re.compile(r"(?:^|\s)[a-z]\)\s*")


def core_phrase(piece: str) -> str:
    """A chunk without its lead and trailing words, normalised ("Mampu mengoperasikan Excel" -> "excel")."""
    words = normalize(piece).split()
    while words and words[0] in LEADS:
        words = words[1:]
    while words and words[-1] in TRAILERS:
        words = words[:-1]
    return " ".join(words)


AD_SOURCES = (
    ("lokerid-2025/lokerid_job_postings_processed.csv", "Description"),
    ("jobstreet-id-2022/jobstreet_indonesia_target_roles_5000.csv", "description"),
)
"""(feed file under ../shared/jobs, its ad-text column): the ads phrases are mined from."""


def ad_phrases(jobs: Path) -> dict[str, int]:
    """Frequent short phrases of the ads' work clauses -> the number of different ads they appear in."""
    texts = {  # an ad reposted with the same text counts once
        str(text): None
        for name, column in AD_SOURCES
        for text in pd.read_csv(jobs / name, usecols=[column])[column].fillna("")
    }
    ads: dict[str, set[int]] = defaultdict(set)
    for number, text in enumerate(texts):
        for clause in split_clauses(str(text)):
            if (
                clause.boilerplate
                or clause.section not in KEEP_SECTIONS
                or _NON_SKILL.search(clause.text.lower())
            ):
                continue
            for piece in chunks(clause.text):
                phrase = core_phrase(piece)
                n = len(phrase.split())
                if 1 <= n <= MAX_WORDS and len(phrase) >= 4 and not any(ch.isdigit() for ch in phrase):
                    ads[phrase].add(number)
    return {p: len(a) for p, a in ads.items() if len(a) >= MIN_ADS}


def kbji_tasks() -> dict[str, set[str]]:
    """Short KBJI task phrases -> the ISCO unit groups they describe."""
    tasks: dict[str, set[str]] = defaultdict(set)
    for occ in load_taxonomy().kbji.values():
        text = occ.description_id.split("meliputi", 1)[-1]
        for piece in _TASK.split(text):
            phrase = normalize(piece.split(";")[0])
            if 2 <= len(phrase.split()) <= MAX_TASK_WORDS:
                tasks[phrase].add(occ.isco)
    return tasks


def allowed_skills(iscos: set[str]) -> np.ndarray:
    tax = load_taxonomy()
    rows = [i for i, o in enumerate(tax.occupations) if o.isco in iscos]
    relation = (tax.essential + tax.optional)[rows]
    return np.unique(relation.indices)


def alignment_labels(cache: Cache) -> tuple[np.ndarray, np.ndarray]:
    """The labels the reviewed vocabulary was aligned against: each skill's preferred label and its
    shortest alternative label (zeros if none), int8-quantised like the shipped embeddings.

    The product now ships more alternative labels; aligning against all of them finds other,
    unreviewed pairs, so the vocabulary keeps this fixed label set (and stays byte-reproducible).
    """
    tax = load_taxonomy()
    shortest = [
        next((a for a in sorted(s.alt_en, key=lambda a: (len(a), a)) if normalize(a) not in ("", key)), "")
        for s, key in ((s, normalize(s.label_en)) for s in tax.skills)
    ]
    banks = []
    for texts in ([s.label_en for s in tax.skills], shortest):
        rows, scale = quantise(cache.embed([t for t in texts if t]))
        vectors = rows.astype(np.float32) * scale[:, None]
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        bank = np.zeros((len(texts), vectors.shape[1]), np.float32)
        bank[[i for i, t in enumerate(texts) if t]] = vectors
        banks.append(bank)
    return banks[0], banks[1]


def best_skills(
    vectors: np.ndarray, masks: list[np.ndarray | None], cache: Cache
) -> list[tuple[int, float, float, float]]:
    """(skill row, cosine, z-score, margin) of each phrase's best skill among its allowed skills."""
    preferred, shortest = alignment_labels(cache)
    out = []
    for start in range(0, len(vectors), 512):
        block = vectors[start : start + 512]
        scores = np.maximum(block @ preferred.T, block @ shortest.T)
        for row, mask in zip(scores, masks[start : start + 512], strict=True):
            z = (row - row.mean()) / (row.std() + 1e-6)
            candidates = np.arange(len(row)) if mask is None or not len(mask) else mask
            order = candidates[np.argsort(-row[candidates])[:2]]
            second = row[order[1]] if len(order) > 1 else row.mean()
            out.append(
                (int(order[0]), float(row[order[0]]), float(z[order[0]]), float(row[order[0]] - second))
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "tangkas" / "data" / "id_vocab.parquet")
    parser.add_argument("--review", type=Path, default=ROOT / "build" / "id_vocab_review.tsv")
    args = parser.parse_args()
    extract.ID_VOCAB = (
        ROOT / "build" / "no-vocab"
    )  # align against the ESCO labels alone, not a previous build
    rejected_path = ROOT / "scripts" / "id_vocab_rejected.txt"
    rejected = set(rejected_path.read_text().splitlines()) if rejected_path.exists() else set()
    ads = ad_phrases(args.shared / "jobs")
    tasks = kbji_tasks()
    phrases = sorted(p for p in set(ads) | set(tasks) if not phrase_matches(p))
    print(f"{len(ads)} ad phrases, {len(tasks)} KBJI tasks, {len(phrases)} to align", file=sys.stderr)
    cache = Cache(ROOT / "build" / "embeddings-cache")
    vectors = cache.embed(phrases)
    masks = [None if p in ads else allowed_skills(tasks[p]) for p in phrases]
    tax = load_taxonomy()
    rows, review = [], []
    for phrase, (skill, cosine, z, margin) in zip(phrases, best_skills(vectors, masks, cache), strict=True):
        source = "ads" if phrase in ads else "kbji"
        one_word = " " not in phrase
        keep = (
            cosine >= (MIN_COSINE_ONE_WORD if one_word else MIN_COSINE)
            and z >= (MIN_Z_ONE_WORD if one_word else MIN_Z)
            and margin >= MIN_MARGIN
            and phrase not in rejected
        )
        review.append(
            (phrase, source, ads.get(phrase, 0), tax.skills[skill].label_en, cosine, z, margin, keep)
        )
        if keep:
            confidence = round(min(0.9, 0.6 + 0.05 * (z - MIN_Z)), 3)
            rows.append((phrase, tax.skills[skill].uri, confidence, source))
    args.review.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(
        review, columns=["phrase", "source", "ads", "skill", "cosine", "z", "margin", "keep"]
    ).sort_values(["keep", "z"], ascending=False).to_csv(
        args.review, sep="\t", index=False, float_format="%.3f"
    )
    table = pa.table(
        {
            name: pa.array([r[i] for r in rows])
            for i, name in enumerate(["phrase", "uri", "confidence", "source"])
        }
    )
    pq.write_table(table, args.out, compression="zstd", write_statistics=False)
    print(f"kept {len(rows)} of {len(phrases)} phrases -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
