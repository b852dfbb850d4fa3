"""The default database reproduces the official document (seed 000_d53d8db0878e3d45.txt)
word for word."""

import re
from pathlib import Path

from iku_desktop.domain import richtext
from iku_desktop.domain.identifiers import format_nip
from iku_desktop.store import document_repo

# A copy of shared/seed/000_d53d8db0878e3d45.txt (the official document), so the test runs
# in any checkout; when shared/ sits beside the project, the copy must equal it.
SEED = Path(__file__).resolve().parents[1] / "data" / "seed_000_d53d8db0878e3d45.txt"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_d53d8db0878e3d45.txt"


def words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)
    return re.findall(r"[\w/().,%;:-]+", text.replace("**", ""))


def normalise(ws):
    return [w for w in (re.sub(r"[^\w/%]", "", w) for w in ws) if w]


def document_text(doc) -> str:
    parts = [doc.judul, "1. Nama Unit Organisasi :", doc.unit_organisasi, "2. Tugas :", doc.tugas,
             "3. Fungsi :"]
    parts += [f"{doc.fungsi_huruf(i)} {f}" for i, f in enumerate(doc.fungsi)]
    parts += ["4. Indikator Kinerja Utama", "Sasaran Strategis", "Indikator Kinerja Utama",
              "Formulasi Data"]
    for s in doc.sasaran:
        for n, i in enumerate(s.indikator):
            parts.append(f"{s.nomor}. {s.teks}" if n == 0 else "")
            parts.append(f"{i.nomor}. {i.judul}")
            parts.append(richtext.plain_text(i.formulasi))
    parts += [doc.tempat_tanggal, doc.penandatangan.jabatan, doc.penandatangan.nama,
              doc.penandatangan.pangkat, "NIP. " + format_nip(doc.penandatangan.nip)]
    return "\n".join(parts)


def test_every_word_of_the_seed_in_order(db):
    seed = SEED.read_text(encoding="utf-8").replace("Pembina Uama Muda", "Pembina Utama Muda")
    expected = normalise(words(seed))
    got = normalise(words(document_text(document_repo.load_active())))
    assert got == expected


def test_signatory_and_period(db):
    doc = document_repo.load_active()
    assert doc.penandatangan.nama == "HAMDAN, SH., M.Si"
    assert doc.penandatangan.pangkat == "Pembina Utama Muda"
    assert format_nip(doc.penandatangan.nip) == "19630421 198503 1 008"
    assert doc.tempat_tanggal == "Jambi, Januari 2022"
    assert list(doc.tahun) == [2021, 2022, 2023, 2024, 2025, 2026]
    assert [len(s.indikator) for s in doc.sasaran] == [1, 1, 2]
    assert [i.metode for i in doc.semua_indikator] == [
        "koperasi_berkualitas", "usaha_kecil_wirausaha", "nilai_sakip", "nilai_ikm"]
    assert doc.semua_indikator[2].formulasi == "" and doc.semua_indikator[3].formulasi == ""


def test_seed_copy_equals_the_shared_seed():
    if not SHARED_SEED.exists():
        import pytest

        pytest.skip("shared/ is not beside this checkout")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()
