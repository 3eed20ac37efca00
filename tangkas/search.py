"""Search over occupations and skills in Bahasa Indonesia and English, tolerant of typos.

Occupations are found through their ESCO labels (preferred, alternative, hidden), our Indonesian names
and the other names Indonesian ads use (``label_id``, ``alt_id``), the KBJI 2014
titles of their ISCO unit group and of the six-digit KBJI occupations in it, and colloquial
Indonesian words (``sopir`` -> ``pengemudi``). Scoring is TF-IDF cosine over word features
(the word, a light English singular, and the Sastrawi stem for Indonesian labels), with query words
that are not in the vocabulary replaced by their closest vocabulary words (typos) and the last
word also matched as a prefix (as-you-type).

>>> [hit.occupation.isco for hit in search_occupations("sopir truk", limit=3)]
['8332', '8332', '8332']
>>> search_skills("pyton", limit=1)[0].skill.label_en
'Python (computer programming)'
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from tangkas.errors import UnknownConceptError
from tangkas.loading import load_once
from tangkas.models import KbjiOccupation, Occupation, Skill
from tangkas.taxonomy import Taxonomy, load_taxonomy
from tangkas.text.lang import en, id
from tangkas.text.normalize import normalize, stem_id

Source = Literal["esco", "kbji", "isco"]
# How much a match on each kind of label counts, relative to the ESCO preferred label.
LABEL_WEIGHTS = {
    "preferred": 1.0,
    "indonesian": 1.0,
    "kbji": 0.97,
    "indonesian_alternative": 0.96,
    "alternative": 0.95,
    "isco": 0.9,
    "hidden": 0.85,
}
# An ESCO occupation reached only through its unit group's KBJI title ranks just below direct hits.
GROUP_DISCOUNT = 0.92
FUZZY_CUTOFF = 80.0
EXACT_BONUS = 0.15
ALIGNMENT_BONUS = 0.05
MAX_VARIANTS = 8
# A match reached through a colloquial rewrite counts a little less than a match on the words typed.
VARIANT_DISCOUNT = 0.95


@dataclass(frozen=True, slots=True)
class OccupationHit:
    """One ranked occupation, with the label that matched best."""

    occupation: Occupation
    score: float
    matched: str
    source: Source
    kbji: KbjiOccupation | None = None


@dataclass(frozen=True, slots=True)
class SkillHit:
    """One ranked skill, with the label that matched best."""

    skill: Skill
    score: float
    matched: str


@dataclass(frozen=True, slots=True)
class _Doc:
    text: str
    target: int
    weight: float
    indonesian: bool


def _singular(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def _features(token: str, indonesian: bool) -> list[str]:
    found = [token, _singular(token)]
    if indonesian:
        found.append("~" + stem_id(token))
    return list(dict.fromkeys(found))


class TextIndex:
    """A TF-IDF index over short labels with typo and prefix tolerance.

    >>> index = TextIndex([_Doc("heavy truck driver", 0, 1.0, False), _Doc("tailor", 1, 1.0, False)])
    >>> index.query("truk drivr")[0][:2]
    (0, 0)
    """

    def __init__(self, docs: Sequence[_Doc]) -> None:
        self.docs = docs
        stop = id.STOPWORDS | en.STOPWORDS
        self.normalized = [normalize(d.text) for d in docs]
        features = cache(_features)
        rows: list[list[str]] = []
        for doc, text in zip(docs, self.normalized, strict=True):
            tokens = [t for t in text.split() if t not in stop]
            rows.append([f for t in tokens for f in features(t, doc.indonesian)])
        self.vocabulary: dict[str, int] = {}
        for row in rows:
            for feature in row:
                self.vocabulary.setdefault(feature, len(self.vocabulary))
        self.words = sorted(w for w in self.vocabulary if not w.startswith("~"))
        indptr: list[int] = [0]
        indices: list[int] = []
        for row in rows:
            indices.extend(self.vocabulary[f] for f in dict.fromkeys(row))
            indptr.append(len(indices))
        counts = np.bincount(np.asarray(indices, dtype=np.int64), minlength=len(self.vocabulary))
        self.idf = np.log((1 + len(docs)) / (1 + counts)).astype(np.float32) + 1.0
        data = self.idf[np.asarray(indices, dtype=np.int64)]
        matrix = sparse.csr_matrix(
            (data, np.asarray(indices), np.asarray(indptr)), shape=(len(docs), len(self.vocabulary))
        )
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        self.matrix = sparse.diags(1.0 / np.maximum(norms, 1e-9)).dot(matrix).tocsr()
        self.targets = np.asarray([d.target for d in docs], dtype=np.int64)
        self.weights = np.asarray([d.weight for d in docs], dtype=np.float32)

    def _expand(self, token: str, last: bool) -> dict[str, float]:
        weights = {f: 1.0 for f in (token, _singular(token)) if f in self.vocabulary}
        if weights:
            return weights
        stem = "~" + stem_id(token)
        if stem in self.vocabulary:
            return {stem: 1.0}
        if len(token) >= 4:
            for word, score, _ in process.extract(token, self.words, scorer=fuzz.ratio, limit=3):
                if score >= FUZZY_CUTOFF:
                    weights[word] = max(weights.get(word, 0.0), score / 100.0)
        if last and len(token) >= 3:
            start = bisect.bisect_left(self.words, token)
            for word in self.words[start : start + 20]:
                if not word.startswith(token):
                    break
                weights[word] = max(weights.get(word, 0.0), 0.8)
        return weights

    def query(self, text: str) -> list[tuple[int, int, float]]:
        """(target, doc, score) per target, best first."""
        tokens = normalize(text).split()
        vector = np.zeros(len(self.vocabulary), dtype=np.float32)
        for position, token in enumerate(tokens):
            for feature, weight in self._expand(token, position == len(tokens) - 1).items():
                column = self.vocabulary[feature]
                vector[column] = max(vector[column], weight * self.idf[column])
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            return []
        scores = self.matrix.dot(vector / norm) * self.weights
        candidates = np.flatnonzero(scores > 0)
        wanted = normalize(text)
        best: dict[int, tuple[int, float]] = {}
        for doc in candidates[np.argsort(-scores[candidates], kind="stable")]:
            score = float(scores[doc]) + (EXACT_BONUS if self.normalized[doc] == wanted else 0.0)
            target = int(self.targets[doc])
            if target not in best or score > best[target][1]:
                best[target] = (int(doc), score)
        ranked = sorted(best.items(), key=lambda item: (-item[1][1], item[0]))
        return [(target, doc, score) for target, (doc, score) in ranked]


def query_variants(text: str, limit: int = MAX_VARIANTS) -> list[str]:
    """The query with colloquial words replaced by their formal phrases, one variant per replacement.

    >>> query_variants("sopir truk")
    ['pengemudi truk', 'driver truk']
    """
    tokens = normalize(text).split()
    variants: list[str] = []
    for position, token in enumerate(tokens):
        for phrase in id.COLLOQUIAL_TITLES.get(token, ()):
            candidate = " ".join([*tokens[:position], phrase, *tokens[position + 1 :]])
            if candidate != " ".join(tokens) and candidate not in variants:
                variants.append(candidate)
    return variants[:limit]


def _label_docs(concept: Occupation | Skill, target: int) -> list[_Doc]:
    """The searchable names of an occupation or a skill: ESCO's (preferred, alternative, hidden) and ours
    in Indonesian (``label_id``, ``alt_id``)."""
    kinds = (
        ((concept.label_en,), "preferred", False),
        (concept.alt_en, "alternative", False),
        (concept.hidden_en, "hidden", False),
        ((concept.label_id,) if concept.label_id else (), "indonesian", True),
        (concept.alt_id, "indonesian_alternative", True),
    )
    return [
        _Doc(label, target, LABEL_WEIGHTS[kind], indonesian)
        for labels, kind, indonesian in kinds
        for label in labels
    ]


class OccupationSearch:
    """Occupation search over ESCO labels and KBJI titles (see module docstring)."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        docs = [doc for i, occ in enumerate(taxonomy.occupations) for doc in _label_docs(occ, i)]
        self._groups: list[tuple[str, KbjiOccupation | None]] = []
        offset = len(taxonomy.occupations)
        for code, group in sorted(taxonomy.isco_groups.items()):
            if group.level == 4 and group.label_id:
                docs.append(_Doc(group.label_id, offset + len(self._groups), LABEL_WEIGHTS["isco"], True))
                self._groups.append((code, None))
        for kbji in taxonomy.kbji.values():
            docs.append(_Doc(kbji.title_id, offset + len(self._groups), LABEL_WEIGHTS["kbji"], True))
            self._groups.append((kbji.isco, kbji))
        self.index = TextIndex(docs)

    def search(self, text: str, limit: int = 10) -> list[OccupationHit]:
        """Ranked occupations for ``text``."""
        ranked = self.index.query(text)
        for variant in query_variants(text):
            ranked += [(t, d, VARIANT_DISCOUNT * score) for t, d, score in self.index.query(variant)]
        direct: dict[int, float] = {}
        hits: dict[int, OccupationHit] = {}
        offset = len(self.taxonomy.occupations)
        for target, doc, score in ranked:
            if target < offset and score > direct.get(target, 0.0):
                direct[target] = score
                hits[target] = OccupationHit(
                    self.taxonomy.occupations[target], score, self.index.docs[doc].text, "esco"
                )
        for target, doc, score in ranked:
            if target < offset:
                continue
            code, kbji = self._groups[target - offset]
            aligned = self.taxonomy.kbji_alignment(kbji.kode if kbji else code)
            for rank, uri in enumerate(aligned):
                member = self.taxonomy.occupation_index[uri]
                # The multilingual alignment orders a group's members; direct label evidence adds to it.
                combined = (
                    GROUP_DISCOUNT * score + ALIGNMENT_BONUS / (1 + rank) + 0.1 * direct.get(member, 0.0)
                )
                if member not in hits or combined > hits[member].score:
                    source: Source = "kbji" if kbji else "isco"
                    occupation = self.taxonomy.occupations[member]
                    hits[member] = OccupationHit(
                        occupation, combined, self.index.docs[doc].text, source, kbji
                    )
        ordered = sorted(hits.values(), key=lambda h: (-h.score, h.occupation.label_en))
        return [
            OccupationHit(h.occupation, round(h.score, 4), h.matched, h.source, h.kbji)
            for h in ordered[:limit]
        ]


