"""Text typed or pasted into the document editor obeys the rule the districts check a
province package with: no control characters; Word's line break (U+000B) becomes a line
break in a multi-line field and a space in a one-line field."""

from __future__ import annotations

import pytest

from iku_desktop.services import document_edit as de
from iku_desktop.services import packages, setting_edit
from iku_desktop.services.editing import EditError
from iku_desktop.services.package_values import MULTILINE
from iku_desktop.store import document_repo, settings
from iku_desktop.store import models as m
from tests.conftest import table_dump
from tests.services.test_packages import MUARO_JAMBI, at, new_office

BAD = ["A\x07B", "A\x00B", "A\x1b[31mB", "A\x7fB", "A\x9bB", "A _x0007_ B"]
DOKUMEN = ["judul", "unit_organisasi", "tugas", "tempat", "jabatan_penandatangan",
           "nama_penandatangan"]
INDIKATOR = ["nama", "satuan", "sumber_data", "penanggung_jawab"]


def _first_indikator() -> int:
    return m.Indikator.live().order_by(m.Indikator.urutan).first().id


def _calls():
    ind = _first_indikator()
    sas = m.Sasaran.live().first().id
    fungsi = m.Fungsi.live().first().id
    for f in DOKUMEN:
        yield de.DOKUMEN_TEXT[f], lambda v, f=f: de.set_dokumen_field(f, v, "x")
    for f in INDIKATOR:
        yield de.INDIKATOR_TEXT[f], lambda v, f=f: de.set_indikator_field(ind, f, v)
    yield "Formulasi", lambda v: de.set_indikator_field(ind, "formulasi", f"<p>{v}</p>")
    yield "Teks fungsi", de.add_fungsi
    yield "Teks fungsi", lambda v: de.edit_text("fungsi", fungsi, v)
    yield "Teks sasaran", de.add_sasaran
    yield "Teks sasaran", lambda v: de.edit_text("sasaran", sas, v)
    yield "Nama indikator", lambda v: de.add_indikator(sas, v)


@pytest.mark.parametrize("bad", BAD)
def test_control_characters_are_refused_naming_the_field(db, bad):
    before = table_dump(m.database)
    for label, call in _calls():
        with pytest.raises(EditError, match=f"^{label}: berisi karakter kendali"):
            call(bad)
    assert table_dump(m.database) == before


def test_a_word_line_break_is_a_line_break_in_tugas_and_a_space_in_one_line_fields(db):
    de.set_dokumen_field("tugas", "Baris satu\x0bBaris dua\r\nBaris tiga\tx", "x").write()
    de.set_dokumen_field("tempat", "Jambi\x0bKota\u2028 Baru", "x").write()
    de.set_indikator_field(_first_indikator(), "satuan", "per\x0bsen").write()
    doc = document_repo.load_active()
    assert doc.tugas == "Baris satu\nBaris dua\nBaris tiga x"
    assert doc.tempat == "Jambi Kota Baru"
    assert m.Indikator.get_by_id(_first_indikator()).satuan == "per sen"


EDGE = "  Ünïcödé — “kutip” ½ ±\x0bkedua\r\nketiga\u2029keempat\tlima \x85enam  "


def test_a_document_edited_at_every_edge_is_accepted_whole_by_a_district(tmp_path):
    prov = new_office(tmp_path, "provinsi")
    district = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(prov):
        ind, sas = _first_indikator(), m.Sasaran.live().first().id
        for f in DOKUMEN:
            de.set_dokumen_field(f, EDGE, "x").write()
        for f in INDIKATOR:
            de.set_indikator_field(ind, f, EDGE).write()
        de.set_indikator_field(ind, "formulasi", f"<p>{EDGE}<br/>x</p>").write()
        de.add_fungsi(EDGE).write()
        de.add_sasaran(EDGE).write()
        de.add_indikator(sas, EDGE).write()
        stored = {f: getattr(m.Dokumen.get(m.Dokumen.aktif == True), f)  # noqa: E712
                  for f in DOKUMEN}
        # a multi-line field kept its line breaks, a one-line one has none
        for f, v in stored.items():
            assert ("\n" in v) == (("dokumen", f) in MULTILINE), f
        packages.export_package(tmp_path / "p.ikupkg")
    with at(district):
        result = packages.import_package(tmp_path / "p.ikupkg")
        assert not result.refused
        got = m.Dokumen.get(m.Dokumen.aktif == True)  # noqa: E712
        assert {f: getattr(got, f) for f in DOKUMEN} == stored
        assert m.Fungsi.select().where(m.Fungsi.teks.startswith("Ünïcödé")).count() == 1


def test_letterhead_lines_refuse_control_characters(db):
    for bad in BAD:
        with pytest.raises(ValueError, match="baris 2: berisi karakter kendali"):
            setting_edit.set_from_text("kop_surat_baris", ["PEMERINTAH", bad])
    assert settings.get("kop_surat_baris") == []
    setting_edit.set_from_text("kop_surat_baris", ["PEMERINTAH\x0bPROVINSI", "  Jl.  A  "])
    assert settings.get("kop_surat_baris") == ["PEMERINTAH PROVINSI", "Jl. A"]
