"""Frozen domain records shared by every part of Tangkas."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["id", "en"]
RIASEC_NAMES = ("realistic", "investigative", "artistic", "social", "enterprising", "conventional")


def named(label_en: str, label_id: str, lang: Lang) -> str:
    """The Indonesian name in Indonesian mode when there is one, else the English one."""
    return label_id if lang == "id" and label_id else label_en


@dataclass(frozen=True, slots=True)
class IscoGroup:
    """One ISCO-08 group (level 1 major .. level 4 unit) with English and KBJI Indonesian names."""

    code: str
    level: int
    label_en: str
    label_id: str
    description_en: str
    description_id: str

    def label(self, lang: Lang = "id") -> str:
        return named(self.label_en, self.label_id, lang)


@dataclass(frozen=True, slots=True)
class KbjiOccupation:
    """A six-digit KBJI 2014 occupation (``kode NNNN.NN``) inside an ISCO unit group."""

    kode: str
    isco: str
    title_id: str
    description_id: str


@dataclass(frozen=True, slots=True)
class OnetProfile:
    """O*NET enrichment of an ESCO occupation, resolved through the crosswalk.

    ``source`` says how it was found: ``direct`` (the occupation's own ESCO code),
    ``broader`` (an ESCO parent occupation) or ``isco`` (the ISCO unit group's crosswalk rows).
    """

    soc_codes: tuple[str, ...]
    job_zone: int | None
    riasec: tuple[float, ...] | None
    hot_technologies: tuple[str, ...]
    source: Literal["direct", "broader", "isco"]


@dataclass(frozen=True, slots=True)
class AutomationRisk:
    """Nesta's automation risk for an ISCO-08 unit group (higher is riskier)."""

    isco: str
    risk: float
    prevalence: float
    category: str


@dataclass(frozen=True, slots=True)
class Occupation:
    """An ESCO v1.1.1 occupation, with our reviewed Indonesian name (``label_id``) and the other names
    Indonesian ads and people use (``alt_id``) where written."""

    uri: str
    code: str
    isco: str
    label_en: str
    alt_en: tuple[str, ...]
    description_en: str
    broader: str = ""
    hidden_en: tuple[str, ...] = field(default=(), repr=False)
    label_id: str = ""
    alt_id: tuple[str, ...] = field(default=(), repr=False)

    def label(self, lang: Lang = "id") -> str:
        """The name to show in ``lang``: the Indonesian one in Indonesian mode when written, else ESCO's.

        >>> Occupation("u", "7531.5", "7531", "tailor", (), "", label_id="penjahit").label("id")
        'penjahit'
        """
        return named(self.label_en, self.label_id, lang)


@dataclass(frozen=True, slots=True)
class Skill:
    """An ESCO v1.1.1 skill, competence or knowledge concept."""

    uri: str
    skill_type: str
    reuse_level: str
    label_en: str
    alt_en: tuple[str, ...]
    description_en: str
    broader: tuple[str, ...] = ()
    collections: frozenset[str] = frozenset()
    hidden_en: tuple[str, ...] = field(default=(), repr=False)
    label_id: str = ""
    alt_id: tuple[str, ...] = field(default=(), repr=False)

    def label(self, lang: Lang = "id") -> str:
        """The name to show in ``lang``: our Indonesian one in Indonesian mode when written, else ESCO's."""
        return named(self.label_en, self.label_id, lang)

    @property
    def is_knowledge(self) -> bool:
        return self.skill_type == "knowledge"


@dataclass(frozen=True, slots=True)
class SkillGroup:
    """A node of the ESCO skills hierarchy (skill groups and ISCED-F knowledge fields), with our
    Indonesian name where written."""

    uri: str
    code: str
    label_en: str
    description_en: str
    broader: tuple[str, ...] = ()
    label_id: str = ""

    def label(self, lang: Lang = "id") -> str:
        """The name to show in ``lang``.

        >>> SkillGroup("u", "S3", "assisting and caring", "", label_id="membantu dan merawat").label("id")
        'membantu dan merawat'
        """
        return named(self.label_en, self.label_id, lang)
