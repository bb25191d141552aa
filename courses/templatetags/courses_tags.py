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


@register.filter
def privacy_embed(url: str) -> str:
    """The privacy-enhanced player address of an allowed YouTube or Vimeo video; "" otherwise (a
    host removed from the settings after the lesson was written is not embedded)."""
    from django.core.exceptions import ValidationError

    from courses.video import privacy_embed_url

    try:
        return privacy_embed_url(url)
    except ValidationError:
        return ""
