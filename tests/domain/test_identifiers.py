import pytest

from iku_desktop.domain.identifiers import (
    IdentifierError, format_nip, mask_nik, validate_nib, validate_nik, validate_nip, validate_npwp,
)


def test_signatory_nip_is_valid_and_printed_grouped():
    assert validate_nip("19630421 198503 1 008") == "196304211985031008"
    assert format_nip("196304211985031008") == "19630421 198503 1 008"


@pytest.mark.parametrize("nip,message", [
    ("19630231 198503 1 008", "Tanggal lahir"),  # 31 February
    ("19630421 198513 1 008", "Bulan TMT"),
    ("19630421 198503 3 008", "jenis kelamin"),
    ("19630421 195503 1 008", "lebih awal"),
    ("19630421 198503 1 00", "18 digit"),
    ("1963O421 198503 1 008", "angka"),
])
def test_bad_nip(nip, message):
    with pytest.raises(IdentifierError, match=message):
        validate_nip(nip)


def test_nik_birth_date_women_plus_40_and_century():
    assert validate_nik("1571014101900003") == "1571014101900003"  # 01-01-1990, woman (41)
    assert validate_nik("1571012902000003")  # 29 Feb 2000 is real
    with pytest.raises(IdentifierError, match="Tanggal lahir"):
        validate_nik("1571013002900003")  # 30 February
    with pytest.raises(IdentifierError, match="Tanggal lahir"):
        validate_nik("1571017201900003")  # 72 − 40 = 32
    with pytest.raises(IdentifierError, match="Kode wilayah"):
        validate_nik("1500010101900003")
    with pytest.raises(IdentifierError, match="0000"):
        validate_nik("1571010101900000")
    with pytest.raises(IdentifierError, match="16 digit"):
        validate_nik("157101010190000")


def test_nik_is_masked():
    assert mask_nik("1571010101900003") == "1571••••••••0003"


def test_nib_and_npwp():
    assert validate_nib("9120001234567") == "9120001234567"
    with pytest.raises(IdentifierError, match="13 digit"):
        validate_nib("912000123456")
    assert validate_npwp("01.234.567.8-901.000") == "012345678901000"
    assert len(validate_npwp("0123456789012345")) == 16
    with pytest.raises(IdentifierError):
        validate_npwp("0123")
