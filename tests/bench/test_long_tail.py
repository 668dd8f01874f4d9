"""The long tail's address file: distinct published articles, shuffled the same way every run."""

import pytest

from bench import longtail
from tests.factories import ArticleFactory

PATHS = [f"/articles/article-{n}/" for n in range(12_000)]


def test_five_thousand_distinct_addresses_are_chosen():
    measured, rest = longtail.choose(PATHS + PATHS[:100])

    assert len(measured) == len(set(measured)) == 5_000
    assert not set(measured) & set(rest)
    assert len(measured) + len(rest) == 12_000


def test_the_same_seed_shuffles_the_same_way():
    first, _ = longtail.choose(PATHS)
    again, _ = longtail.choose(list(reversed(PATHS)))
    other, _ = longtail.choose(PATHS, seed=longtail.SEED + 1)

    assert first == again
    assert first != other
    assert first != sorted(first)


def test_a_small_corpus_gives_every_address_and_none_for_the_warm_up():
    measured, rest = longtail.choose(PATHS[:300])

    assert sorted(measured) == sorted(PATHS[:300])
    assert rest == []


def test_address_file_holds_one_path_a_line(tmp_path):
    measured, _ = longtail.choose(PATHS)

    path = longtail.write_addresses(tmp_path / "long-tail" / "measure.txt", measured)

    assert path.read_text().splitlines() == measured


@pytest.mark.parametrize("bad", [[], ["articles/no-slash/"], ["/articles/a b/"]])
def test_address_file_refuses_what_wrk_could_not_ask_for(tmp_path, bad):
    with pytest.raises(ValueError):
        longtail.write_addresses(tmp_path / "measure.txt", bad)


def test_each_wrk_thread_takes_its_own_share_so_no_address_comes_twice_in_a_cycle():
    measured, _ = longtail.choose(PATHS)
    shares = [longtail.thread_share(measured, thread, 2) for thread in range(2)]

    assert len(shares[0]) == len(shares[1]) == 2_500
    assert not set(shares[0]) & set(shares[1])
    # Whatever the threads' pace, 5,000 requests (each thread's share once) ask for 5,000 addresses.
    first_cycle = shares[0] + shares[1]
    assert len(set(first_cycle)) == 5_000


def test_the_lua_script_splits_the_file_by_the_same_rule():
    script = (longtail.Path(longtail.__file__).parent / "wrk" / "long_tail.lua").read_text()

    assert "if line_number % threads == id then" in script
    assert "paths[(sent - 1) % #paths + 1]" in script


@pytest.mark.django_db
def test_only_published_articles_are_in_the_tail():
    shown = ArticleFactory(slug="shown")
    measured_elsewhere = ArticleFactory(slug="anora")
    ArticleFactory(slug="drafted", draft=True)
    ArticleFactory(slug="later", scheduled=True)

    paths = longtail.published_article_paths(exclude=[measured_elsewhere.get_absolute_url()])

    assert paths == [shown.get_absolute_url()]
