"""Skill extraction from job ads and CVs in Bahasa Indonesia, English and the mix of the two.

Two stages over the clauses that ``tangkas.text.prepare`` keeps (boilerplate is skipped):

1. **phrase** — an Aho-Corasick automaton over ESCO preferred and alternative labels (method
   ``esco-label``), the shipped Indonesian vocabulary built by ``scripts/build_id_vocab.py``
   (method ``id-vocab``) and our Indonesian skill names, ``label_id`` and ``alt_id`` of
   ``skill_labels_id.parquet`` (method ``id-label``). Matching is on normalised words with word
   boundaries; the longest match wins; short acronyms (``SAP``, ``SQL``) and capitalised names
   (``Python``) must keep their case. Our names follow the rules of the ESCO labels (one-word
   alternatives and one-word job names are not read) and only add keys: where an ESCO label or the
   vocabulary has the same key, theirs is kept; a key two skills share goes to a preferred name
   before an alternative, then to the skill more occupations list.
2. **semantic** — clauses with no phrase match are embedded with multilingual-e5 and ranked against
   every shipped skill label and Indonesian name (a skill scores by its best one); the best skill is
   kept when it stands out from the clause's score distribution over all skills (a z-score, since
   raw cosines are all high). English clauses are also read by the English model of
   ``tangkas.reading.minilm``, whose label similarities are added to e5's. Method ``semantic``; the
   span is the whole clause.

>>> mentions = extract_skills("Kualifikasi:\\n- Mampu mengoperasikan Microsoft Excel\\n- Familiar with SAP",
...                           semantic=False)
>>> [(m.text, m.skill.label_en, m.method) for m in mentions]
[('Microsoft Excel', 'use microsoft office', 'id-vocab')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import ahocorasick
import numpy as np
import pyarrow.parquet as pq

from tangkas.loading import load_once
from tangkas.models import Skill
from tangkas.taxonomy import DATA_DIR, load_taxonomy
from tangkas.text.lang import en, id
from tangkas.text.normalize import normalize
from tangkas.text.prepare import Clause, language_hint, normalize_with_offsets, split_clauses
from tangkas.text.tfidf import CharTfidf

if TYPE_CHECKING:
    from tangkas.reading.embeddings import OwnerLabels

Method = Literal["esco-label", "id-vocab", "id-label", "semantic"]
# Weights of the skill ranking, tuned on the Decorte TECH/HOUSE dev files.
PHRASE_BONUS = 0.2
CHUNK_WEIGHT = 0.5
PREFERRED_WEIGHT = 0.3
TFIDF_WEIGHT = 0.1
PRIOR_WEIGHT = 0.002
ENGLISH_WEIGHT = 0.3
_CHUNK_SPLIT = re.compile(
    r"[,;:()/\[\]]+|\s(?:and|or|with|including|such as|e\.g\.|dan|atau|dengan|serta|seperti|termasuk)\s",
    re.IGNORECASE,
)
ID_VOCAB = DATA_DIR / "id_vocab.parquet"
MIN_SINGLE_WORD = 5
SEMANTIC_MIN_Z = 5.2
CONFIDENCE_HALF_Z = 5.8  # a semantic match's confidence is 0.5 at this z, whatever the threshold
SEMANTIC_MIN_WORDS = 2
AGREEMENT_TOP = 5
"""A semantic match is kept only when its skill is among this many best both by ESCO's labels alone and
by our Indonesian names alone (tuned on the hand check: docs/benchmarks.md)."""
SKIP_SECTIONS = frozenset({"benefits", "company", "apply", "other", "personal"})
# An ad's opening paragraph usually describes the company; a CV's education lines name schools and
# degrees, which the phrase stage reads ("S1 Akuntansi" -> accounting) but whole lines do not.
SEMANTIC_SKIP_SECTIONS = SKIP_SECTIONS | {"intro", "education"}
CONFIDENCE = {"preferred": 0.95, "alternative": 0.9, "single": 0.7}


@dataclass(frozen=True, slots=True)
class SkillMention:
    """An ESCO skill found in a text: ``text[start:end]`` is the evidence, ``matched`` what it matched."""

    skill: Skill
    start: int
    end: int
    text: str
    confidence: float
    method: Method
    matched: str


@dataclass(frozen=True, slots=True)
class _Entry:
    skill_row: int
    label: str
    method: Method
    confidence: float
    case: Literal["any", "upper", "title"]


def _case_rule(label: str, key: str) -> Literal["any", "upper", "title"] | None:
    """How a key must be written in the text to count, or ``None`` when it is too ambiguous to use."""
    if " " in key or any(c in key for c in "+#"):
        return "any"
    words = label.split()
    word = next((w for w in words if w.lower().strip("()") == key), words[0])
    if len(key) <= 1:
        return None
    if word.isupper():
        return "upper"
    if len(key) < MIN_SINGLE_WORD or key in en.COMMON_WORDS or key in id.FUNCTION_WORDS:
        return "title" if word[:1].isupper() else None
    return "title" if word[:1].isupper() else "any"


def _keys(label: str) -> list[str]:
    """Normalised keys of one label: itself and, for ``Python (computer programming)``, ``python``."""
    keys = [normalize(label)]
    if "(" in label:
        keys.append(normalize(re.sub(r"\([^)]*\)", " ", label)))
    return [k for k in dict.fromkeys(keys) if k]


def _esco_entries() -> Iterable[tuple[str, _Entry]]:
    tax = load_taxonomy()
    occupation_words = {normalize(o.label_en) for o in tax.occupations}
    for row, skill in enumerate(tax.skills):
        labeled = [(skill.label_en, "preferred")] + [(alt, "alternative") for alt in skill.alt_en]
        for label, kind in labeled:
            for key in _keys(label):
                case = _case_rule(label, key)
                one_word_alt = kind == "alternative" and " " not in key
                if case is None or (one_word_alt and (case == "any" or key in occupation_words)):
                    continue  # one-word alternatives like "packing" or "Chef" (a tool, and a job) mislead
                confidence = CONFIDENCE["single" if " " not in key and case == "any" else kind]
                yield key, _Entry(row, label, "esco-label", confidence, case)


def _vocab_entries() -> Iterable[tuple[str, _Entry]]:
    if not ID_VOCAB.exists():
        return
    tax = load_taxonomy()
    table = pq.read_table(ID_VOCAB).to_pylist()
    for row in table:
        skill_row = tax.skill_index.get(row["uri"])
        if skill_row is not None:
            yield row["phrase"], _Entry(skill_row, row["phrase"], "id-vocab", float(row["confidence"]), "any")


def _label_id_entries() -> Iterable[tuple[str, _Entry]]:
    """Our Indonesian skill names, by the rules of the ESCO labels; a key several skills share goes to
    a preferred name before an alternative one, then to the skill more occupations list."""
    tax = load_taxonomy()
    jobs = {normalize(name) for o in tax.occupations for name in (o.label_en, o.label_id, *o.alt_id)}
    prior = _skill_prior()
    best: dict[str, tuple[tuple[bool, float, int], _Entry]] = {}
    for row, skill in enumerate(tax.skills):
        named = [(skill.label_id, "preferred")] + [(alt, "alternative") for alt in skill.alt_id]
        for label, kind in named:
            for key in _keys(label):
                case = _case_rule(label, key)
                one_word = " " not in key
                if case is None or (one_word and (key in jobs or (kind == "alternative" and case == "any"))):
                    continue  # "proaktif", "branding" or "mekanik" (a job) name no one skill
                rank = (kind == "preferred", float(prior[row]), -row)
                if key not in best or rank > best[key][0]:
                    confidence = CONFIDENCE["single" if one_word and case == "any" else kind]
                    best[key] = (rank, _Entry(row, label, "id-label", confidence, case))
    for key, (_rank, entry) in best.items():
        yield key, entry


@load_once
def _automaton() -> ahocorasick.Automaton:
    best: dict[str, _Entry] = {}
    for key, entry in [*_esco_entries(), *_vocab_entries()]:
        current = best.get(key)
        if current is None or (entry.confidence, -entry.skill_row) > (current.confidence, -current.skill_row):
            best[key] = entry
    for key, entry in _label_id_entries():
        best.setdefault(key, entry)  # our names add keys; ESCO labels and the reviewed vocabulary keep theirs
    automaton = ahocorasick.Automaton()
    for key, entry in best.items():
        automaton.add_word(f" {key} ", (key, entry))
    automaton.make_automaton()
    return automaton


def _case_ok(original: str, case: str) -> bool:
    if case == "upper":
        return original.isupper()
    if case == "title":
        return original[:1].isupper()
    return True


def phrase_matches(text: str) -> list[SkillMention]:
    """Phrase-stage mentions in ``text`` (longest non-overlapping matches, in text order).

    >>> [m.skill.label_en for m in phrase_matches("Menguasai Python dan SQL, paham Adobe Photoshop")]
    ['Python (computer programming)', 'SQL', 'Adobe Photoshop']
    """
    norm, where = normalize_with_offsets(text)
    if not norm:
        return []
    found: list[tuple[int, int, str, _Entry]] = []
    for end, (key, entry) in _automaton().iter(f" {norm} "):
        first = end - len(key) - 1  # index in norm of the key's first character
        start, stop = where[first], where[first + len(key) - 1] + 1
        if _case_ok(text[start:stop], entry.case):
            found.append((start, stop, key, entry))
    found.sort(key=lambda f: (f[0] - f[1], f[0]))
    taken: list[tuple[int, int]] = []
    tax = load_taxonomy()
    mentions: list[SkillMention] = []
    for start, stop, _key, entry in found:
        if any(start < t_end and t_start < stop for t_start, t_end in taken):
            continue
        taken.append((start, stop))
        skill = tax.skills[entry.skill_row]
        mentions.append(
            SkillMention(skill, start, stop, text[start:stop], entry.confidence, entry.method, entry.label)
        )
    return sorted(mentions, key=lambda m: m.start)


def skill_scores(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), n_skills) e5 similarity of each text to each skill: the max over its shipped labels.

    >>> from tangkas.taxonomy import load_taxonomy
    >>> scores = skill_scores(["mengoperasikan forklift"])
    >>> load_taxonomy().skills[int(scores[0].argmax())].label_en
    'operate forklift'
    """
    from tangkas.reading.embeddings import embed

    return _best_and_preferred(embed(list(texts)))[0]


