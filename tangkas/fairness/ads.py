"""The job-ad checker: requirements on sex, age, marital status, appearance, religion, ethnicity or race,
and disability or health, found in an ad's title and text (Indonesian, English, Malay or a mix).

Rules, their legal basis and the suggested rewrites live in ``tangkas/data/fair_ads/`` (``rules.csv``,
``law.csv``), not here, and so do the word lists the rules share (``words.csv``: a rule names one as
``<<male>>``) and the gendered-wording lists (``gendered_words.csv``, information only). A rule is a
pattern that already carries its context ("khusus wanita", "usia maks. 25", "TB min 160"; a group named
``span``, or ``span2`` in another alternative, marks the words shown). Its ``unless`` pattern, found on
the same line (or, for a rule whose ``near`` is a number, within that many characters of the match),
cancels it: both sexes named, "pengalaman 2 tahun", a Mandarin-speaking requirement, an attractive
salary. Three context rows change a finding rather than make one: a preference word on the line makes it
``preferred``; a religious post (a teacher of religion) turns a religious requirement from unlawful into
one that needs its reason (the post's own name is no finding); and so does a reason stated on the line
("Perempuan, karena membantu fitting pakaian wanita"): whether it is genuine is for a person to judge.

>>> found = check_ad("Admin Gudang", "Persyaratan:\\n- Wanita, usia maks. 25 tahun\\n- Pengalaman 2 tahun")
>>> [(f.category, f.severity, f.span) for f in found.findings]
[('sex', 'unlawful', 'Wanita'), ('age', 'needs_reason', 'usia maks. 25')]
>>> check_ad("Sales", "Pria/Wanita, terbuka untuk lulusan baru").flagged
frozenset()
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

from tangkas.errors import TangkasError
from tangkas.loading import load_once
from tangkas.models import Lang
from tangkas.text.prepare import language_hint

Category = Literal[
    "sex", "age", "marital", "appearance", "religion", "ethnicity_race", "disability_health", "nationality"
]
CATEGORIES: tuple[Category, ...] = (
    "sex",
    "age",
    "marital",
    "appearance",
    "religion",
    "ethnicity_race",
    "disability_health",
    "nationality",
)
EVALUATED: tuple[Category, ...] = CATEGORIES[:-1]
"""The categories an ad can breach (nationality is information only)."""
Severity = Literal["unlawful", "needs_reason", "info"]
MAX_CHARS = 100_000
"""The longest ad checked (a real one is under 10,000 characters)."""


@dataclass(frozen=True, slots=True)
class Law:
    key: str
    text_id: str
    text_en: str
    source: str

    def text(self, lang: Lang) -> str:
        return self.text_id if lang == "id" else self.text_en


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    severity: str
    law: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None
    near: int | None
    """How far around a match ``unless`` looks (characters); None: the match's line."""
    needs: frozenset[str]
    """Words of which the text must hold one before the pattern is tried (empty: always tried); a fast
    first pass that never changes a result, since every match contains one of them."""
    rewrite_id: str
    rewrite_en: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One requirement found: where (``title`` or ``text`` and the character offsets), what, how strong,
    how serious, the law in plain words and a neutral rewrite in the ad's language."""

    category: Category
    rule: str
    where: Literal["title", "text"]
    start: int
    end: int
    span: str
    strength: Literal["required", "preferred", ""]
    severity: Severity
    law: str
    rewrite: str


Lean = Literal["masculine", "feminine"]


@dataclass(frozen=True, slots=True)
class AdCheck:
    lang: Lang
    findings: tuple[Finding, ...] = field(default=())
    wording: tuple[tuple[Lean, str], ...] = field(default=())
    """Gendered wording (information only): each masculine- or feminine-coded word once, in order of
    appearance (Gaucher et al. 2011 for English, a list of our own for Indonesian)."""

    @property
    def flagged(self) -> frozenset[Category]:
        """The categories with a finding that is unlawful or needs a stated reason (not information)."""
        return frozenset(f.category for f in self.findings if f.severity != "info")

    @property
    def one_sex(self) -> Literal["female", "male"] | None:
        """The sex the ad asks for when its sex findings name only one (None when none or both).

        >>> check_ad("Kasir", "Dibutuhkan wanita, usia maks. 25").one_sex
        'female'
        """
        _, context, _ = rules()
        named: set[Literal["female", "male"]] = {
            sex
            for f in self.findings
            if f.category == "sex" and f.severity != "info"
            for sex in ("female", "male")
            if context[sex].pattern.search(f.span)
        }
        return named.pop() if len(named) == 1 else None


@load_once
def rules_version() -> str:
    """A short digest of the shipped rule and law files: a stored check made under other rules is redone."""
    folder = resources.files("tangkas") / "data" / "fair_ads"
    digest = hashlib.sha256()
    for name in ("rules.csv", "law.csv", "words.csv", "gendered_words.csv"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:12]


