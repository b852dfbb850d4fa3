"""Only the newest request counts (``ui.latest``): a request is superseded by every later
one and by ``supersede``; its worker's SUPERSEDED answer and any late result are dropped."""

from ui.latest import SUPERSEDED, Latest


def test_a_newer_request_supersedes_every_older_one():
    latest = Latest()
    first = latest.new()
    assert not first.superseded() and not first.dropped("hasil")
    second = latest.new()
    assert first.superseded() and first.dropped("hasil")
    assert not second.superseded() and not second.dropped("hasil")
    assert second.dropped(SUPERSEDED)  # its worker stopped early


def test_supersede_drops_every_request_made_so_far():
    latest = Latest()
    pending = latest.new()
    latest.supersede()
    assert pending.superseded() and pending.dropped("hasil")
    assert not latest.new().superseded()


def test_two_kinds_of_work_are_numbered_apart():
    years, trends = Latest(), Latest()
    year = years.new()
    trends.new()
    trends.new()
    assert not year.superseded()
