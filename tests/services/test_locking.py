"""Tetapkan a document version, new revisions, and locked realisasi years."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pypdf import PdfReader
import io

from iku_desktop.cli import main as cli
from iku_desktop.services import document_edit, editing, locking, printing
from iku_desktop.services.editing_errors import EditError
from iku_desktop.store import document_repo
from iku_desktop.store import models as m


def test_a_finalised_document_is_read_only_until_a_new_revision(db):
    locking.tetapkan()
    with pytest.raises(EditError, match="sudah ditetapkan; buat revisi baru"):
        document_edit.set_dokumen_field("tempat", "Muara Bulian", "Ubah tempat")
    with pytest.raises(EditError, match="sudah ditetapkan"):
        locking.tetapkan()
    old = document_repo.load_active()
    new = locking.new_revision()
    assert new.revisi == 2 and new.ditetapkan_at is None
    doc = document_repo.load_active()
    assert doc.revisi == 2
    assert [i.nama for s in doc.sasaran for i in s.indikator] == \
        [i.nama for s in old.sasaran for i in s.indikator]
    assert doc.fungsi == old.fungsi
    change = document_edit.set_dokumen_field("tempat", "Muara Bulian", "Ubah tempat")
    change.write()
    assert document_repo.load_active().tempat == "Muara Bulian"
    # the old revision is kept as it was
    first = m.Dokumen.get(m.Dokumen.revisi == 1)
    assert first.tempat == old.tempat and not first.aktif and first.ditetapkan_at


def test_the_revision_number_is_printed_from_the_second_revision(db):
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        printing.make("dokumen", archive=False).pdf)).pages)
    assert "Revisi ke-" not in text
    locking.tetapkan()
    locking.new_revision()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        printing.make("dokumen", archive=False).pdf)).pages)
    assert "Revisi ke-2" in text


def test_a_locked_year_keeps_its_report_and_refuses_target_changes(db):
    ind = m.Indikator.select().order_by(m.Indikator.urutan).first()
    editing.prepare_year_value("target", ind.id, 2022, "80").write()
    before = printing.make("capaian", {"year": 2022}, archive=False)
    lock = locking.lock_year(2022)
    assert lock.kode == before.code
    with pytest.raises(EditError, match="sudah dikunci"):
        editing.prepare_year_value("target", ind.id, 2022, "90").write()
    with pytest.raises(EditError, match="sudah dikunci"):
        locking.lock_year(2022)
    # data behind the report changes later: the locked report and its code do not
    m.Target.update(nilai=Decimal("95")).where(m.Target.indikator == ind.id).execute()
    after = printing.make("capaian", {"year": 2022}, archive=False)
    assert after.code == before.code
    assert printing.snapshot_of("capaian", {"year": 2022}, frozen=False)["baris"][0]["target"] \
        == Decimal("95")
    # other years stay open
    editing.prepare_year_value("target", ind.id, 2023, "85").write()


def test_cli_document_and_lock(db_path, capsys):
    args = ["--db", str(db_path)]
    assert cli([*args, "document", "status"]) == 0
    assert "belum ditetapkan" in capsys.readouterr().out
    assert cli([*args, "document", "new-revision"]) == 1
    assert "belum ditetapkan" in capsys.readouterr().err
    assert cli([*args, "document", "finalize"]) == 0
    assert cli([*args, "document", "new-revision"]) == 0
    assert "Revisi 2" in capsys.readouterr().out
    assert cli([*args, "lock", "--year", "2022"]) == 0
    assert "kode verifikasi IKU-" in capsys.readouterr().out
    assert cli([*args, "document", "status"]) == 0
    assert "Realisasi 2022 dikunci" in capsys.readouterr().out


def test_each_lock_act_says_what_it_changed(db):
    from iku_desktop.services.changes import DOCUMENT_TABLES, OpChanges

    assert locking.tetapkan().changes == OpChanges.of({"dokumen"}, years=())
    revised = locking.new_revision().changes
    assert revised.tables == DOCUMENT_TABLES | {"target", "realisasi_manual"}
    locked = locking.lock_year(2022).changes
    # the year's targets and realisasi become read-only: the screens showing them refresh
    assert locked.touches({"target", "realisasi_manual"}) and locked.years == {2022}
