from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tangkas.cli import app
from tangkas.errors import TangkasError
from tangkas.evaluation.baselines import TRANSITION_METHODS, method_matrix
from tangkas.evaluation.transitions import evaluate_transitions, read_related, score_protocol, soc_occupations
from tangkas.taxonomy import Taxonomy

TINY = Path(__file__).parent / "data" / "transitions_related_tiny.tsv"
runner = CliRunner()


def test_eval_transitions_reads_only_primary_tiers_as_positives() -> None:
    related = read_related(TINY)
    assert related["15-1252.00"] == {"15-1251.00", "15-1253.00"}
    assert related["29-1141.00"] == {"31-1131.00"}


def test_eval_transitions_crosswalk_skips_isco_only_rows(tax: Taxonomy) -> None:
    socs = soc_occupations(tax)
    developer = tax.occupation_index[tax.occupation("2512.4").uri]
    assert developer in socs["15-1252.00"]
    assert all(len(rows) == len(set(rows)) for rows in socs.values())


def test_eval_transitions_an_occupation_shared_by_x_and_y_cannot_score_itself() -> None:
    # ESCO occupation 0 maps to both A and B: its self-similarity must not rank B first.
    socs = {"A": [0, 1], "B": [0], "C": [2]}
    scores = np.array([[1.0, 0.1, 0.5], [0.1, 1.0, 0.2], [0.5, 0.2, 1.0]], dtype=np.float32)
    report = score_protocol({"A": {"B"}}, socs, scores)
    # B scores max(S[1,0]) = 0.1 (S[0,0] is excluded), C scores 0.5: B ranks second.
    assert report["mrr"] == 0.5


def test_eval_transitions_ties_count_against_the_positive() -> None:
    socs = {"A": [0], "B": [1], "C": [2]}
    scores = np.array([[0, 0.5, 0.5], [0, 0, 0], [0, 0, 0]], dtype=np.float32)
    assert score_protocol({"A": {"B"}}, socs, scores)["mrr"] == 0.5


def test_eval_transitions_on_a_tiny_file_counts_what_it_skips() -> None:
    report = evaluate_transitions(TINY)
    assert report["task"] == "transitions" and report["method"] == "combined"
    assert report["n"] == 3 and report["skipped_no_esco"] == 1
    assert 0.0 < report["recall@10"] <= 1.0 and 0.0 < report["mrr"] <= 1.0


@pytest.mark.parametrize("method", ["skills", "onet"])
def test_eval_transitions_each_signal_runs_through_the_same_protocol(method: str) -> None:
    assert evaluate_transitions(TINY, method=method)["method"] == method


def test_eval_transitions_cli_prints_one_json_object_last() -> None:
    result = runner.invoke(app, ["eval", "transitions", str(TINY), "--method", "skills"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["method"] == "skills" and report["n"] == 3


def test_eval_transitions_unknown_method_is_a_typed_error() -> None:
    with pytest.raises(TangkasError, match="unknown similarity method"):
        method_matrix("astrology")
    assert TRANSITION_METHODS[0] == "combined"


def test_eval_transitions_cli_rejects_an_unknown_method() -> None:
    result = runner.invoke(app, ["eval", "transitions", str(TINY), "--method", "astrology"])
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("lang", "method", "missing"),
    [
        ([], "galat: metode tidak dikenal: 'astrology' (pilih combined, ", "galat: berkas tidak ditemukan"),
        (["--lang", "en"], "error: unknown method: 'astrology' (choose combined, ", "error: file not found"),
    ],
)
def test_eval_transitions_cli_refuses_in_the_language(lang: list[str], method: str, missing: str) -> None:
    bad = runner.invoke(app, ["eval", "transitions", str(TINY), "--method", "astrology", *lang])
    assert bad.exit_code == 2 and bad.stderr.startswith(method), bad.output
    gone = runner.invoke(app, ["eval", "transitions", "/none.tsv", *lang])
    assert gone.exit_code == 2 and gone.stderr.strip() == f"{missing}: /none.tsv", gone.output
