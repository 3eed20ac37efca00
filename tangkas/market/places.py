"""Where a job is: free-text ad locations -> Indonesian province and regency/city, remote, or abroad.

Handles the forms the feeds use: ``Jakarta Selatan``, ``South Jakarta``, ``Kab. Bekasi``,
``Kabupaten Tangerang``, ``Bekasi Regency``, ``Bandung Kota``, ``Kota Bandung``, ``Bandung, Jawa
Barat``, province names (``Jakarta Raya``, ``Jawa Barat``), towns named instead of their regency
(``Cikarang``), lists (``Jakarta Raya,Bandung``: the first place is kept, the others counted),
``Remote`` / ``Work from home``, and foreign places (``Singapore``, ``Kuala Lumpur``, ``Manila``).
A bare name that is both a kota and a kabupaten (``Bandung``) resolves to the kota.

>>> parse_location("Kab. Bekasi").city, parse_location("Kab. Bekasi").province_code
('Kabupaten Bekasi', '32')
>>> parse_location("Jakarta Selatan").city_code
'3171'
>>> parse_location("Work from home").kind, parse_location("Kuala Lumpur").country
('remote', 'MY')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from tangkas.errors import UnknownConceptError
from tangkas.loading import load_once
from tangkas.market.regencies import CITY_CODES, REGENCIES, TOWNS
from tangkas.provinces import province

PlaceKind = Literal["city", "province", "country", "remote", "abroad", "unknown"]
CityKind = Literal["kab", "kota"]

REMOTE_WORDS = frozenset(
    {
        "remote",
        "fully remote",
        "work from home",
        "wfh",
        "kerja dari rumah",
        "anywhere",
        "online",
        "wfa",
        "work from anywhere",
        "remote indonesia",
        "indonesia remote",
    }
)
COUNTRY_WORDS = frozenset({"indonesia", "seluruh indonesia", "nationwide", "id"})
PROVINCE_ALIASES = {
    "jakarta raya": "31",
    "daerah khusus ibukota jakarta": "31",
    "dki": "31",
    "jakarta": "31",
    "daerah istimewa yogyakarta": "34",
    "lombok": "52",
    "sumbawa": "52",
    "flores": "53",
    "bangka": "19",
    "belitung": "19",
    "madura": "35",
}
ENGLISH_CITIES = {
    "central jakarta": "jakarta pusat",
    "south jakarta": "jakarta selatan",
    "west jakarta": "jakarta barat",
    "east jakarta": "jakarta timur",
    "north jakarta": "jakarta utara",
    "south tangerang": "tangerang selatan",
    "west bandung": "bandung barat",
}
# Curated foreign places seen in ASEAN feeds -> ISO 3166 country code.
FOREIGN: dict[str, str] = {
    name: code
    for code, names in {
        "SG": "singapore,singapura",
        "MY": "malaysia,kuala lumpur,petaling jaya,kota damansara,bayan lepas,selangor,penang,pulau pinang,"
        "johor bahru,johor,shah alam,cyberjaya,putrajaya,subang jaya,kuching,kota kinabalu,ipoh,melaka",
        "PH": "philippines,filipina,manila,metro manila,ncr,national capital reg,national capital region,"
        "quezon,lungsod quezon,makati,pasig,mandaluyong,taguig,paranaque,cebu,binan,pasay,davao,"
        "tanauan,muntinlupa,san juan,antipolo,marikina,cagayan de oro,baguio,bacolod,iloilo,valenzuela,"
        "bacoor,santa rosa,cavite,lapu-lapu,mabalacat,caloocan,malabon,lipa,los banos,batangas,"
        "puerto princesa,calamba,mandaue,zamboanga,tagaytay,legazpi,subic,las pinas,"
        "general trias,cainta,pateros,central luzon,calabarzon,mimaropa,calabarzon & mimaropa,pampanga,"
        "laguna,rizal,bulacan,clark,angeles",
        "TH": "thailand,bangkok",
        "VN": "vietnam,viet nam,ho chi minh,hanoi",
        "HK": "hong kong",
        "TW": "taiwan,taipei",
        "JP": "japan,jepang,tokyo,osaka",
        "KR": "south korea,korea selatan,seoul",
        "AE": "united arab emirates,uae,dubai,abu dhabi",
        "SA": "saudi arabia,arab saudi,riyadh,jeddah",
        "QA": "qatar,doha",
        "AU": "australia,sydney,melbourne,perth",
        "US": "united states,usa,cedar park",
        "GB": "united kingdom,london",
        "CN": "china,tiongkok,shanghai,shenzhen",
        "IN": "india,bangalore,bengaluru",
        "BN": "brunei",
        "TL": "timor leste",
    }.items()
    for name in names.split(",")
}
_PREFIX = re.compile(r"^(kabupaten|kab\.?|kota administrasi|kota adm\.?|kota|city of)\s+")
_SUFFIX = re.compile(r"\s+(regency|kabupaten|kab|city|kota)$")
_SPLIT = re.compile(r"\s*[,;|/]\s*|\s+-\s+|\s+dan\s+|\s+&\s+")
_NOISE = re.compile(r"^(hybrid|onsite|on-site|wfo|lokasi|penempatan|area|wilayah)\s*[:\-]?\s*")


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved ad location. ``city`` is the BPS-style name (``Kota Bandung``, ``Kabupaten Bekasi``);
    ``others`` counts further places listed in the same ad."""

    kind: PlaceKind
    province_code: str | None = None
    province: str | None = None
    city: str | None = None
    city_code: str | None = None
    country: str | None = None
    others: int = 0

    @property
    def in_indonesia(self) -> bool:
        return self.country == "ID"


