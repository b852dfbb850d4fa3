"""Times are shown in the PC's local time with Indonesia's zone names (issue 14); stored
times stay UTC."""

import time
from datetime import datetime, timedelta, timezone

import pytest

from iku_desktop.domain.formatting import format_time, zone_name

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="TZ needs time.tzset")


@pytest.fixture
def zone(local_zone):
    return local_zone


@pytest.mark.parametrize("tz, shown", [
    ("Asia/Jakarta", "26-11-2026 08:05 WIB"),
    ("Asia/Makassar", "26-11-2026 09:05 WITA"),
    ("Asia/Jayapura", "26-11-2026 10:05 WIT"),
    ("UTC", "26-11-2026 01:05 UTC"),
    ("Europe/Berlin", "26-11-2026 02:05 UTC+1"),
    ("America/St_Johns", "25-11-2026 21:35 UTC−3:30"),
])
def test_a_stored_utc_time_is_shown_local(zone, tz, shown):
    zone(tz)
    assert format_time("2026-11-26T01:05:07.123456Z") == shown
    assert format_time("2026-11-26T01:05:07+00:00") == shown
    assert format_time("2026-11-26T01:05:07") == shown  # no offset: stored, so UTC
    assert format_time(datetime(2026, 11, 26, 1, 5, 7, tzinfo=timezone.utc)) == shown


def test_seconds_and_local_moments(zone):
    zone("Asia/Makassar")
    assert format_time("2026-11-26T23:59:30Z", seconds=True) == "27-11-2026 07:59:30 WITA"
    local = datetime(2026, 11, 26, 9, 0)  # a backup's name: this PC's clock
    assert format_time(local.astimezone()) == "26-11-2026 09:00 WITA"


def test_unknown_and_odd_values():
    assert format_time(None) == "–" and format_time("") == "–"
    assert format_time("kemarin") == "kemarin"
    assert zone_name(timedelta(hours=7)) == "WIB" and zone_name(timedelta(0)) == "UTC"


def test_a_local_day_starts_at_its_utc_moment(zone):
    from datetime import date

    from iku_desktop.domain.formatting import local_day_start

    zone("Asia/Jakarta")
    assert local_day_start(date(2026, 11, 26)) == "2026-11-25T17:00:00"
