"""Quiz grading on the server, for every question type (pure functions: no database)."""

from decimal import Decimal

import pytest

from courses.grading import grade, grade_question, normalise_text, question_definition_errors
from courses.models import Question


def q(kind, pk=1, choices="", answer="", tolerance="0", points=1):
    return Question(
        pk=pk, kind=kind, prompt="?", choices=choices, answer=answer, tolerance=Decimal(tolerance), points=points
    )


@pytest.mark.parametrize(
    "answer,ok", [("0", True), ("1", False), (None, False), (["0"], False), ("7", False), ("", False)]
)
def test_single_choice(answer, ok):
    assert grade_question(q("single", choices="*Right\nWrong"), answer) is ok


@pytest.mark.parametrize(
    "answer,ok",
    [(["0", "2"], True), (["2", "0"], True), (["0"], False), (["0", "1", "2"], False), ("0", False), (None, False)],
)
def test_multiple_choice_needs_exactly_the_right_set(answer, ok):
    assert grade_question(q("multiple", choices="*A\nB\n*C"), answer) is ok


@pytest.mark.parametrize("answer,ok", [("true", True), ("TRUE ", True), ("false", False), (None, False)])
def test_true_false(answer, ok):
    assert grade_question(q("true_false", answer="true"), answer) is ok


@pytest.mark.parametrize(
    "answer,ok",
    [
        ("Miranda", True),
        ("  miranda. ", True),
        ("MIRANDA WARNING", True),
        ("Mirand", False),
        ("", False),
        (["x"], False),
    ],
)
def test_short_answer_ignores_case_spacing_and_final_dot(answer, ok):
    assert grade_question(q("short", answer="Miranda|Miranda warning"), answer) is ok


def test_short_answer_ignores_accents():
    assert grade_question(q("short", answer="plan de contingencia"), "Plan de Contingéncia")
    assert normalise_text("Évaluation  Finale") == "evaluation finale"


@pytest.mark.parametrize(
    "answer,ok",
    [
        ("3.14", True),
        ("3,14", True),
        ("3.15", True),
        ("3.13", True),
        ("3.16", False),
        ("pi", False),
        ("nan", False),
        ("", False),
    ],
)
def test_numeric_with_tolerance_and_decimal_comma(answer, ok):
    assert grade_question(q("numeric", answer="3.14", tolerance="0.01"), answer) is ok


def test_numeric_exact_without_tolerance():
    assert grade_question(q("numeric", answer="72"), "72")
    assert not grade_question(q("numeric", answer="72"), "72.5")


def test_grade_weighs_points_and_reports_each_question():
    questions = [q("single", pk=1, choices="*A\nB", points=3), q("true_false", pk=2, answer="false", points=1)]
    score, results = grade(questions, {"1": "0", "2": "true"})
    assert score == 75.0
    assert results == {"1": {"correct": True, "points": 3}, "2": {"correct": False, "points": 0}}
    assert grade([], {}) == (0.0, {})


@pytest.mark.parametrize(
    "question,field",
    [
        (q("single", choices="*A\n*B"), "choices"),
        (q("single", choices="A"), "choices"),
        (q("multiple", choices="A\nB"), "choices"),
        (q("true_false", answer="yes"), "answer"),
        (q("short", answer=" | "), "answer"),
        (q("numeric", answer="about ten"), "answer"),
        (q("numeric", answer="1", tolerance="-1"), "tolerance"),
    ],
)
def test_badly_written_questions_are_refused(question, field):
    assert field in question_definition_errors(question)


def test_well_written_questions_pass():
    assert not question_definition_errors(q("single", choices="*A\nB"))
    assert not question_definition_errors(q("numeric", answer="3,5"))