UNKNOWN = Place("unknown")
REMOTE = Place("remote")


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().strip()
    text = re.sub(r"[()\[\]\"']", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .-")


def _squash(key: str) -> str:
    """``pematang siantar`` and ``bau-bau`` -> ``pematangsiantar``, ``baubau``: spelling variants meet."""
    return key.replace(" ", "").replace("-", "")


@dataclass(frozen=True, slots=True)
class _City:
    kind: CityKind
    name: str
    province_code: str


@load_once
def _cities() -> tuple[dict[tuple[CityKind, str], _City], dict[str, _City]]:
    """(kind, key) -> city and, for bare names, key -> the kota if one exists else the kabupaten."""
    by_kind: dict[tuple[CityKind, str], _City] = {}
    bare: dict[str, _City] = {}
    for code, (kab, kota) in REGENCIES.items():
        for kind, names in (("kab", kab), ("kota", kota)):
            for name in filter(None, names.split(",")):
                city = _City("kota" if kind == "kota" else "kab", name, code)
                key = _key(name)
                by_kind[(city.kind, key)] = city
                by_kind.setdefault((city.kind, _squash(key)), city)
                if kind == "kota" or key not in bare:
                    bare[key] = city
                    bare.setdefault(_squash(key), city)
    for town, (kind, name, code) in TOWNS.items():
        bare.setdefault(town, _City("kota" if kind == "kota" else "kab", name, code))
    return by_kind, bare


@load_once
def place_names() -> frozenset[str]:
    """Every Indonesian place name the parser knows, lower-case: regencies, cities, towns, provinces
    (official, English and short forms) and their aliases.

    >>> {"cikarang", "jawa barat", "jabar", "surabaya"} <= place_names()
    True
    """
    from tangkas.provinces import PROVINCES

    names = {key for key in _cities()[1] if " " in key or key.isalpha()}
    names |= set(PROVINCE_ALIASES) | set(ENGLISH_CITIES)
    for p in PROVINCES:
        names |= {_key(p.name), _key(p.name_en), *(_key(a) for a in p.aliases)}
    return frozenset(names)


def _city_place(city: _City) -> Place:
    prov = province(city.province_code)
    label = f"{'Kota' if city.kind == 'kota' else 'Kabupaten'} {city.name}"
    return Place("city", prov.code, prov.name, label, CITY_CODES.get((city.kind, city.name)), "ID")


def _province_place(code: str) -> Place:
    prov = province(code)
    return Place("province", prov.code, prov.name, country="ID")


def _find_province(key: str) -> str | None:
    if key in PROVINCE_ALIASES:
        return PROVINCE_ALIASES[key]
    key = re.sub(r"^(provinsi|prov\.?|province)\s+", "", key)
    try:
        return province(key).code
    except UnknownConceptError:
        return None


def _resolve_one(text: str) -> Place:
    key = _NOISE.sub("", _key(text))
    if not key:
        return UNKNOWN
    if key in REMOTE_WORDS or key.startswith(("remote ", "wfh ")):
        return REMOTE
    if key in COUNTRY_WORDS:
        return Place("country", country="ID")
    key = ENGLISH_CITIES.get(key, key)
    bare = _cities()[1]
    marked = _marked_city(key)
    if marked:
        return _city_place(marked)
    if found := bare.get(key) or bare.get(_squash(key)):
        return _city_place(found)
    code = _find_province(key)
    if code:
        return _province_place(code)
    if key in FOREIGN or key.removesuffix(" city") in FOREIGN:
        return Place("abroad", country=FOREIGN.get(key) or FOREIGN[key.removesuffix(" city")])
    return _by_prefix(key)


def _marked_city(key: str) -> _City | None:
    """``Kab. Bekasi``, ``Kota Bandung``, ``Bekasi Regency``, ``Bandung Kota`` -> that regency or city."""
    by_kind, bare = _cities()
    if prefix := _PREFIX.match(key):
        marker, name = prefix.group(1), key[prefix.end() :]
    elif suffix := _SUFFIX.search(key):
        marker, name = suffix.group(1), key[: suffix.start()]
    else:
        return None
    name = ENGLISH_CITIES.get(name, name)
    kind: CityKind = "kota" if marker.startswith(("kota", "city")) else "kab"
    return by_kind.get((kind, name)) or by_kind.get((kind, _squash(name))) or bare.get(name)


def _by_prefix(key: str) -> Place:
    """``Kotawaringin`` -> its province when every regency starting with the word lies in one province."""
    if len(key) < 4:
        return UNKNOWN
    provinces = {c.province_code for (_, k), c in _cities()[0].items() if k.startswith(key + " ")}
    return _province_place(provinces.pop()) if len(provinces) == 1 else UNKNOWN


def parse_province(text: str) -> Place:
    """A province-only field (``Daerah Khusus Ibukota Jakarta``, ``Bengkulu``): never read as a city.

    >>> parse_province("Bengkulu").kind, parse_province("Daerah Istimewa Yogyakarta").province_code
    ('province', '34')
    """
    code = _find_province(_key(text))
    return _province_place(code) if code else parse_location(text)


def parse_location(text: str, *, unresolved_country: str | None = None) -> Place:
    """Resolve one ad location to a :class:`Place`; ``unresolved_country`` marks unknown places as
    abroad in that country (for a feed known to come from elsewhere, such as Philippine ads).

    >>> p = parse_location("Bandung, Jawa Barat")
    >>> p.city, p.province, p.others
    ('Kota Bandung', 'Jawa Barat', 0)
    >>> parse_location("Bandung Kabupaten").city, parse_location("Tangerang Regency").city
    ('Kabupaten Bandung', 'Kabupaten Tangerang')
    >>> p = parse_location("Jakarta Raya,Bandung,Yogyakarta")
    >>> p.kind, p.province_code, p.others
    ('province', '31', 2)
    >>> parse_location("Cikarang").city, parse_location("Singapore").kind
    ('Kabupaten Bekasi', 'abroad')
    >>> parse_location("Nasipit", unresolved_country="PH").country, parse_location("").kind
    ('PH', 'unknown')
    """
    return _parse_location(text, unresolved_country)


@lru_cache(maxsize=65_536)
def _parse_location(text: str, unresolved_country: str | None) -> Place:
    whole = _resolve_one(text)
    if whole.kind != "unknown":
        return whole
    parts = [p for p in _SPLIT.split(text) if p.strip()]
    places = [_resolve_one(p) for p in parts]
    resolved = [p for p in places if p.kind != "unknown"]
    city_then_province = len(parts) == 2 and [p.kind for p in resolved] == ["city", "province"]
    if city_then_province and resolved[0].province_code == resolved[1].province_code:
        return resolved[0]
    if resolved:
        first = resolved[0]
        distinct = {(p.kind, p.province_code, p.city, p.country) for p in resolved}
        return Place(
            first.kind,
            first.province_code,
            first.province,
            first.city,
            first.city_code,
            first.country,
            len(distinct) - 1,
        )
    if unresolved_country and _key(text):
        return Place("abroad", country=unresolved_country)
    return UNKNOWN
