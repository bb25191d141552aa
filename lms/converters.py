"""Path converters shared by every app's ``urls.py``.

``<id:pk>`` matches a database id: a positive integer that fits PostgreSQL's ``bigint``. Django's
``<int:...>`` accepts any number of digits, and ``/curriculum/99999999999999999999/export.json``
then reaches the database, which refuses the value with a DataError (a 500). Here an id out of
range simply does not match, which is a 404 like any other unknown id.
"""

from django.urls import register_converter

#: The largest value of a signed 64-bit integer (PostgreSQL ``bigint``, Django ``BigAutoField``).
MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def is_valid_id(value) -> bool:
    """True when ``value`` is an int (or digit string) that a database id column can hold."""
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except (TypeError, ValueError):
        return False
    return 0 <= number <= MAX_ID


register_converter(IdConverter, "id")