WORD_LIST = re.compile(r"<<(\w+)>>")


def _expanded(pattern: str, words: dict[str, str]) -> str:
    """A pattern with every ``<<name>>`` replaced by its word list (lists may name lists)."""
    for _ in range(5):
        if "<<" not in pattern:
            return pattern
        pattern = WORD_LIST.sub(lambda m: f"(?:{words[m.group(1)]})", pattern)
    raise TangkasError(f"word lists nest too deep in {pattern[:60]!r}")


@dataclass(frozen=True, slots=True)
class WordList:
    """Gendered words by lean: whole words, and stems (a word list's ``*``) matched as a word's start,
    found by their first three letters; a two-word entry ("percaya diri", "self-confiden*") is matched
    on two neighbouring words."""

    words: dict[str, Lean]
    stems: dict[str, tuple[tuple[str, Lean], ...]]
    firsts: frozenset[str]
    """The first words of the two-word entries."""

    def lean(self, word: str) -> Lean | None:
        """The lean of a word or two-word phrase (a stem of one word never matches two)."""
        if word in self.words:
            return self.words[word]
        space = " " in word
        for stem, lean in self.stems.get(word[:3], ()):
            if word.startswith(stem) and (" " in stem) == space:
                return lean
        return None


@load_once
def gendered_words() -> WordList:
    """The shipped gendered-word lists (``gendered_words.csv``)."""
    folder = resources.files("tangkas") / "data" / "fair_ads"
    with (folder / "gendered_words.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    words: dict[str, Lean] = {}
    stems: dict[str, list[tuple[str, Lean]]] = {}
    for row in rows:
        word, lean = " ".join(WORD.findall(row["word"].lower())), row["lean"]
        if not row["word"].endswith("*"):
            words[word] = lean  # type: ignore[assignment]
        elif len(word) < 3:
            raise TangkasError(f"gendered_words.csv: a stem needs three letters or more: {row['word']!r}")
        else:
            stems.setdefault(word[:3], []).append((word, lean))  # type: ignore[arg-type]
    pairs = [
        entry for entry in [*words, *(stem for found in stems.values() for stem, _ in found)] if " " in entry
    ]
    return WordList(
        words,
        {key: tuple(found) for key, found in stems.items()},
        frozenset(entry.split(" ")[0] for entry in pairs),
    )


def _wording(text: str) -> tuple[tuple[Lean, str], ...]:
    listed = gendered_words()
    tokens = WORD.findall(text.lower())
    found: dict[tuple[Lean, str], None] = {}
    skip = False
    for i, token in enumerate(tokens):
        if skip:
            skip = False
            continue
        pair = f"{token} {tokens[i + 1]}" if token in listed.firsts and i + 1 < len(tokens) else ""
        lean = listed.lean(pair) if pair else None
        if lean is not None:
            found[(lean, pair)] = None
            skip = True
        elif (lean := listed.lean(token)) is not None:
            found[(lean, token)] = None
    return tuple(found)


def _compiled(pattern: str, words: dict[str, str]) -> re.Pattern[str] | None:
    return re.compile(_expanded(pattern, words), re.IGNORECASE | re.MULTILINE) if pattern else None


@load_once
def rules() -> tuple[tuple[Rule, ...], dict[str, Rule], dict[str, Law]]:
    """The finding rules, the context rules by id, and the laws by key, from the shipped data files."""
    folder = resources.files("tangkas") / "data" / "fair_ads"
    with (folder / "law.csv").open(encoding="utf-8") as handle:
        laws = {row["key"]: Law(**row) for row in csv.DictReader(handle)}
    with (folder / "words.csv").open(encoding="utf-8") as handle:
        words = {row["name"]: row["pattern"] for row in csv.DictReader(handle)}
    found: list[Rule] = []
    context: dict[str, Rule] = {}
    with (folder / "rules.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            pattern = _compiled(row["pattern"], words)
            assert pattern is not None, row["id"]
            rule = Rule(
                row["id"],
                row["category"],
                row["severity"],
                row["law"],
                pattern,
                _compiled(row["unless"], words),
                int(row["near"]) if row["near"] else None,
                frozenset(row["needs"].split("|")) if row["needs"] else frozenset(),
                row["rewrite_id"],
                row["rewrite_en"],
            )
            if rule.category == "context":
                context[rule.id] = rule
            else:
                found.append(rule)
    return tuple(found), context, laws


def _line(text: str, start: int, end: int) -> str:
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return text[first : len(text) if last < 0 else last]


WORD = re.compile(r"[^\W_]+")


def _shown(match: re.Match[str]) -> tuple[int, int]:
    """The words a finding shows: the group named ``span`` (or ``span2`` ... in another alternative)
    that matched, else the whole match."""
    for name, value in match.groupdict().items():
        if name.startswith("span") and value is not None:
            return match.span(name)
    return match.span()


def _around(text: str, line: str, start: int, end: int, near: int | None) -> str:
    if near is None:
        return line
    first = max(start - near, text.rfind("\n", 0, start) + 1)
    last = text.find("\n", end)
    return text[first : min(end + near, len(text) if last < 0 else last)]


@dataclass(frozen=True, slots=True)
class Lines:
    """A text's lines (where each starts) and the words of each: a rule is run only on the lines that
    hold one of its ``needs`` words, with a line either side for a match that runs over a line break."""

    starts: tuple[int, ...]
    words: tuple[frozenset[str], ...]
    length: int

    @classmethod
    def of(cls, text: str) -> Lines:
        starts, words, at = [], [], 0
        for line in text.split("\n"):
            starts.append(at)
            words.append(frozenset(WORD.findall(line.lower())))
            at += len(line) + 1
        return cls(tuple(starts), tuple(words), len(text))

    @property
    def every(self) -> frozenset[str]:
        return frozenset().union(*self.words)

    def windows(self, rule: Rule) -> list[tuple[int, int]]:
        """The stretches of text where ``rule`` may match (the whole text for a rule without words)."""
        if not rule.needs:
            return [(0, self.length)]
        out: list[tuple[int, int]] = []
        last = len(self.starts) - 1
        for i, words in enumerate(self.words):
            if rule.needs.isdisjoint(words):
                continue
            start = self.starts[max(i - 1, 0)]
            end = self.starts[i + 2] - 1 if i + 2 <= last else self.length
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], max(end, out[-1][1]))
            else:
                out.append((start, end))
        return out


