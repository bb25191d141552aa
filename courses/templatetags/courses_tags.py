from django import template
from django.utils.translation import get_language_info

register = template.Library()


@register.filter
def lookup(mapping, key):
    """``{{ mapping|lookup:key }}`` for dicts keyed by ids."""
    if not mapping:
        return None
    try:
        return mapping.get(key) if hasattr(mapping, "get") else None
    except TypeError:
        return None


@register.filter
def language_name(code: str) -> str:
    """The language's name in the reader's language ("Spanish", "espagnol", …)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


@register.filter
def contains(collection, item) -> bool:
    return item in (collection or ())
