"""Path converters of Alur's URLs."""

from django.urls import register_converter

INT64_MAX = 2**63 - 1


class Int64Converter:
    """A row id or a year in a path: 1–19 digits that fit a 64-bit integer column, else the URL
    does not match (404). Django's `int` accepts any length, and a 23-digit id was an OverflowError
    on SQLite (issue 16 item 11); tests/web/test_bad_input_fuzz.py forbids `<int:` in every urls.py."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > INT64_MAX:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


class YearConverter(Int64Converter):
    """A year in a path: four digits. The year columns are small integers (PostgreSQL smallint), so
    a 64-bit "year" would be a DataError where a page stores it (a narrative, a Renja)."""

    regex = "[0-9]{4}"


def register() -> None:
    register_converter(Int64Converter, "int64")
    register_converter(YearConverter, "year")