def _matches(rule: Rule, text: str, lines: Lines) -> Iterator[re.Match[str]]:
    for start, end in lines.windows(rule):
        yield from rule.pattern.finditer(text, start, end)


def _find(
    text: str, lines: Lines, where: Literal["title", "text"], lang: Lang, religious_post: bool
) -> list[Finding]:
    found_rules, context, laws = rules()
    findings: list[Finding] = []
    taken: list[tuple[str, int, int]] = []
    for rule in found_rules:
        for match in _matches(rule, text, lines):
            start, end = _shown(match)
            if start == end:
                continue
            line = _line(text, start, end)
            if rule.unless is not None and rule.unless.search(_around(text, line, start, end, rule.near)):
                continue
            if any(c == rule.category and start < e and s < end for c, s, e in taken):
                continue
            severity, law = rule.severity, rule.law
            if (
                rule.category == "religion"
                and religious_post
                and (where == "title" or context["religious_post"].pattern.search(line))
            ):
                continue  # "Guru Agama Islam" names the post, it does not ask for a religion
            if rule.category == "religion" and religious_post:
                severity, law = "needs_reason", "religious_post"
            elif severity == "unlawful" and context["stated_reason"].pattern.search(line):
                severity, law = "needs_reason", "stated_reason"
            strength: Literal["required", "preferred", ""] = ""
            if severity != "info":
                strength = "preferred" if context["preferred"].pattern.search(line) else "required"
            taken.append((rule.category, start, end))
            findings.append(
                Finding(
                    rule.category,  # type: ignore[arg-type]
                    rule.id,
                    where,
                    start,
                    end,
                    text[start:end].strip(),
                    strength,
                    severity,  # type: ignore[arg-type]
                    laws[law].text(lang),
                    rule.rewrite_id if lang == "id" else rule.rewrite_en,
                )
            )
    return findings


def check_ad(title: str, text: str, lang: Lang | None = None) -> AdCheck:
    """Every finding in an ad, in order of appearance (the title's first); ``lang`` is the language of the
    law and rewrites (by default the ad's own: English for an English ad, else Indonesian)."""
    if len(title) + len(text) > MAX_CHARS:
        raise TangkasError(
            f"an ad is checked up to {MAX_CHARS:,} characters; this one has {len(title) + len(text):,}"
        )
    if lang is None:
        lang = "en" if language_hint(f"{title}\n{text}"[:5000]) == "en" else "id"
    _, context, _ = rules()
    in_title, in_text = Lines.of(title), Lines.of(text)
    post = context["religious_post"]
    religious_post = any(
        next(_matches(post, part, lines), None) for part, lines in ((title, in_title), (text, in_text))
    )
    findings = _find(title, in_title, "title", lang, religious_post) + _find(
        text, in_text, "text", lang, religious_post
    )
    findings.sort(key=lambda f: (f.where != "title", f.start))
    return AdCheck(lang, tuple(findings), _wording(f"{title}\n{text}"))


def check_posting(title: str, text: str) -> AdCheck:
    """:func:`check_ad` of a stored posting: cut to :data:`MAX_CHARS` (the title first), Indonesian law."""
    return check_ad(title[:MAX_CHARS], text[: max(0, MAX_CHARS - len(title))], lang="id")