class SkillSearch:
    """Skill search over ESCO preferred, alternative and hidden labels and our Indonesian names."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.index = TextIndex(
            [doc for i, skill in enumerate(taxonomy.skills) for doc in _label_docs(skill, i)]
        )

    def search(self, text: str, limit: int = 10) -> list[SkillHit]:
        """Ranked skills for ``text``."""
        ranked = self.index.query(text)[:limit]
        return [
            SkillHit(self.taxonomy.skills[target], round(score, 4), self.index.docs[doc].text)
            for target, doc, score in ranked
        ]


@load_once
def occupation_search() -> OccupationSearch:
    """The occupation index over the shipped taxonomy, built once per process."""
    return OccupationSearch(load_taxonomy())


@load_once
def skill_search() -> SkillSearch:
    """The skill index over the shipped taxonomy, built once per process."""
    return SkillSearch(load_taxonomy())


def search_occupations(text: str, *, limit: int = 10) -> list[OccupationHit]:
    """Ranked ESCO occupations for a query in Indonesian or English.

    >>> search_occupations("software developer", limit=1)[0].occupation.code
    '2512.4'
    """
    return occupation_search().search(text, limit)


def search_skills(text: str, *, limit: int = 10) -> list[SkillHit]:
    """Ranked ESCO skills for a query (English labels)."""
    return skill_search().search(text, limit)


def resolve_occupation(text: str) -> Occupation:
    """One ESCO occupation for what a person typed: an identifier, else the best search hit.

    URIs and ESCO codes name an occupation; a KBJI kode or an ISCO group resolves to the ESCO
    occupation the multilingual alignment ranks first in that group.

    >>> resolve_occupation("kbji:8332.01").isco, resolve_occupation("penjahit").label_en
    ('8332', 'tailor')
    """
    tax = load_taxonomy()
    try:
        found = tax.lookup(text)
    except UnknownConceptError:
        hits = search_occupations(text, limit=1)
        if not hits:
            raise
        return hits[0].occupation
    if isinstance(found, Occupation):
        return found
    code = found.kode if isinstance(found, KbjiOccupation) else found.code
    ranked = tax.kbji_alignment(code) or [o.uri for o in tax.occupations_in(code)]
    if not ranked:
        raise UnknownConceptError("occupation", text)
    return tax.occupation(ranked[0])


def resolve_skill(text: str) -> Skill:
    """One ESCO skill for a URI, an exact label, or else the best search hit.

    >>> resolve_skill("pyton").label_en
    'Python (computer programming)'
    """
    try:
        return load_taxonomy().skill(text)
    except UnknownConceptError:
        hits = search_skills(text, limit=1)
        if not hits:
            raise
        return hits[0].skill
