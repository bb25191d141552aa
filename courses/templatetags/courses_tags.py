from django import template

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
def contains(collection, item) -> bool:
    return item in (collection or ())
