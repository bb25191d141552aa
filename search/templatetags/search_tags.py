from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ labels.language|get_item:code }}``: the label, or the value itself."""
    if not isinstance(mapping, dict):
        return key
    return mapping.get(key, key)
