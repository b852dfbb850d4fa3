"""A new register is one spec and its table: declared here, registered by one call, its
table created on the test database (its migration), it is imported from a CSV file,
edited through the editing service (a bad value refused naming the field), exported to
Excel, given a template, and shown with the spec's column labels — no other file knows it.
"""

from datetime import date

import pytest
from openpyxl import load_workbook

from iku_desktop import registers
from iku_desktop.exchange.cells import parse_code, parse_date, parse_kabupaten, parse_nik, \
    parse_rupiah, text
from iku_desktop.exchange.export import export
from iku_desktop.exchange.importer import import_file
from iku_desktop.exchange.templates import write_template
from iku_desktop.registers.spec import Field, RegisterSpec, error
from iku_desktop.services import editing
from iku_desktop.services import registers as register_service
from iku_desktop.store.register_tables import model_for
from tests.conftest import write_csv


def pelatihan_rules(record) -> list:
    mulai, selesai = record.get("tanggal_mulai"), record.get("tanggal_selesai")
    if mulai and selesai and selesai < mulai:
        return [error("tanggal_selesai", "inconsistent",
                      "Tanggal Selesai lebih awal dari Tanggal Mulai")]
    return []


PELATIHAN = RegisterSpec(
    table="toy_pelatihan",
    label="Pelatihan UMKM",
    kind="pelatihan",
    kind_label="Peserta pelatihan UMKM",
    key=("kode",),
    rules=pelatihan_rules,
    fields=(
        Field("kode", "Kode peserta", parse_code("Kode peserta"), True, header="Kode Peserta",
              editable=False),
        Field("nama_peserta", "Nama peserta", text, True, header="Nama Peserta",
              column_label="Peserta"),
        Field("nik_peserta", "NIK peserta", parse_nik, header="NIK Peserta", personal=True),
        Field("kabupaten", "Kabupaten/kota", parse_kabupaten, True, kind="kabupaten",
              column="kabupaten_id", header="Kabupaten/Kota"),
        Field("tanggal_mulai", "Tanggal mulai", parse_date, True, kind="date",
              header="Tanggal Mulai"),
        Field("tanggal_selesai", "Tanggal selesai", parse_date, kind="date",
              header="Tanggal Selesai"),
        Field("biaya", "Biaya", parse_rupiah, kind="money", example="1.500.000"),
    ),
)
HEADER = ["Kode Peserta", "Nama Peserta", "NIK Peserta", "Kabupaten/Kota", "Tanggal Mulai",
          "Tanggal Selesai", "Biaya"]
ROWS = [["P-001", "Siti Aminah", "1571014507900001", "Kota Jambi", "01/03/2022",
         "05/03/2022", "1.500.000"],
        ["P-002", "Budi", "", "1505", "2022-04-10", "", ""]]


@pytest.fixture
def toy(db):
    registers.register(PELATIHAN)  # the one declaration
    model = model_for(PELATIHAN)
    model.create_table()  # its migration
    yield model
    registers.unregister(PELATIHAN.table)


