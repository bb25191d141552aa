"""Text analysis shared by the backends that analyse in Python (SQLite FTS5, highlighting, the
word list): tokens, accent folding, Snowball stemming per language, query parsing.

Accents are folded *and* kept apart (docs/decisions/0050): each word gives two
forms, the stem of the accented word with its accents stripped, and the stem of the word stripped
first. "investigación" and "investigaciones" then share a form, and so do "pericia" and "perícia"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

LANGUAGES = ("en", "es", "pt", "fr")
STEMMER_NAMES = {"en": "english", "es": "spanish", "pt": "portuguese", "fr": "french"}
WORD_RE = re.compile(r"\w+", re.UNICODE)
QUERY_RE = re.compile(r'"([^"]*)"|(\S+)')


def fold(text: str) -> str:
    """Lower case without accents: "Policía" -> "policia"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    return WORD_RE.findall(text.lower())


@lru_cache(maxsize=8)
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMER_NAMES.get(language, "english"))


@lru_cache(maxsize=200_000)
def forms(word: str, language: str) -> tuple[str, str]:
    """(stem then fold, fold then stem) of one lower-case word."""
    stemmer = _stemmer(language)
    return fold(stemmer.stemWord(word)), stemmer.stemWord(fold(word))


def word_forms(word: str, language: str) -> set[str]:
    return set(forms(word.lower(), language))


@dataclass
class ParsedQuery:
    """A user's query: words that must all match, quoted phrases that match as phrases."""

    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    def all_words(self) -> list[str]:
        return self.terms + [word for phrase in self.phrases for word in phrase]

    def text(self) -> str:
        parts = list(self.terms) + [f'"{" ".join(phrase)}"' for phrase in self.phrases]
        return " ".join(parts)


def parse_query(text: str, *, max_words: int = 12) -> ParsedQuery:
    parsed = ParsedQuery()
    for phrase, word in QUERY_RE.findall((text or "")[:300]):
        if phrase:
            tokens = words(phrase)
            if len(tokens) == 1:
                parsed.terms.extend(tokens)
            elif tokens:
                parsed.phrases.append(tokens[:max_words])
        elif word:
            parsed.terms.extend(words(word))
    parsed.terms = list(dict.fromkeys(parsed.terms))[:max_words]
    return parsed


def vocabulary(*texts: str) -> set[str]:
    """The folded words of a document, for suggestions and typo correction (two letters or more,
    no numbers)."""
    found: set[str] = set()
    for text in texts:
        for word in words(text):
            if len(word) >= 2 and not word.isdigit() and len(word) <= 40:
                found.add(fold(word))
    return found


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, char_b in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            best = min(best, current[j])
        if best > limit:
            return limit + 1
        previous = current
    return previous[-1]


def typo_limit(word: str) -> int:
    """How many letters may be wrong: none in short words, one from five letters, two from eight."""
    if len(word) >= 8:
        return 2
    if len(word) >= 5:
        return 1
    return 0


# --- Highlighting --------------------------------------------------------------------------------


def _matcher(parsed: ParsedQuery, language: str) -> set[str]:
    wanted: set[str] = set()
    for word in parsed.all_words():
        wanted |= word_forms(word, language)
    return wanted


def highlight(text: str, parsed: ParsedQuery, language: str, *, length: int = 240) -> str:
    """An HTML snippet of ``text`` around the first matching words, matches in <mark>. Escaped."""
    from django.utils.html import escape

    if not text:
        return ""
    wanted = _matcher(parsed, language)
    spans = []
    for match in WORD_RE.finditer(text):
        if wanted and word_forms(match.group(0), language) & wanted:
            spans.append((match.start(), match.end()))
    start = 0
    if spans and spans[0][0] > length // 3:
        start = text.rfind(" ", 0, spans[0][0] - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    out, cursor = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        out.append(escape(text[cursor:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(out) + suffix


def corrected_text(text: str, corrections: dict[str, str]) -> str:
    """The query with each corrected word (keyed by its folded form) replaced, quotes kept."""
    return WORD_RE.sub(lambda match: corrections.get(fold(match.group(0)), match.group(0)), text)
