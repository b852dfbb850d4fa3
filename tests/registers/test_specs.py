"""The register specs against the rest of the program: each declares every stored column
of its table, its personal data is what the program masks, its record rules report in
the one validation shape."""

from datetime import date

from iku_desktop import registers
from iku_desktop.domain import ownership
from iku_desktop.domain.identifiers import PERSONAL_FIELDS
from iku_desktop.exchange.kinds import KINDS
from iku_desktop.services import editing, package_values
from iku_desktop.registers.spec import PROVINSI, WILAYAH
from iku_desktop.store.register_tables import model_for
from iku_desktop.validation import Issue, Severity

BOOKKEEPING = {"id", "uuid", "updated_at", "origin", "deleted", "sync_hash"}
REFERENCES = {"koperasi_id", "survei_id", "indikator_id", "import_batch_id"}


def test_each_spec_declares_every_stored_column_of_its_table():
    for spec in registers.REGISTRY.values():
        columns = set(model_for(spec)._meta.columns) - BOOKKEEPING - REFERENCES
        assert columns == {f.column for f in spec.stored_fields}, spec.table


def test_personal_data_is_declared_by_the_specs():
    assert {f.name for s in registers.REGISTRY.values() for f in s.fields
            if f.personal} == PERSONAL_FIELDS


def test_import_edit_and_package_read_a_field_from_one_declaration():
    field = registers.get("usaha_kecil").field("nib")
    assert KINDS["usaha-kecil"].SPEC.columns[10].parse is field.parse
    assert editing.fields("usaha_kecil")["nib"] is field
    assert package_values.parsers("usaha_kecil")["nib"] is field.portable is field.parse
    # a choice travels as its stored value, typed in as its label
    jenis = registers.get("koperasi").field("jenis")
    assert jenis.stored(jenis.parse("Simpan Pinjam")) == "simpan pinjam"
    assert package_values.parsers("koperasi")["jenis"]("simpan pinjam") == "simpan pinjam"


def test_record_rules_report_in_the_validation_shape():
    issues = registers.get("koperasi").problems(
        {"status": "dibubarkan", "tanggal_bubar": None, "tanggal_badan_hukum": date(2000, 1, 1)})
    assert issues == [Issue(Severity.ERROR, "required",
                            "Tanggal Bubar wajib diisi untuk koperasi yang dibubarkan",
                            field="tanggal_bubar")]
    late = registers.get("koperasi_tahun_buku").problems(
        {"tahun": 2021, "tanggal_rat": date(2022, 9, 1), "rat_sah": True})
    assert [(i.severity, i.field, i.code) for i in late] == [
        (Severity.WARNING, "tanggal_rat", "rat_late")]
    assert registers.get("koperasi_tahun_buku").errors(
        {"tahun": 2021, "tanggal_rat": date(2022, 9, 1)}) == []


def test_the_owner_of_each_register_is_the_ownership_rule():
    for spec in registers.REGISTRY.values():
        expected = WILAYAH if spec.table in ownership.REGIONAL else PROVINSI
        assert spec.table in ownership.REGIONAL + ownership.PROVINCIAL
        assert spec.owner == expected, spec.table
