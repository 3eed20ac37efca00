from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tangkas.cli import app
from tangkas.evaluation import gold_ranks, r_precision, ranking_metrics
from tangkas.evaluation.baselines import SKILL_METHODS, method_skill_scores, method_title_scores
from tangkas.evaluation.skills import evaluate_skills, load_queries
from tangkas.evaluation.titles import evaluate_titles, load_titles
from tangkas.taxonomy import Taxonomy

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def test_eval_ranks_are_pessimistic_on_ties() -> None:
    assert gold_ranks(np.zeros((1, 4)), [[2]]) == [[4]]


def test_eval_r_precision_caps_at_k() -> None:
    assert r_precision([list(range(1, 13))], 10) == 1.0
    assert r_precision([[1, 20]], 5) == 0.5
    assert ranking_metrics([]) == {"mrr": 0.0, "recall@1": 0.0, "recall@5": 0.0, "recall@10": 0.0}


def test_eval_every_title_method_scores_every_occupation(tax: Taxonomy) -> None:
    for method in ("tangkas", "tfidf", "e5-preferred", "e5-labels"):
        scores = method_title_scores(["driver"], method)  # type: ignore[arg-type]
        assert scores.shape == (1, len(tax.occupations))


def test_eval_every_skill_method_scores_every_skill(tax: Taxonomy) -> None:
    for method in SKILL_METHODS:
        assert method_skill_scores(["operate a forklift"], method).shape == (1, len(tax.skills))


def test_eval_titles_drops_uris_outside_esco() -> None:
    titles, gold, dropped = load_titles(DATA / "titles_dev.csv")
    assert titles == ["Software Developer", "Heavy truck driver"]
    assert len(gold) == 2 and dropped == 1


def test_eval_skills_groups_spans_and_sentences() -> None:
    spans, dropped = load_queries(DATA / "skills_dev.csv", sentences=False)
    assert [q for q, _ in spans] == ["Python", "SQL", "Adobe Photoshop"]
    assert dropped == 1
    sentences, _ = load_queries(DATA / "skills_dev.csv", sentences=True)
    assert [len(g) for _, g in sentences] == [2, 1]


@pytest.mark.parametrize("method", ["tfidf", "tangkas"])
def test_eval_titles_methods_share_the_protocol(method: str) -> None:
    result = evaluate_titles(DATA / "titles_dev.csv", method)  # type: ignore[arg-type]
    assert result["n"] == 2 and result["dropped"] == 1
    assert 0 < result["mrr"] <= 1 and result["recall@10"] >= result["recall@1"]


@pytest.mark.parametrize("sentences", [False, True])
def test_eval_skills_exact_labels_rank_first(sentences: bool) -> None:
    result = evaluate_skills(DATA / "skills_dev.csv", sentences=sentences)
    assert result["rp@5"] == 1.0 and result["mrr"] == 1.0


@pytest.mark.parametrize("method", ["e5-labels", "minilm-labels"])
def test_eval_skills_baselines_of_each_model_rank_exact_labels_first(method: str) -> None:
    result = evaluate_skills(DATA / "skills_dev.csv", method=method)  # type: ignore[arg-type]
    assert result["method"] == method and result["rp@5"] == 1.0


def test_eval_cli_prints_one_json_object_last() -> None:
    result = runner.invoke(app, ["eval", "skills", str(DATA / "skills_dev.csv"), "--method", "tfidf"])
    assert result.exit_code == 0, result.output
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert last["task"] == "skills" and last["method"] == "tfidf"


def test_eval_cli_rejects_unknown_method_and_missing_file() -> None:
    assert (
        runner.invoke(app, ["eval", "titles", str(DATA / "titles_dev.csv"), "--method", "x"]).exit_code == 2
    )
    assert runner.invoke(app, ["eval", "skills", "/nonexistent.csv"]).exit_code == 2


def test_eval_titles_id_reads_columns_by_name_and_scores_by_lang(tmp_path: Path) -> None:
    path = tmp_path / "titles.csv"
    path.write_text(
        "source,lang,title,isco4,isco4_alt\n"
        "x,en,Software Engineer,2512,\n"
        "x,id,Sopir Truk,8332,\n"
        "x,id,Kasir,9999,5230\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["eval", "titles-id", str(path)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout.strip().splitlines()[-1])
    assert (scores["n"], scores["strict"], scores["lenient"]) == (3, 0.6667, 1.0)
    assert scores["by_lang"] == {
        "en": {"n": 1, "strict": 1.0, "lenient": 1.0},
        "id": {"n": 2, "strict": 0.5, "lenient": 1.0},
    }
    bad = tmp_path / "bad.csv"
    bad.write_text("judul,isco\nKasir,5230\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["eval", "titles-id", str(bad)]).exit_code != 0
