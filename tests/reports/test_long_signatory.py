"""A 1.300-character place, jabatan or signatory name made `print dokumen` and `print ikm`
fail with a LayoutError traceback and `print capaian` / `print perhitungan` run without end
(memory growing): the signature block was one unsplittable cell kept with the last table
row. Now the block wraps and, when taller than what is left of a page, continues on the
next one; a layout that still cannot be made is a PrintError, never a hang."""

import re
import signal

import pytest

from iku_desktop.reports import layout
from iku_desktop.services import printing
from tests.reports.test_long_text import KINDS, all_text, in_order, tokens

SECONDS = 20  # each printout takes well under a second or two; the old code never ended


@pytest.fixture
def deadline():
    def expired(signum, frame):
        raise TimeoutError(f"the printout did not finish within {SECONDS} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.fixture
def long_signatory(db):
    texts = {"tempat": tokens("Tmp", 1300), "jabatan_penandatangan": tokens("Jab", 1300),
             "nama_penandatangan": tokens("Nam", 1300)}
    for column, text in texts.items():
        db.execute_sql(f"UPDATE dokumen SET {column} = ?", (text,))
    return texts


@pytest.mark.parametrize("kind,params", KINDS, ids=[k for k, _ in KINDS])
def test_a_very_long_place_jabatan_and_name_print_whole(long_signatory, deadline, kind,
                                                        params):
    out = printing.make(kind, params, archive=False)
    text = all_text(out.pdf)
    for column, value in long_signatory.items():
        assert in_order(value.split(), text), f"{column} is not printed whole"


def test_a_long_word_in_the_signature_prints(db, deadline):
    db.execute_sql("UPDATE dokumen SET nama_penandatangan = ?, jabatan_penandatangan = ?",
                   ("N" * 4000, "J" * 4000))
    for kind, params in KINDS:
        text = re.sub(r"\s", "", all_text(printing.make(kind, params, archive=False).pdf))
        assert "N" * 4000 in text and "J" * 4000 in text, kind


def test_a_layout_that_cannot_be_made_is_a_message_not_a_hang(db, deadline, monkeypatch):
    monkeypatch.setattr(layout, "MAX_PAGES", 1)
    db.execute_sql("UPDATE dokumen SET jabatan_penandatangan = ?", (tokens("Jab", 20000),))
    with pytest.raises(printing.PrintError, match="tidak dapat ditata"):
        printing.make("capaian", {"year": 2023}, archive=False)
