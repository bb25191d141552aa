"""Quiz grading, on the server only: pure functions over questions and submitted answers.

An answer as submitted by the form (``answers[str(question_id)]``):
- single choice and true/false: one string (a choice index, or "true"/"false");
- multiple choice: a list of choice indexes (strings);
- short answer and numeric: a string.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

SINGLE, MULTIPLE, TRUE_FALSE, SHORT, NUMERIC = "single", "multiple", "true_false", "short", "numeric"


def _parse_number(text) -> Decimal | None:
    if text is None:
        return None
    cleaned = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # a decimal comma, as written in es, pt and fr
    try:
        value = Decimal(cleaned)
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def normalise_text(text: str) -> str:
    """Case, accents and spacing do not matter in short answers."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split()).strip(" .")


def question_definition_errors(question) -> dict[str, str]:
    """What is wrong with a question as an editor wrote it (field name → message)."""
    errors: dict[str, str] = {}
    kind = question.kind
    choices = question.choice_list
    if kind in (SINGLE, MULTIPLE):
        if len(choices) < 2:
            errors["choices"] = _("Give at least two choices, one a line.")
        correct = sum(1 for _i, _t, ok in choices if ok)
        if kind == SINGLE and correct != 1:
            errors["choices"] = _("Mark exactly one choice as correct with a leading *.")
        if kind == MULTIPLE and correct < 1:
            errors["choices"] = _("Mark at least one choice as correct with a leading *.")
    elif kind == TRUE_FALSE:
        if str(question.answer).strip().lower() not in ("true", "false"):
            errors["answer"] = _("Write “true” or “false”.")
    elif kind == SHORT:
        if not [a for a in str(question.answer).split("|") if a.strip()]:
            errors["answer"] = _("Give at least one accepted answer.")
    elif kind == NUMERIC:
        if _parse_number(question.answer) is None:
            errors["answer"] = _("Give the expected number.")
        if question.tolerance is not None and Decimal(question.tolerance) < 0:
            errors["tolerance"] = _("The tolerance cannot be negative.")
    return errors


def grade_question(question, answer) -> bool:
    """Is this answer right?"""
    kind = question.kind
    if kind == SINGLE:
        correct = {str(i) for i, _t, ok in question.choice_list if ok}
        return isinstance(answer, str) and answer in correct and len(correct) == 1
    if kind == MULTIPLE:
        if isinstance(answer, str):
            answer = [answer]
        if not isinstance(answer, list | tuple):
            return False
        correct = {str(i) for i, _t, ok in question.choice_list if ok}
        return {str(a) for a in answer} == correct
    if kind == TRUE_FALSE:
        return isinstance(answer, str) and answer.strip().lower() == str(question.answer).strip().lower()
    if kind == SHORT:
        if not isinstance(answer, str) or not answer.strip():
            return False
        accepted = {normalise_text(a) for a in str(question.answer).split("|") if a.strip()}
        return normalise_text(answer) in accepted
    if kind == NUMERIC:
        given, expected = _parse_number(answer), _parse_number(question.answer)
        if given is None or expected is None:
            return False
        return abs(given - expected) <= Decimal(question.tolerance or 0)
    return False


def grade(questions, answers: dict) -> tuple[float, dict]:
    """(score in percent, per-question results) for submitted ``answers`` keyed by question id."""
    total = earned = 0
    results = {}
    for question in questions:
        total += question.points
        ok = grade_question(question, answers.get(str(question.pk)))
        if ok:
            earned += question.points
        results[str(question.pk)] = {"correct": ok, "points": question.points if ok else 0}
    score = round(100.0 * earned / total, 2) if total else 0.0
    return score, results
