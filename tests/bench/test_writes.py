"""The write-cost rows' parts: forms read as a browser reads them, and the timing with a fake clock."""

import io

import pytest
from django.http.multipartparser import MultiPartParser
from django.test import RequestFactory

from bench import writes
from bench.writes import Attempt, Check, Sample, WriteCost, WriteFailed

CHANGE_FORM = """
<form id="search"><input name="q" value="ignored"></form>
<form enctype="multipart/form-data" method="post" id="film_form" novalidate>
  <input type="hidden" name="csrfmiddlewaretoken" value="tok&amp;en">
  <input type="text" name="title" value="Anora &amp; friends" maxlength="200">
  <input type="number" name="year" value="2024">
  <input type="checkbox" name="kept" checked>
  <input type="checkbox" name="dropped">
  <input type="radio" name="kind" value="a"><input type="radio" name="kind" value="b" checked>
  <input type="text" name="off" value="x" disabled>
  <input type="file" name="poster_file">
  <select name="distributor"><option value="">---------</option><option value="7" selected>Neon</option></select>
  <select name="role"><option value="director">Director</option><option value="cast">Cast</option></select>
  <select name="many" multiple><option value="1" selected>One</option><option value="2" selected>Two</option></select>
  <textarea name="synopsis">
A sex worker marries &lt;the&gt; son.
Second line.</textarea>
  <input type="submit" name="_save" value="Save">
  <button type="submit" name="_continue" value="1">Save and continue</button>
</form>
<form method="post" action="/admin/articles/article/3/workflow/publish/" class="workflow-form">
  <input type="hidden" name="csrfmiddlewaretoken" value="t2"><input type="hidden" name="lock_version" value="4">
</form>
"""


def test_a_form_is_read_with_what_a_browser_would_submit():
    form = writes.find_form(CHANGE_FORM, id="film_form")

    assert form.enctype == "multipart/form-data"
    assert form.fields == [
        ("csrfmiddlewaretoken", "tok&en"),
        ("title", "Anora & friends"),
        ("year", "2024"),
        ("kept", "on"),
        ("kind", "b"),
        ("distributor", "7"),
        ("role", "director"),  # no option selected: a browser sends the first
        ("many", "1"),
        ("many", "2"),
        ("synopsis", "A sex worker marries <the> son.\nSecond line."),
    ]
    assert form.files == ["poster_file"]
    assert form.buttons == [("_save", "Save"), ("_continue", "1")]


def test_a_form_is_found_by_where_it_posts():
    form = writes.find_form(CHANGE_FORM, action_endswith="/workflow/publish/")

    assert form.action == "/admin/articles/article/3/workflow/publish/"
    assert form.value("lock_version") == "4"


def test_a_missing_form_is_a_failed_write():
    with pytest.raises(WriteFailed, match="no form with id='changelist-form'"):
        writes.find_form(CHANGE_FORM, id="changelist-form")


def test_filled_form_replaces_values_and_adds_fields():
    form = writes.find_form(CHANGE_FORM, id="film_form").filled(
        {"title": "New title", "action": "approve"}, add=[("_selected_action", "9")]
    )

    assert form.value("title") == "New title"
    assert form.fields[-2:] == [("action", "approve"), ("_selected_action", "9")]
    assert form.data()["many"] == ["1", "2"]


def test_multipart_body_reads_back_as_the_fields_and_no_file():
    body, content_type = writes.multipart([("title", "‘Anora’ (take 1)"), ("many", "1"), ("many", "2")], ["poster"])
    request = RequestFactory().post("/", data=body, content_type=content_type)

    post, files = MultiPartParser(request.META, io.BytesIO(body), request.upload_handlers).parse()
    assert post["title"] == "‘Anora’ (take 1)"
    assert post.getlist("many") == ["1", "2"]
    assert not files


def test_desk_keeps_cookies_and_forgets_deleted_ones():
    desk = writes.Desk("http://127.0.0.1:8120")
    desk._keep("csrftoken=abc; expires=Thu, 01 Jan 2099 00:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax; Secure")
    desk._keep("sessionid=s1; HttpOnly; Path=/; Secure")
    desk._keep('messages=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/')

    assert desk.cookies == {"csrftoken": "abc", "sessionid": "s1"}
    desk._keep('sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/')
    assert desk.cookies == {"csrftoken": "abc"}


def test_comment_count_is_read_from_the_heading():
    assert writes.comment_count(b'<h2 id="comments-title">Comments (41)</h2>') == 41
    assert writes.comment_count(b"<h2>Nothing</h2>") is None