def _best_and_preferred(queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each skill's e5 similarity to embedded queries: the best of its ESCO labels and our Indonesian
    names, and that of its ESCO preferred label."""
    from tangkas.reading.embeddings import all_labels, best_label_scores, indonesian_labels

    best, preferred = _best_and_preferred_of(queries, all_labels("skills"))
    return np.maximum(best, best_label_scores(queries, indonesian_labels("skills"))), preferred


def _best_and_preferred_of(queries: np.ndarray, labels: OwnerLabels) -> tuple[np.ndarray, np.ndarray]:
    """Each skill's best-label and preferred-label similarity to embedded queries, from one product."""
    from tangkas.reading.embeddings import best_by_owner

    sims = queries @ labels.vectors.T
    return best_by_owner(sims, labels), sims[:, labels.starts]


def _is_english(text: str) -> bool:
    """Text for the English model: English or mixed by its function words, or English-looking words."""
    from tangkas.reading.minilm import looks_english

    hint = language_hint(text)
    return hint in ("en", "mixed") or (hint == "unknown" and looks_english(text))


def english_skill_scores(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), n_skills) all-MiniLM-L6-v2 similarity of English texts to each skill's best label."""
    from tangkas.reading.embeddings import best_label_scores, english_labels
    from tangkas.reading.minilm import embed_english

    return best_label_scores(embed_english(list(texts)), english_labels())


