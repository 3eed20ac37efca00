"""Indonesia's 38 provinces as data: BPS codes, names, short names and main cities.

Codes follow the BPS statistical area codes (two digits); the four provinces created in Papua in
2022 carry codes 92 and 95-97. ``cities`` lists the provincial capital first.

>>> province("Jawa Barat").code
'32'
>>> province("jabar").name
'Jawa Barat'
>>> province("West Java").capital
'Bandung'
>>> len(PROVINCES)
38
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tangkas.errors import UnknownConceptError
from tangkas.loading import load_once


@dataclass(frozen=True, slots=True)
class Province:
    """One province: BPS code, official Indonesian name, English name, short forms and main cities."""

    code: str
    name: str
    name_en: str
    aliases: tuple[str, ...]
    cities: tuple[str, ...]

    @property
    def capital(self) -> str:
        return self.cities[0]

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name


def _p(code: str, name: str, name_en: str, aliases: str, cities: str) -> Province:
    return Province(
        code, name, name_en, tuple(a for a in aliases.split(",") if a), tuple(cities.split(","))
    )


PROVINCES: tuple[Province, ...] = (
    _p("11", "Aceh", "Aceh", "nad,nanggroe aceh darussalam", "Banda Aceh,Lhokseumawe,Langsa"),
    _p("12", "Sumatera Utara", "North Sumatra", "sumut", "Medan,Pematangsiantar,Binjai"),
    _p("13", "Sumatera Barat", "West Sumatra", "sumbar", "Padang,Bukittinggi,Payakumbuh"),
    _p("14", "Riau", "Riau", "", "Pekanbaru,Dumai"),
    _p("15", "Jambi", "Jambi", "", "Jambi,Sungai Penuh"),
    _p("16", "Sumatera Selatan", "South Sumatra", "sumsel", "Palembang,Lubuklinggau,Prabumulih"),
    _p("17", "Bengkulu", "Bengkulu", "", "Bengkulu"),
    _p("18", "Lampung", "Lampung", "", "Bandar Lampung,Metro"),
    _p("19", "Kepulauan Bangka Belitung", "Bangka Belitung Islands", "babel,bangka belitung",
       "Pangkalpinang"),
    _p("21", "Kepulauan Riau", "Riau Islands", "kepri", "Tanjungpinang,Batam"),
    _p("31", "DKI Jakarta", "Jakarta", "jakarta,dki",
       "Jakarta Pusat,Jakarta Selatan,Jakarta Timur,Jakarta Utara"),
    _p("32", "Jawa Barat", "West Java", "jabar", "Bandung,Bekasi,Bogor,Depok,Cirebon,Karawang"),
    _p("33", "Jawa Tengah", "Central Java", "jateng", "Semarang,Surakarta,Tegal,Magelang"),
    _p("34", "DI Yogyakarta", "Special Region of Yogyakarta", "diy,yogyakarta,jogja", "Yogyakarta,Sleman"),
    _p("35", "Jawa Timur", "East Java", "jatim", "Surabaya,Malang,Sidoarjo,Kediri,Jember"),
    _p("36", "Banten", "Banten", "", "Serang,Tangerang,Cilegon"),
    _p("51", "Bali", "Bali", "", "Denpasar,Badung,Singaraja"),
    _p("52", "Nusa Tenggara Barat", "West Nusa Tenggara", "ntb", "Mataram,Bima"),
    _p("53", "Nusa Tenggara Timur", "East Nusa Tenggara", "ntt", "Kupang,Ende,Maumere"),
    _p("61", "Kalimantan Barat", "West Kalimantan", "kalbar", "Pontianak,Singkawang"),
    _p("62", "Kalimantan Tengah", "Central Kalimantan", "kalteng", "Palangka Raya,Sampit"),
    _p("63", "Kalimantan Selatan", "South Kalimantan", "kalsel", "Banjarbaru,Banjarmasin"),
    _p("64", "Kalimantan Timur", "East Kalimantan", "kaltim", "Samarinda,Balikpapan,Bontang"),
    _p("65", "Kalimantan Utara", "North Kalimantan", "kaltara", "Tanjung Selor,Tarakan"),
    _p("71", "Sulawesi Utara", "North Sulawesi", "sulut", "Manado,Bitung"),
    _p("72", "Sulawesi Tengah", "Central Sulawesi", "sulteng", "Palu,Luwuk"),
    _p("73", "Sulawesi Selatan", "South Sulawesi", "sulsel", "Makassar,Parepare,Palopo"),
    _p("74", "Sulawesi Tenggara", "Southeast Sulawesi", "sultra", "Kendari,Baubau"),
    _p("75", "Gorontalo", "Gorontalo", "", "Gorontalo"),
    _p("76", "Sulawesi Barat", "West Sulawesi", "sulbar", "Mamuju"),
    _p("81", "Maluku", "Maluku", "", "Ambon,Tual"),
    _p("82", "Maluku Utara", "North Maluku", "malut", "Sofifi,Ternate"),
    _p("91", "Papua Barat", "West Papua", "pabar", "Manokwari"),
    _p("92", "Papua Barat Daya", "Southwest Papua", "", "Sorong"),
    _p("94", "Papua", "Papua", "", "Jayapura"),
    _p("95", "Papua Selatan", "South Papua", "", "Merauke"),
    _p("96", "Papua Tengah", "Central Papua", "", "Nabire,Timika"),
    _p("97", "Papua Pegunungan", "Highland Papua", "", "Wamena"),
)


def _key(text: str) -> str:
    text = re.sub(r"^(provinsi|prov\.?|province of)\s+", "", text.strip().lower())
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@load_once
def _index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for p in PROVINCES:
        for name in (p.code, p.name, p.name_en, *p.aliases):
            index[_key(name)] = p
    return index


def province(identifier: str) -> Province:
    """A province by BPS code, Indonesian or English name or common short form (case-insensitive)."""
    found = _index().get(_key(identifier))
    if found is None:
        raise UnknownConceptError("province", identifier)
    return found


def province_codes() -> tuple[str, ...]:
    """All 38 BPS province codes, in BPS order.

    >>> province_codes()[:3]
    ('11', '12', '13')
    """
    return tuple(p.code for p in PROVINCES)
