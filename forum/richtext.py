"""Post text: HTML cut down to an allow-list (Wagtail's whitelister), or plain text made into
paragraphs. Scripts, styles, frames, images, event handlers and javascript: links never survive."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from django.utils.html import escape, linebreaks, strip_tags
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

MAX_CHARS = 50_000
# Elements dropped with everything inside them (the others not allowed keep their text).
DROPPED = ("script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math", "form", "head")
TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def _link(url: str):
    url = check_url(url)
    if url is None or url.strip().lower().startswith(("ftp:", "tel:")):
        return None
    return url


class PostWhitelister(Whitelister):
    element_rules = {
        "[document]": allow_without_attributes,
        "a": attribute_rule({"href": _link}),
        "p": allow_without_attributes,
        "br": allow_without_attributes,
        "strong": allow_without_attributes,
        "b": allow_without_attributes,
        "em": allow_without_attributes,
        "i": allow_without_attributes,
        "ul": allow_without_attributes,
        "ol": allow_without_attributes,
        "li": allow_without_attributes,
        "blockquote": allow_without_attributes,
        "code": allow_without_attributes,
        "pre": allow_without_attributes,
        "h3": allow_without_attributes,
        "h4": allow_without_attributes,
    }

    def clean(self, html):
        doc = BeautifulSoup(html, "html.parser")
        for tag in doc.find_all(DROPPED):
            tag.decompose()
        self.clean_node(doc, doc)
        for link in doc.find_all("a"):
            if link.get("href"):
                link["rel"] = "nofollow ugc noopener"
        return doc.decode(formatter=escape)


def sanitise(text: str) -> str:
    """The stored HTML of a post's text (HTML or plain)."""
    text = (text or "").replace("\x00", "").strip()
    if not TAG.search(text):
        return linebreaks(escape(text))
    return PostWhitelister().clean(text).strip()


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", strip_tags(html or "")).strip()
