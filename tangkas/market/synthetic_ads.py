"""SYNTHETIC ad texts for the synthetic feed: a line about the job and a "Kualifikasi:" list (education,
experience, a little boilerplate and, at set rates, a requirement on sex, age, appearance, height or
marital status), so the demo's fair-ads charts have ads to count. Nothing here describes a real ad.

>>> from tangkas.market.synthetic import synthetic_table
>>> texts = synthetic_ad_texts(synthetic_table(3, seed=1), seed=1)
>>> len(texts), texts[0].splitlines()[1], texts == synthetic_ad_texts(synthetic_table(3, seed=1), seed=1)
(3, 'Kualifikasi:', True)
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from tangkas.provinces import PROVINCES

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # drivers, plant operators, security guards, couriers, loaders, labourers, mechanics, welders
    ("male_jobs", ("832", "833", "834", "5414", "9621", "9333", "931", "7231", "7212")),
    # cashiers, clerks, secretaries, receptionists, call centres, SPG, shop assistants, beauty, childcare
    ("female_jobs", ("5230", "411", "412", "4132", "4222", "4226", "5242", "5223", "514", "5311", "3343")),
    ("manual", ("6", "7", "8", "9")),
    ("service", ("4", "5")),
)
"""Occupation groups by ISCO-08 code prefix, first match wins; every other code is ``other``."""

RATES: dict[str, tuple[float, float, float, float, float, float]] = {
    # group          one sex  of them men  max age  appearance  height  unmarried
    "male_jobs": (0.35, 0.95, 0.20, 0.01, 0.10, 0.01),
    "female_jobs": (0.30, 0.05, 0.28, 0.15, 0.04, 0.04),
    "manual": (0.10, 0.80, 0.16, 0.01, 0.01, 0.01),
    "service": (0.10, 0.25, 0.20, 0.07, 0.01, 0.02),
    "other": (0.05, 0.50, 0.15, 0.03, 0.005, 0.013),
}
"""Share of synthetic ads with each requirement line, per group. Real Loker.id 2025 ads are the anchor:
in the uniform draw of 230 ads hand-labelled in docs/gold (README.md there), 3.5% ask one sex, 10.0% set
an age limit, 1.3% ask an appearance and none a marital status; the checker over all 2,229 ads of the
feed flags sex 3.1%, age 2.5%, appearance 0.7%, marital 0.1% (docs/benchmarks.md). Those rates are
doubled here, roughly (overall about 8% sex, 16% age, 4% appearance incl. height, 1.5% marital), so the
demo's charts have something to show; the mix by group (one sex far more often in drivers' and guards'
ads, asking men, and in cashiers', clerks' and SPG ads, asking women) follows Ningrum et al. (PLOS ONE
2020, 8,969 Central Java ads), whose overall rates (sex 38.8%, age 66.3%, appearance 18.4%) are far
higher. Invented figures for a demo, never a finding."""
BOTH_SEXES = 0.10
"""Share of the other ads that name both sexes ("Pria/Wanita"): information, not a finding."""

JOB_LINES = (
    "Kami membuka lowongan {title} untuk ditempatkan di {place}.",
    "Dibutuhkan segera {title} di {place}.",
    "Perusahaan kami sedang mencari {title} yang siap bergabung di {place}.",
)
EDUCATION = {
    "1": "Pendidikan minimal S1 di bidang terkait",
    "2": "Pendidikan minimal S1 di bidang terkait",
    "3": "Pendidikan minimal D3 di bidang terkait",
    "4": "Pendidikan minimal SMA/SMK sederajat",
    "5": "Pendidikan minimal SMA/SMK sederajat",
}
BASIC_EDUCATION = "Pendidikan minimal SMP/SMA sederajat"
EXPERIENCE = (
    "Pengalaman minimal 1 tahun di bidang yang sama",
    "Pengalaman minimal 2 tahun di bidang yang sama",
    "Pengalaman minimal 3 tahun di bidang yang sama",
    "Terbuka untuk lulusan baru (fresh graduate)",
)
CHARACTER = (
    "Jujur, teliti dan bertanggung jawab",
    "Mampu bekerja dalam tim",
    "Sehat jasmani dan rohani",
    "Bersedia bekerja dengan sistem shift",
)
MAX_AGES = (25, 30, 35, 40)
FOOTER = "Iklan contoh (sintetis) untuk demo Tangkas."


def occupation_group(isco: str | None) -> str:
    """The requirement group of an ISCO-08 code.

    >>> occupation_group("8322"), occupation_group("5230"), occupation_group("7115"), occupation_group("2512")
    ('male_jobs', 'female_jobs', 'manual', 'other')
    """
    code = isco or ""
    return next((name for name, prefixes in GROUPS if code.startswith(prefixes)), "other")


def synthetic_ad_texts(table: pa.Table, seed: int = 0) -> list[str]:
    """One ad text per row of a synthetic postings table (its ``title``, ``isco``, ``province_code``);
    the same table and ``seed`` always give the same texts. Its own random stream: the table is unchanged."""
    n = table.num_rows
    rng = np.random.default_rng((seed, 17))
    draws = rng.random((n, 8))
    picks = rng.integers(0, 1 << 30, (n, 4))
    places = {p.code: p.name for p in PROVINCES}
    texts = []
    for i, (title, isco, province) in enumerate(
        zip(
            table["title"].to_pylist(),
            table["isco"].to_pylist(),
            table["province_code"].to_pylist(),
            strict=True,
        )
    ):
        sex, male, age, looks, height, unmarried = RATES[occupation_group(isco)]
        d, k = draws[i], picks[i]
        lines = [
            JOB_LINES[k[0] % len(JOB_LINES)].format(title=title, place=places.get(province, "Indonesia")),
            "Kualifikasi:",
            EDUCATION.get((isco or "9")[0], BASIC_EDUCATION),
            EXPERIENCE[k[1] % len(EXPERIENCE)],
        ]
        if d[0] < sex:
            lines.append("Pria" if d[1] < male else "Wanita")
        elif d[0] < sex + BOTH_SEXES:
            lines.append("Pria/Wanita")
        if d[2] < age:
            lines.append(f"Usia maks. {MAX_AGES[k[2] % len(MAX_AGES)]} tahun")
        if d[3] < looks:
            lines.append("Berpenampilan menarik")
        if d[4] < height:
            lines.append("Tinggi badan min. 160 cm")
        if d[5] < unmarried:
            lines.append("Belum menikah")
        lines.append(CHARACTER[k[3] % len(CHARACTER)])
        texts.append("\n".join([lines[0], lines[1], *(f"- {line}" for line in lines[2:]), "", FOOTER]))
    return texts
