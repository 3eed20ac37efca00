"""The shipped reference taxonomy: ESCO, ISCO-08/KBJI 2014, O*NET enrichments, automation risk.

Pure and read-only: everything comes from the Parquet files in ``tangkas/data``.

>>> tax = load_taxonomy()
>>> tax.occupation("2512.4").label_en
'software developer'
>>> [g.code for g in tax.isco_path("7531")]
['7', '75', '753', '7531']
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pyarrow.parquet as pq
from scipy import sparse

from tangkas.errors import UnknownConceptError
from tangkas.loading import load_once
from tangkas.models import (
    RIASEC_NAMES,
    AutomationRisk,
    IscoGroup,
    KbjiOccupation,
    Occupation,
    OnetProfile,
    Skill,
    SkillGroup,
)

DATA_DIR = Path(str(resources.files("tangkas") / "data"))
ESCO_CODE = re.compile(r"^\d{4}(\.\d+)+$")
KBJI_CODE = re.compile(r"^\d{4}\.\d{2}$")
ISCO_CODE = re.compile(r"^\d{1,4}$")
COLLECTION_NAMES = ("digital", "digcomp", "green", "transversal", "language", "research")
MAX_HOT_TECHNOLOGIES = 15


def _rows(name: str, data_dir: Path) -> list[dict[str, Any]]:
    # ParquetFile (not read_table, which imports pyarrow.dataset) and column-wise conversion: fast start.
    columns = pq.ParquetFile(data_dir / f"{name}.parquet").read().to_pydict()
    keys = list(columns)
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def _indonesian_names(data_dir: Path, name: str) -> dict[str, dict[str, Any]]:
    """Our Indonesian names (and other names) of occupations or skills by URI, when shipped
    (``scripts/build_labels_id.py``)."""
    if not (data_dir / f"{name}.parquet").exists():
        return {}
    return {
        r["uri"]: {"label_id": r["label_id"], "alt_id": tuple(r["alt_id"])} for r in _rows(name, data_dir)
    }


class Taxonomy:
    """Occupations, skills and their relations, with lookups and crosswalk enrichments."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = data_dir
        names_id = _indonesian_names(data_dir, "occupation_labels_id")
        skill_names_id = _indonesian_names(data_dir, "skill_labels_id")
        self.occupations: tuple[Occupation, ...] = tuple(
            Occupation(
                uri=r["uri"],
                code=r["code"],
                isco=r["isco"],
                label_en=r["label_en"],
                alt_en=tuple(r["alt_en"]),
                description_en=r["description_en"],
                broader=r["broader"],
                hidden_en=tuple(r["hidden_en"]),
                **names_id.get(r["uri"], {}),
            )
            for r in _rows("occupations", data_dir)
        )
        self.skills: tuple[Skill, ...] = tuple(
            Skill(
                uri=r["uri"],
                skill_type=r["skill_type"],
                reuse_level=r["reuse_level"],
                label_en=r["label_en"],
                alt_en=tuple(r["alt_en"]),
                description_en=r["description_en"],
                broader=tuple(r["broader"]),
                collections=frozenset(c for c in COLLECTION_NAMES if r[c]),
                hidden_en=tuple(r["hidden_en"]),
                **skill_names_id.get(r["uri"], {}),
            )
            for r in _rows("skills", data_dir)
        )
        self.occupation_index: dict[str, int] = {o.uri: i for i, o in enumerate(self.occupations)}
        self.skill_index: dict[str, int] = {s.uri: i for i, s in enumerate(self.skills)}
        self._by_code = {o.code: o for o in self.occupations}
        self._skill_by_label = {s.label_en.lower(): s for s in self.skills}
        for s in self.skills:  # our Indonesian name finds the skill too, unless it is another's label
            if s.label_id:
                self._skill_by_label.setdefault(s.label_id.lower(), s)
        self.isco_groups: dict[str, IscoGroup] = {
            r["code"]: IscoGroup(
                code=r["code"],
                level=r["level"],
                label_en=r["label_en"],
                label_id=r["label_id"],
                description_en=r["description_en"],
                description_id=r["description_id"],
            )
            for r in _rows("isco_groups", data_dir)
        }
        self.kbji: dict[str, KbjiOccupation] = {
            r["kode"]: KbjiOccupation(**r) for r in _rows("kbji_occupations", data_dir)
        }
        self.essential, self.optional = self._relation_matrices()

    def _relation_matrices(self) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        table = pq.ParquetFile(self.data_dir / "occupation_skills.parquet").read()
        occ = table["occupation"].to_numpy()
        skill = table["skill"].to_numpy()
        essential = table["essential"].to_numpy(zero_copy_only=False)
        shape = (len(self.occupations), len(self.skills))

        def matrix(mask: np.ndarray) -> sparse.csr_matrix:
            ones = np.ones(int(mask.sum()), dtype=np.float32)
            return sparse.csr_matrix((ones, (occ[mask], skill[mask])), shape=shape)

        return matrix(essential), matrix(~essential)

    # -- lookups -----------------------------------------------------------------------------

    def occupation(self, identifier: str) -> Occupation:
        """An ESCO occupation by URI or ESCO code (``2512.4``)."""
        key = identifier.strip()
        if key in self.occupation_index:
            return self.occupations[self.occupation_index[key]]
        if key in self._by_code:
            return self._by_code[key]
        raise UnknownConceptError("occupation", identifier)

    def skill(self, identifier: str) -> Skill:
        """An ESCO skill by URI, exact English preferred label or our Indonesian name (case-insensitive)."""
        key = identifier.strip()
        if key in self.skill_index:
            return self.skills[self.skill_index[key]]
        if key.lower() in self._skill_by_label:
            return self._skill_by_label[key.lower()]
        raise UnknownConceptError("skill", identifier)

    def isco_group(self, code: str) -> IscoGroup:
        """An ISCO-08 group by code, at any level (``7``, ``75``, ``753``, ``7531``)."""
        group = self.isco_groups.get(code.strip())
        if group is None:
            raise UnknownConceptError("ISCO-08 group", code)
        return group

    def kbji_occupation(self, kode: str) -> KbjiOccupation:
        """A six-digit KBJI 2014 occupation by ``kode`` (``7531.01``)."""
        found = self.kbji.get(kode.strip().removeprefix("kbji:"))
        if found is None:
            raise UnknownConceptError("KBJI occupation", kode)
        return found

    def lookup(self, identifier: str) -> Occupation | IscoGroup | KbjiOccupation:
        """Resolve any occupation identifier: URI, ESCO code, ISCO code or KBJI kode.

        ESCO codes win over KBJI codes of the same shape; prefix ``kbji:`` to force KBJI.

        >>> load_taxonomy().lookup("kbji:8332.01").title_id
        'Pengemudi Truk Berat'
        """
        key = identifier.strip()
        if key.startswith("kbji:"):
            return self.kbji_occupation(key)
        if key.startswith("http") or ESCO_CODE.match(key):
            try:
                return self.occupation(key)
            except UnknownConceptError:
                if not KBJI_CODE.match(key):
                    raise
        if KBJI_CODE.match(key) and key in self.kbji:
            return self.kbji[key]
        if ISCO_CODE.match(key) and key in self.isco_groups:
            return self.isco_groups[key]
        raise UnknownConceptError("occupation identifier", identifier)

    # -- hierarchy and relations ----------------------------------------------------------------

    def isco_path(self, code: str) -> list[IscoGroup]:
        """The ISCO-08 groups from the major group down to ``code``."""
        self.isco_group(code)
        return [self.isco_groups[code[:n]] for n in range(1, len(code) + 1) if code[:n] in self.isco_groups]

    def occupations_in(self, isco_code: str) -> list[Occupation]:
        """ESCO occupations whose ISCO unit group lies under ``isco_code``."""
        return [o for o in self.occupations if o.isco.startswith(isco_code)]

    def kbji_in(self, isco_code: str) -> list[KbjiOccupation]:
        """Six-digit KBJI occupations under an ISCO group."""
        return [k for k in self.kbji.values() if k.isco.startswith(isco_code)]

    def _skills_of(self, matrix: sparse.csr_matrix, occupation: Occupation) -> list[Skill]:
        row = self.occupation_index[occupation.uri]
        columns = matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]
        return sorted((self.skills[c] for c in columns), key=lambda s: s.label_en)

    def essential_skills(self, occupation: Occupation) -> list[Skill]:
        return self._skills_of(self.essential, occupation)

    def optional_skills(self, occupation: Occupation) -> list[Skill]:
        return self._skills_of(self.optional, occupation)

    def occupations_requiring(self, skill: Skill, *, essential: bool = True) -> list[Occupation]:
        """Occupations that list ``skill`` as essential (or optional)."""
        matrix = (self.essential if essential else self.optional).tocsc()
        col = self.skill_index[skill.uri]
        rows = matrix.indices[matrix.indptr[col] : matrix.indptr[col + 1]]
        return sorted((self.occupations[r] for r in rows), key=lambda o: o.label_en)

    def skill_group(self, uri: str) -> SkillGroup:
        group = self.skill_groups.get(uri)
        if group is None:
            raise UnknownConceptError("skill group", uri)
        return group

    @cached_property
    def skill_groups(self) -> dict[str, SkillGroup]:
        names_id = _indonesian_names(self.data_dir, "skill_group_labels_id")
        return {
            r["uri"]: SkillGroup(
                uri=r["uri"],
                code=r["code"],
                label_en=r["label_en"],
                description_en=r["description_en"],
                broader=tuple(r["broader"]),
                label_id=names_id.get(r["uri"], {}).get("label_id", ""),
            )
            for r in _rows("skill_groups", self.data_dir)
        }

    def skill_path(self, skill: Skill) -> list[SkillGroup]:
        """The first chain of skill groups above ``skill`` up to the top of the hierarchy."""
        path: list[SkillGroup] = []
        parents = list(skill.broader)
        seen: set[str] = set()
        while parents:
            parent = next((p for p in parents if p in self.skill_groups), None)
            if parent is None:
                parent_skill = (
                    self.skills[self.skill_index[parents[0]]] if parents[0] in self.skill_index else None
                )
                parents = list(parent_skill.broader) if parent_skill else []
                continue
            if parent in seen:
                break
            seen.add(parent)
            group = self.skill_groups[parent]
            path.append(group)
            parents = list(group.broader)
        return path[::-1]

    # -- enrichments -----------------------------------------------------------------------------

    @cached_property
    def _onet(self) -> tuple[dict[str, list[str]], dict[str, dict[str, Any]]]:
        crosswalk: dict[str, list[str]] = {}
        for row in _rows("esco_onet", self.data_dir):
            crosswalk.setdefault(row["esco_code"], []).append(row["soc"])
        profiles = {r["soc"]: r for r in _rows("onet_occupations", self.data_dir)}
        return crosswalk, profiles

    @cached_property
    def _automation(self) -> dict[str, AutomationRisk]:
        return {r["isco"]: AutomationRisk(**r) for r in _rows("automation_risk", self.data_dir)}

    def onet(self, occupation: Occupation) -> OnetProfile | None:
        """O*NET job zone, RIASEC interests and hot technologies for an ESCO occupation.

        Resolution: the occupation's own ESCO code in the crosswalk, else its nearest broader ESCO
        occupation's, else the ISCO unit group's rows. When several O*NET occupations match, the job
        zone is their lower median, RIASEC their mean, and hot technologies are ranked by how many
        of them list the technology.
        """
        crosswalk, profiles = self._onet
        source: Literal["direct", "broader", "isco"] = "direct"
        current: Occupation | None = occupation
        socs: list[str] = []
        while current is not None and not socs:
            socs = [s for s in crosswalk.get(current.code, []) if s in profiles]
            if not socs:
                current = (
                    self.occupations[self.occupation_index[current.broader]] if current.broader else None
                )
                source = "broader"
        if not socs:
            socs = [s for s in crosswalk.get(occupation.isco, []) if s in profiles]
            source = "isco"
        if not socs:
            return None
        return _combine([profiles[s] for s in socs], source)

    @cached_property
    def _kbji_esco(self) -> tuple[dict[str, list[str]], dict[str, list[KbjiOccupation]]]:
        ranked: dict[str, list[str]] = {}
        for row in _rows("kbji_esco", self.data_dir):
            ranked.setdefault(row["kode"], []).append(row["uri"])
        best: dict[str, list[KbjiOccupation]] = {}
        for kode, uris in ranked.items():
            if kode in self.kbji:
                best.setdefault(uris[0], []).append(self.kbji[kode])
        return ranked, best

    def kbji_alignment(self, kode: str) -> list[str]:
        """ESCO occupation URIs of a KBJI title's unit group, most similar first (multilingual-e5).

        ``kode`` is a six-digit KBJI kode or a four-digit unit group.
        """
        return list(self._kbji_esco[0].get(kode, []))

    def kbji_titles(self, occupation: Occupation) -> list[KbjiOccupation]:
        """Six-digit KBJI occupations for which ``occupation`` is the closest ESCO occupation."""
        return list(self._kbji_esco[1].get(occupation.uri, []))

    def automation_risk(self, isco_code: str) -> AutomationRisk | None:
        """Automation risk of an ISCO-08 unit group, or ``None`` where Nesta gives none."""
        return self._automation.get(isco_code)

    def enrichment_coverage(self) -> dict[str, dict[str, int]]:
        """How many occupations each enrichment covers, by resolution source."""
        onet: Counter[str] = Counter()
        risk: Counter[str] = Counter()
        kbji: Counter[str] = Counter()
        for occ in self.occupations:
            profile = self.onet(occ)
            onet[profile.source if profile else "none"] += 1
            risk["covered" if self.automation_risk(occ.isco) else "none"] += 1
            kbji[
                "covered"
                if self.isco_groups.get(occ.isco, None) and self.isco_groups[occ.isco].label_id
                else "none"
            ] += 1
        return {"onet": dict(onet), "automation_risk": dict(risk), "kbji_unit_group": dict(kbji)}

    def manifest(self) -> dict[str, Any]:
        manifest: dict[str, Any] = json.loads((self.data_dir / "manifest.json").read_text())
        return manifest


def _combine(rows: Iterable[dict[str, Any]], source: Literal["direct", "broader", "isco"]) -> OnetProfile:
    rows = list(rows)
    zones = [r["job_zone"] for r in rows if r["job_zone"]]
    interests = [tuple(r[n] for n in RIASEC_NAMES) for r in rows if r["realistic"] is not None]
    riasec = (
        tuple(round(float(np.mean(col)), 2) for col in zip(*interests, strict=True)) if interests else None
    )
    counts = Counter(t for r in rows for t in r["hot_technologies"])
    hot = sorted(counts, key=lambda t: (-counts[t], t))[:MAX_HOT_TECHNOLOGIES]
    return OnetProfile(
        soc_codes=tuple(sorted(r["soc"] for r in rows)),
        job_zone=statistics.median_low(zones) if zones else None,
        riasec=riasec,
        hot_technologies=tuple(hot),
        source=source,
    )


@load_once
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy, loaded once per process."""
    return Taxonomy()