class FakeClock:
    """A clock that moves only when the fake site is asked for something."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


class FakeSite:
    """Pages that show the change from their `shown_after`-th request on; each request takes 0.1 s."""

    def __init__(self, clock, shown_after):
        self.clock, self.shown_after, self.asked = clock, shown_after, {}

    def fetch(self, path):
        self.clock.now += 0.1
        self.asked[path] = self.asked.get(path, 0) + 1
        return 200, b"new" if self.asked[path] >= self.shown_after[path] else b"old"


def attempt(clock, paths, *, seconds=0.25, fails=None):
    def submit():
        clock.now += seconds
        if fails:
            raise WriteFailed(fails)

    return Attempt(submit, [Check(path, writes.contains("new")) for path in paths], explain=lambda: "Saved.")


def timed(clock, site, the_attempt, timeout=60.0):
    return writes.time_write(
        the_attempt, fetch=site.fetch, timeout=timeout, clock=clock, sleep=clock.sleep, interval=1.0, readers=1
    )


def test_a_write_is_visible_when_its_last_page_shows_it():
    clock = FakeClock()
    site = FakeSite(clock, {"/a/": 1, "/b/": 3})

    sample = timed(clock, site, attempt(clock, ["/a/", "/b/"]))

    # Request 0.25 s; round 1 asks both (0.2 s), waits 1 s; round 2 asks /b/ (0.1 s), waits 1 s; round 3 sees it.
    assert sample.request_s == pytest.approx(0.25)
    assert sample.visible_s == pytest.approx(0.25 + 0.2 + 1 + 0.1 + 1 + 0.1)
    assert sample.error == ""
    assert site.asked == {"/a/": 1, "/b/": 3}


def test_a_page_that_never_shows_the_write_times_out_instead_of_waiting():
    clock = FakeClock()
    site = FakeSite(clock, {"/a/": 1, "/never/": 10**9})

    sample = timed(clock, site, attempt(clock, ["/a/", "/never/"]), timeout=5.0)

    assert sample.visible_s is None
    assert sample.request_s == pytest.approx(0.25)
    assert sample.error == "1 of 2 pages did not show it within 5 s (/never/); the desk said: Saved."
    assert clock.now - 100.0 < 5.0 + 1.2


def test_a_refused_write_is_a_failure_with_the_reason():
    clock = FakeClock()
    site = FakeSite(clock, {"/a/": 1})

    sample = timed(clock, site, attempt(clock, ["/a/"], fails="Publish now answered 403"))

    assert sample == Sample(None, None, "Publish now answered 403")
    assert site.asked == {}


def test_a_page_that_cannot_be_fetched_does_not_show_the_write():
    def fetch(path):
        raise ConnectionRefusedError("refused")

    assert writes.not_yet_shown([Check("/a/", writes.answers_200)], fetch, readers=1)[0].path == "/a/"


def test_pages_are_asked_for_by_several_readers_at_once():
    asked = []

    def fetch(path):
        asked.append(path)
        return 200, b""

    pending = writes.not_yet_shown([Check(f"/{n}/", writes.answers_200) for n in range(20)], fetch, readers=8)

    assert pending == []
    assert sorted(asked) == sorted(f"/{n}/" for n in range(20))


def test_measure_repeats_until_enough_and_stops_at_the_first_failure():
    clock = FakeClock()
    site = FakeSite(clock, {"/a/": 1, "/never/": 10**9})
    attempts = iter(
        [attempt(clock, ["/a/"]), attempt(clock, ["/a/", "/never/"]), attempt(clock, ["/a/"])],
    )

    cost = writes.measure(
        "publish", "publishing", attempts, wanted=3, fetch=site.fetch, timeout=3, clock=clock, sleep=clock.sleep
    )

    assert cost.done == 1
    assert len(cost.samples) == 2
    assert cost.pages == 2
    assert cost.failures == ["1 of 2 pages did not show it within 3 s (/never/); the desk said: Saved."]


def test_measure_reports_a_write_it_could_not_prepare():
    def attempts():
        raise WriteFailed("no form with id='film_form' on the page")
        yield

    cost = writes.measure("rename", "renaming", attempts(), wanted=20, fetch=None, timeout=60)

    assert cost.failures == ["no form with id='film_form' on the page"]
    assert cost.visible_s(95) == float("inf")


def test_too_few_candidates_is_a_failure():
    clock = FakeClock()
    site = FakeSite(clock, {"/a/": 1})

    cost = writes.measure(
        "publish", "publishing", iter([attempt(clock, ["/a/"])]), wanted=20, fetch=site.fetch, timeout=5, clock=clock
    )

    assert cost.failures == ["only 1 of 20 could be made"]


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(1, 21)]

    assert writes.percentile(values, 50) == 10.0
    assert writes.percentile(values, 95) == 19.0
    assert writes.percentile([3.0], 95) == 3.0
    assert writes.percentile([], 95) is None


def test_a_failed_sample_counts_as_never_visible():
    cost = WriteCost("approve", "approving", 2, samples=[Sample(0.1, 0.5), Sample(0.1, None, "timed out")])

    assert cost.visible_s(50) == 0.5
    assert cost.visible_s(95) == float("inf")
    assert cost.as_dict()["visible_s_p95"] is None
    assert cost.request_ms(95) == pytest.approx(100.0)
