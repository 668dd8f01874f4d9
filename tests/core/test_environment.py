"""The environment reader every setting goes through (core/environment.py)."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.environment import Environment, Required


@pytest.mark.parametrize("value", [None, "", "   "])
def test_unset_empty_and_blank_variables_take_their_default(value):
    env = Environment({} if value is None else {"X": value})

    assert (env.str("X", "d"), env.int("X", 3), env.float("X", 1.5), env.bool("X", True)) == ("d", 3, 1.5, True)
    assert (env.list("X", ["a"]), env.path("X", Path("/d")), env.choice("X", "b", ["a", "b"])) == (
        ["a"],
        Path("/d"),
        "b",
    )


@pytest.mark.parametrize(
    ("value", "read"),
    [("1", True), ("true", True), ("Yes", True), (" ON ", True), ("0", False), ("False", False), ("no", False)],
)
def test_booleans_are_read_in_the_usual_spellings(value, read):
    assert Environment({"SERVE_MEDIA": value}).bool("SERVE_MEDIA", not read) is read


def test_a_boolean_that_is_neither_is_refused_with_its_name():
    # Read as false, a misspelt "flase" would turn off what it meant to keep on.
    with pytest.raises(ImproperlyConfigured, match=r"^SECURE_SSL_REDIRECT must be true or false .*, not 'flase'"):
        Environment({"SECURE_SSL_REDIRECT": "flase"}).bool("SECURE_SSL_REDIRECT", True)


def test_whole_numbers_are_read_with_spaces_around():
    assert Environment({"COMMENTS_MAX_DEPTH": " 6 "}).int("COMMENTS_MAX_DEPTH", 4) == 6


@pytest.mark.parametrize("value", ["four", "4.5", "4 levels"])
def test_a_whole_number_that_is_none_is_refused_with_its_name(value):
    with pytest.raises(ImproperlyConfigured, match=rf"^COMMENTS_MAX_DEPTH must be a whole number, not '{value}'"):
        Environment({"COMMENTS_MAX_DEPTH": value}).int("COMMENTS_MAX_DEPTH", 4)


def test_numbers_may_have_a_fraction():
    assert Environment({"PREVIEW_LINK_MAX_AGE_DAYS": "0.5"}).float("PREVIEW_LINK_MAX_AGE_DAYS", 7) == 0.5


@pytest.mark.parametrize("value", ["a week", "inf", "nan"])
def test_a_number_that_is_none_or_endless_is_refused_with_its_name(value):
    with pytest.raises(ImproperlyConfigured, match=rf"^PREVIEW_LINK_MAX_AGE_DAYS must be a number, not '{value}'"):
        Environment({"PREVIEW_LINK_MAX_AGE_DAYS": value}).float("PREVIEW_LINK_MAX_AGE_DAYS", 7)


def test_lists_are_comma_separated_with_items_stripped_and_empty_ones_dropped():
    env = Environment({"ALLOWED_HOSTS": " magazine.example, www.magazine.example,, "})

    assert env.list("ALLOWED_HOSTS", []) == ["magazine.example", "www.magazine.example"]


def test_text_is_taken_as_it_is():
    # django-environ would read a value starting with $ as the name of another variable.
    password = " $ecret with spaces "

    assert Environment({"EMAIL_HOST_PASSWORD": password}).str("EMAIL_HOST_PASSWORD") == password


def test_a_choice_is_read_in_any_case_and_given_as_the_choices_spell_it():
    assert Environment({"LOG_LEVEL": "warning"}).choice("LOG_LEVEL", "INFO", ["INFO", "WARNING"]) == "WARNING"


def test_a_choice_outside_the_choices_is_refused_with_its_name_and_the_choices():
    with pytest.raises(ImproperlyConfigured, match=r"^LOG_FORMAT must be one of json, plain, not 'xml'"):
        Environment({"LOG_FORMAT": "xml"}).choice("LOG_FORMAT", "plain", ["json", "plain"])


@pytest.mark.parametrize("value", [None, "", " , ,"])
def test_a_required_variable_left_without_a_value_is_refused_with_its_name_and_when(value):
    env = Environment({} if value is None else {"ALLOWED_HOSTS": value})

    with pytest.raises(ImproperlyConfigured, match=r"^ALLOWED_HOSTS must be set when DJANGO_ENV=production\.$"):
        env.list("ALLOWED_HOSTS", Required("when DJANGO_ENV=production"))


def test_a_required_variable_that_is_set_is_read():
    env = Environment({"SECRET_KEY": "a-key"})

    assert env.str("SECRET_KEY", Required("when DJANGO_ENV=production")) == "a-key"
