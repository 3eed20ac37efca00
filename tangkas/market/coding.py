"""Coding postings: each ad gets a ranked occupation (ESCO, with ISCO-08) and the ESCO skills it asks for.

The coders are parameters (plain callables), so the step runs with any title coder and skill
extractor, and tests can pass tiny fakes. :func:`default_title_coder` uses ``tangkas.reading.titles`` when
it is installed and falls back to the taxonomy search; :func:`default_skill_extractor` uses the
phrase stage of ``tangkas.reading.extract`` (fast, no model).

>>> from tangkas.market.postings import Posting
>>> fake = lambda titles, texts: [OccupationGuess("esco:cashier", "5230", 0.9) for _ in titles]
>>> coded = code_postings([Posting("demo", "1", "Kasir")], fake, min_score=0.5)
>>> coded[0].isco, coded[0].confident
('5230', True)
>>> coverage([c for c in coded])
{'demo': {'postings': 1, 'confident': 1, 'share': 1.0}}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tangkas.errors import TangkasError
from tangkas.market.postings import Posting


@dataclass(frozen=True, slots=True)
class OccupationGuess:
    """The best occupation a coder found for a title: ESCO URI, ISCO-08 unit group, score, and the
    margin of that score over the runner-up (a better confidence signal than the score alone). The
    ``titles`` coder's margin is over the best occupation of another unit group, and it reports that
    margin as the score too (an exact known name has margin 1)."""

    occupation: str
    isco: str
    score: float
    margin: float = 0.0


@dataclass(frozen=True, slots=True)
class CodedPosting:
    """A posting with its occupation (``None`` when the coder found none), whether the coder's
    calibrated rule holds it confident, its skill URIs, and the margin of the best guess over the next."""

    posting: Posting
    occupation: str | None
    isco: str | None
    score: float
    confident: bool
    skills: tuple[str, ...] = ()
    margin: float = 0.0


TitleCoder = Callable[[Sequence[str], Sequence[str]], Sequence[OccupationGuess | None]]
"""Codes a batch of titles, each with its ad's text (which names the domain of a generic title)."""
SkillExtractor = Callable[[str], Iterable[str]]


@dataclass(frozen=True, slots=True)
class TitleCoding:
    """A title coder with the thresholds above which its best guess counts as confident."""

    name: str
    coder: TitleCoder
    min_score: float = 0.0
    min_margin: float = 0.0


def code_postings(
    postings: Iterable[Posting],
    title_coder: TitleCoder,
    skill_extractor: SkillExtractor | None = None,
    *,
    min_score: float = 0.0,
    min_margin: float = 0.0,
    batch_size: int = 256,
    progress: Callable[[int], object] | None = None,
) -> list[CodedPosting]:
    """Code every posting: its title with ``title_coder`` (called on batches of titles and their ad
    texts), its title,
    text and skill tags with ``skill_extractor``; ``confident`` when the guess reaches both ``min_score``
    and ``min_margin`` (see :class:`TitleCoding` for calibrated values). ``progress`` is called with
    the number of postings coded after each batch."""
    out: list[CodedPosting] = []
    batch: list[Posting] = []

    def flush() -> None:
        guesses = title_coder([p.title for p in batch], [p.text for p in batch])
        for posting, guess in zip(batch, guesses, strict=True):
            skills: tuple[str, ...] = ()
            if skill_extractor is not None:
                text = skill_text(posting.title, posting.text, posting.skills)
                skills = tuple(dict.fromkeys(skill_extractor(text)))
            if guess is None:
                out.append(CodedPosting(posting, None, None, 0.0, False, skills))
            else:
                out.append(
                    CodedPosting(
                        posting,
                        guess.occupation,
                        guess.isco,
                        guess.score,
                        is_confident(guess, min_score, min_margin),
                        skills,
                        guess.margin,
                    )
                )
        if progress is not None:
            progress(len(batch))
        batch.clear()

    for posting in postings:
        batch.append(posting)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return out


def is_confident(guess: OccupationGuess, min_score: float, min_margin: float) -> bool:
    """Whether a guess reaches both thresholds of its coder (:class:`TitleCoding`)."""
    return guess.score >= min_score and guess.margin >= min_margin


def skill_text(title: str, text: str, tags: Sequence[str]) -> str:
    """What the skill extractor reads of a posting: its title, text and skill tags."""
    return "\n".join([title, text, ", ".join(tags)])


def coverage(coded: Iterable[CodedPosting]) -> dict[str, dict[str, Any]]:
    """Per source: postings, how many were coded with confidence, and the share."""
    totals: dict[str, list[int]] = {}
    for c in coded:
        counts = totals.setdefault(c.posting.source, [0, 0])
        counts[0] += 1
        counts[1] += c.confident
    return {s: {"postings": n, "confident": k, "share": round(k / n, 4)} for s, (n, k) in totals.items()}


def default_title_coder() -> TitleCoding:
    """The best installed title coder with its calibrated thresholds: ``tangkas.reading.titles`` when it
    works (its shipped embeddings built), else the taxonomy search (``search_occupations``)."""
    try:
        from tangkas.reading import titles

        titles.code_title("kasir", limit=1)  # the shipped embeddings may not be built yet
    except (ImportError, TangkasError):
        return search_title_coder()

    def coder(batch: Sequence[str], texts: Sequence[str]) -> list[OccupationGuess | None]:
        return [titles_guess(j, margin) for j, margin in titles.guess_titles(list(batch), list(texts))]

    return TitleCoding("titles", coder, 0.0, titles.CONFIDENT_MARGIN)


def titles_guess(column: int, margin: float) -> OccupationGuess:
    """The ``titles`` coder's guess from an occupation column and margin of ``tangkas.reading.titles``
    (its score is the margin rounded to four places)."""
    from tangkas.taxonomy import load_taxonomy

    occupation = load_taxonomy().occupations[column]
    return OccupationGuess(occupation.uri, occupation.isco, round(margin, 4), margin)


# search: score >= 0.8 keeps 28% of titles, 46% the gold occupation, 53% its ISCO unit group.
SEARCH_MIN_SCORE = 0.8
SEARCH_MIN_MARGIN = 0.0


def search_title_coder() -> TitleCoding:
    """The taxonomy search as a title coder (no model needed): fast, less accurate than ``titles``."""
    return TitleCoding("search", _search_coder, SEARCH_MIN_SCORE, SEARCH_MIN_MARGIN)


def _search_coder(batch: Sequence[str], texts: Sequence[str]) -> list[OccupationGuess | None]:
    from tangkas.search import search_occupations

    out: list[OccupationGuess | None] = []
    for title in batch:
        hits = search_occupations(title, limit=2)
        if not hits:
            out.append(None)
            continue
        margin = hits[0].score - hits[1].score if len(hits) > 1 else hits[0].score
        out.append(OccupationGuess(hits[0].occupation.uri, hits[0].occupation.isco, hits[0].score, margin))
    return out


def default_skill_extractor(*, semantic: bool = False) -> SkillExtractor | None:
    """ESCO skill URIs from ``tangkas.reading.extract`` (the phrase stage, and the slower semantic stage
    when asked), or ``None`` if it is not installed."""
    try:
        from tangkas.reading.extract import extract_skills
    except ImportError:
        return None

    def extractor(text: str) -> list[str]:
        return [m.skill.uri for m in extract_skills(text, semantic=semantic)]

    return extractor