def test_a_toy_register_is_imported_edited_exported_and_shown(toy, tmp_path):
    # imported (its kind recognised from the headers)
    result = import_file(write_csv(tmp_path / "pelatihan.csv", HEADER, ROWS))
    assert result.report.ok, [i.render() for i in result.report.issues]
    assert result.kinds == ["pelatihan"] and result.counts["toy_pelatihan"].added == 2
    siti = toy.get(toy.kode == "P-001")
    assert (siti.nama_peserta, siti.kabupaten.nama, siti.tanggal_mulai, siti.biaya) == (
        "Siti Aminah", "Kota Jambi", date(2022, 3, 1), 1_500_000)

    # its cell parsers and record rule refuse a bad file, naming row and column
    bad = import_file(write_csv(tmp_path / "bad.csv", HEADER, [
        ["P-003", "Ani", "", "Kota Jambi", "10/03/2022", "01/03/2022", ""],
        ["P-004", "Ali", "", "Kota Jambi", "10/03/2022", "", "sejuta"]]))
    assert sorted((i.row, i.column) for i in bad.report.errors) == [
        (2, "Tanggal Selesai"), (3, "Biaya")]
    assert toy.select().count() == 2

    # edited through the editing service: a bad value refused with the field named
    with pytest.raises(editing.EditError, match="^Biaya: .*negatif"):
        editing.prepare_edit("toy_pelatihan", siti.id, "biaya", "-5")
    with pytest.raises(editing.EditError, match="^Nama peserta wajib diisi"):
        editing.prepare_edit("toy_pelatihan", siti.id, "nama_peserta", " ")
    with pytest.raises(editing.EditError, match="lebih awal dari Tanggal Mulai"):
        editing.prepare_edit("toy_pelatihan", siti.id, "tanggal_selesai", "28/02/2022")
    change, changes = editing.apply(
        editing.prepare_edit("toy_pelatihan", siti.id, "biaya", "Rp 2.000.000"))
    assert changes.touches({"toy_pelatihan"})
    assert toy.get_by_id(siti.id).biaya == 2_000_000
    editing.revert(change)
    assert toy.get_by_id(siti.id).biaya == 1_500_000
    with pytest.raises(editing.EditError, match="^Kode peserta wajib diisi"):
        editing.prepare_row("toy_pelatihan", nama_peserta="Rina",
                            kabupaten_id="Kabupaten Kerinci", tanggal_mulai="02/05/2022")
    added, _ = editing.apply(editing.prepare_row(
        "toy_pelatihan", "Tambah peserta", kode="P-005", nama_peserta="Rina",
        kabupaten_id="Kabupaten Kerinci", tanggal_mulai="02/05/2022"))
    assert toy.get_by_id(added.row_id).kabupaten.nama == "Kabupaten Kerinci"
    editing.revert(added)  # a tombstone: not exported

    # exported to Excel in the import's columns, and imported back unchanged
    out = tmp_path / "pelatihan.xlsx"
    assert export("pelatihan", out) == 2
    ws = load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == HEADER
    assert rows[1][:4] == ["P-001", "Siti Aminah", "1571014507900001", "Kota Jambi"]
    assert rows[1][6] == 1_500_000
    again = import_file(out)
    assert again.report.ok and again.counts["toy_pelatihan"].unchanged == 2

    # a template with the spec's headers
    template = load_workbook(write_template("pelatihan", tmp_path / "templat.xlsx"))
    sheet = template[template.sheetnames[1]]
    assert [c.value for c in sheet[1]] == HEADER

    # shown: the spec's column labels and display rows (personal data masked)
    columns = register_service.spec_columns("toy_pelatihan")
    assert [c.label for c in columns] == ["Kode peserta", "Peserta", "NIK peserta",
                                          "Kabupaten/kota", "Tanggal mulai",
                                          "Tanggal selesai", "Biaya"]
    ids = register_service.spec_ids("toy_pelatihan", "siti")
    assert ids == [siti.id]
    shown = register_service.spec_rows("toy_pelatihan", ids)[siti.id]
    assert shown[1] == "Siti Aminah" and shown[2] == "1571••••••••0001"
    assert shown[3] == "Kota Jambi" and shown[6] == "1.500.000"
    assert register_service.spec_rows("toy_pelatihan", ids, reveal=True)[siti.id][2] == \
        "1571014507900001"


def test_the_toy_register_is_gone_once_unregistered(toy):
    registers.unregister(PELATIHAN.table)
    with pytest.raises(KeyError):
        registers.get(PELATIHAN.table)
    registers.register(PELATIHAN)


def test_a_regional_toy_register_belongs_to_the_office_of_its_rows(db, tmp_path):
    from dataclasses import replace

    from iku_desktop.registers.spec import WILAYAH
    from iku_desktop.store import models as m

    regional = registers.register(replace(PELATIHAN, owner=WILAYAH))
    try:
        model = model_for(regional)
        model.create_table()
        assert import_file(write_csv(tmp_path / "p.csv", HEADER, ROWS)).report.ok
        budi = model.get(model.kode == "P-002")
        assert budi.kabupaten.bps == "1505"
        # the Kota Jambi office may not take over another area's row, nor add one there
        moved = import_file(write_csv(tmp_path / "moved.csv", HEADER, [
            ["P-002", "Budi", "", "Kota Jambi", "10/04/2022", "", ""],
            ["P-010", "Ani", "", "1505", "10/04/2022", "", ""]]), origin="1571")
        assert [(i.row, i.code) for i in moved.report.errors] == [
            (2, "not_owned"), (3, "not_owned")]
        assert "terdaftar di" in moved.report.errors[0].message
        office = m.current_office()
        m.set_current_office("1571")
        try:
            change = editing.prepare_edit(regional.table, budi.id, "biaya", "5")
            with pytest.raises(editing.EditError, match="hanya dapat dibaca"):
                editing.apply(change)
            siti = model.get(model.kode == "P-001")
            editing.apply(editing.prepare_edit(regional.table, siti.id, "biaya", "5"))
        finally:
            m.set_current_office(office)
        assert model.get(model.kode == "P-001").biaya == 5
    finally:
        registers.unregister(regional.table)
