"""Path converters shared by every app's ``urls.py``.

``<id:pk>`` matches a database id: a positive integer (from 1) that fits PostgreSQL's ``bigint``. Django's
``<int:...>`` accepts any number of digits, and ``/curriculum/99999999999999999999/export.json``
then reaches the database, which refuses the value with a DataError (a 500). Here an id out of
range simply does not match, which is a 404 like any other unknown id.
"""

from django.urls import register_converter

from .untrusted import parse_id


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError("not a database id")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
