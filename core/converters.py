"""Path converters any app's URLconf may use: a four-digit year, a two-digit month, a slug in any script."""

from django.urls import register_converter


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


class MonthConverter:
    regex = "0[1-9]|1[0-2]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):02d}"


class UnicodeSlugConverter:
    """A slug in any script: taggit gives tags such addresses ("céline-sciamma")."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class WorkGroupConverter:
    """The groups of kinds of work readers' lists name (films.models.KIND_GROUPS), and nothing else:
    /feed/atom/ stays the magazine's feed. Spelled out here: core/ imports no app."""

    regex = "films|albums|books|tv|games"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def register() -> None:
    register_converter(YearConverter, "yyyy")
    register_converter(MonthConverter, "mm")
    register_converter(UnicodeSlugConverter, "uslug")
    register_converter(WorkGroupConverter, "workgroup")