def _mix_chunks(queries: Sequence[str], scores: np.ndarray, score: Callable[[list[str]], np.ndarray]) -> None:
    """Average each sentence's scores (in place) with the best score of its chunks."""
    pieces = [chunks(q) for q in queries]
    flat = [p for ps in pieces for p in ps]
    chunk_scores = score(flat) if flat else np.zeros((0, scores.shape[1]), np.float32)
    offset = 0
    for i, ps in enumerate(pieces):
        if ps:
            best = chunk_scores[offset : offset + len(ps)].max(axis=0)
            scores[i] = (1 - CHUNK_WEIGHT) * scores[i] + CHUNK_WEIGHT * best
        offset += len(ps)


@load_once
def _tfidf_skills() -> CharTfidf:
    return CharTfidf().fit([s.label_en for s in load_taxonomy().skills])


def tfidf_skill_scores(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), n_skills) character n-gram TF-IDF similarity of each text to each preferred label."""
    return _tfidf_skills().similarity(texts)


def chunks(text: str) -> list[str]:
    """Pieces of a sentence split at punctuation and conjunctions (candidate skill phrases).

    >>> chunks("Strong knowledge of HTML and CSS (LESS, SCSS)")
    ['Strong knowledge of HTML', 'CSS', 'LESS', 'SCSS']
    """
    return [piece.strip() for piece in _CHUNK_SPLIT.split(text) if piece and piece.strip()]


def score_skills(queries: Sequence[str], *, sentences: bool = False) -> np.ndarray:
    """(len(queries), n_skills) scores of every ESCO skill for each query (a span, or a whole sentence).

    Adds the English model's label scores (for English-looking text), character n-grams, a prior and
    phrase-stage matches to the e5 label scores and, for sentences, scores the sentence's chunks as well.
    """
    from tangkas.reading.embeddings import embed, english_labels
    from tangkas.reading.minilm import embed_english

    scores, preferred = _best_and_preferred(embed(list(queries)))
    if sentences:
        _mix_chunks(queries, scores, skill_scores)
    scores += PREFERRED_WEIGHT * preferred
    english = [i for i, q in enumerate(queries) if _is_english(q)]
    if english:
        texts = [queries[i] for i in english]
        best, preferred = _best_and_preferred_of(embed_english(texts), english_labels())
        if sentences:
            _mix_chunks(texts, best, english_skill_scores)
        scores[english] += ENGLISH_WEIGHT * (best + PREFERRED_WEIGHT * preferred)
    scores += TFIDF_WEIGHT * tfidf_skill_scores(queries)
    scores += PRIOR_WEIGHT * _skill_prior()[None, :]
    tax = load_taxonomy()
    for i, query in enumerate(queries):
        for mention in phrase_matches(query):
            scores[i, tax.skill_index[mention.skill.uri]] += PHRASE_BONUS * mention.confidence
    return scores


@load_once
def _skill_prior() -> np.ndarray:
    """log1p(number of ESCO occupations that list the skill): common skills are mentioned more often."""
    tax = load_taxonomy()
    degree = np.asarray((tax.essential + tax.optional).sum(axis=0)).ravel()
    prior: np.ndarray = np.log1p(degree).astype(np.float32)
    return prior


@load_once
def _non_skill() -> re.Pattern[str]:
    return re.compile("|".join(id.NON_SKILL_PATTERNS + en.NON_SKILL_PATTERNS))


def _semantic_candidates(clauses: Sequence[Clause], covered: set[int]) -> list[Clause]:
    # Text with no headings at all is a worker's own description or a CV line, not an ad's opening
    # paragraph about the company: read it too.
    sectioned = any(c.section != "intro" for c in clauses)
    skip = SEMANTIC_SKIP_SECTIONS if sectioned else SKIP_SECTIONS
    return [
        c
        for i, c in enumerate(clauses)
        if i not in covered
        and c.section not in skip
        and len(c.text.split()) >= SEMANTIC_MIN_WORDS
        and not _non_skill().search(c.text.lower())
    ]


def semantic_matches(clauses: Sequence[Clause], min_z: float = SEMANTIC_MIN_Z) -> list[SkillMention]:
    """The best skill of each clause when it stands out (z-score over all skills >= ``min_z``).

    Clauses are ranked by the same score as ``score_skills`` (the one the skill benchmarks measure).
    The confidence does not depend on ``min_z``: it is 0.5 at z = ``CONFIDENCE_HALF_Z``. A match is
    kept only when two readings of the clause agree (:func:`_readings_agree`). In the hand check of 50
    Loker.id ads and 10 CVs (docs/benchmarks.md) 78% of the matches at z >= 5.2 (the default) were
    right (57% without the agreement rule), 64% at z >= 4.4.
    """
    if not clauses:
        return []
    texts = [c.text for c in clauses]
    scores = score_skills(texts)
    mean = scores.mean(axis=1, keepdims=True)
    std = scores.std(axis=1, keepdims=True) + 1e-6
    z = (scores - mean) / std
    best = z.argmax(axis=1)
    agreed = _readings_agree(texts, best)
    tax = load_taxonomy()
    mentions = []
    for clause, row, z_row, agree in zip(clauses, best, z, agreed, strict=True):
        top = float(z_row[row])
        if top >= min_z and agree:
            confidence = round(float(1.0 / (1.0 + np.exp(-(top - CONFIDENCE_HALF_Z)))), 3)
            skill = tax.skills[int(row)]
            mentions.append(
                SkillMention(
                    skill, clause.start, clause.end, clause.text, confidence, "semantic", skill.label_en
                )
            )
    return mentions


def _readings_agree(texts: Sequence[str], best: np.ndarray, top: int = AGREEMENT_TOP) -> list[bool]:
    """Per text, whether two readings of it agree on its best skill: that skill is among the ``top``
    best both by ESCO's labels alone and by our Indonesian names alone. (Also keeping a skill that is
    first by our names and among the ``2 * top`` best by ESCO's labels added 6 matches, 1 right.)"""
    from tangkas.reading.embeddings import (
        all_labels,
        best_by_owner,
        best_label_scores,
        embed,
        indonesian_labels,
    )

    queries = embed(list(texts))
    labels = all_labels("skills")
    readings = (
        best_by_owner(queries @ labels.vectors.T, labels),
        best_label_scores(queries, indonesian_labels("skills")),
    )
    ranks = [(scores > scores[np.arange(len(texts)), best][:, None]).sum(axis=1) for scores in readings]
    return [bool(max(esco, ours) < top) for esco, ours in zip(*ranks, strict=True)]


def extract_skills(text: str, *, semantic: bool = True, min_z: float = SEMANTIC_MIN_Z) -> list[SkillMention]:
    """ESCO skills mentioned in an ad or CV, with evidence spans, confidence and method, in text order.

    Boilerplate (company profile, benefits, how to apply) and clauses about age, sex or schooling
    are skipped. ``semantic=False`` runs the phrase stage only (fast, no model).

    >>> extract_skills("") == []
    True
    >>> [(m.method, m.text) for m in extract_skills("Persyaratan:\\n- Mampu bekerja dalam tim")]
    [('id-label', 'bekerja dalam tim')]
    >>> m = extract_skills("Persyaratan:\\n- Bisa kerja sama dalam tim")[0]
    >>> m.method, m.skill.label_en, m.text
    ('semantic', 'work in teams', 'Bisa kerja sama dalam tim')
    """
    clauses = [
        c
        for c in split_clauses(text)
        if not c.boilerplate and not c.job_line and c.section not in SKIP_SECTIONS
    ]
    mentions: list[SkillMention] = []
    covered: set[int] = set()
    for i, clause in enumerate(clauses):
        for m in phrase_matches(clause.text):
            covered.add(i)
            mentions.append(
                SkillMention(
                    m.skill,
                    clause.start + m.start,
                    clause.start + m.end,
                    m.text,
                    m.confidence,
                    m.method,
                    m.matched,
                )
            )
    if semantic:
        mentions += semantic_matches(_semantic_candidates(clauses, covered), min_z)
    return sorted(mentions, key=lambda m: (m.start, m.end))
