"""Printouts: the IKU document against the seed, pages, header, signature, verification."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest

from iku_desktop.reports.layout import PAPER
from iku_desktop.services import printing
from iku_desktop.services.database import default_document_data
from iku_desktop.store import document_repo
from iku_desktop.store import models as m
from iku_desktop.store import settings

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_000_d53d8db0878e3d45.txt"
FOOTER = re.compile(r"^(Kode verifikasi:.*|Periksa keaslian:.*|Halaman \d+ dari \d+)$")


def pages_text(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text).replace("**", "")
    return [w for w in (re.sub(r"[^\w/%]", "", t) for t in text.split()) if w]


def is_subsequence(needles: list[str], haystack: list[str]) -> tuple[bool, int]:
    it = iter(enumerate(haystack))
    for n, w in enumerate(needles):
        if not any(h == w for _, h in it):
            return False, n
    return True, len(needles)


def test_default_document_has_every_seed_word_in_order(db):
    out = printing.make("dokumen")
    pages = pages_text(out.pdf)
    body = [line for page in pages for line in page.splitlines() if not FOOTER.match(line.strip())]
    seed = SEED.read_text(encoding="utf-8").replace("Pembina Uama Muda", "Pembina Utama Muda")
    ok, at = is_subsequence(words(seed), words("\n".join(body)))
    assert ok, f"seed word {at}: {words(seed)[at]!r} not found in order"
    for n, page in enumerate(pages, start=1):
        assert f"Halaman {n} dari {len(pages)}" in page
        assert f"Kode verifikasi: {out.code}" in page
    assert "<p>" not in "".join(pages) and "<li>" not in "".join(pages)
    assert "HAMDAN, SH., M.Si" in pages[-1] and "NIP. 19630421 198503 1 008" in pages[-1]


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_paper_sizes(db, paper):
    pdf = printing.make("dokumen", paper=paper).pdf
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    w, h = PAPER[paper]
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (round(w, 1), round(h, 1))
    assert {"A4": (595.3, 841.9), "F4": (609.4, 935.4)}[paper] == \
        (round(float(box.width), 1), round(float(box.height), 1))


def long_document(n_indikator: int, formulasi_words: int = 60) -> None:
    """Replace the active document by one with many indikator under its last sasaran."""
    data = default_document_data()
    extra = " ".join(f"kata{i}" for i in range(formulasi_words))
    data["sasaran"][-1]["indikator"] += [
        {"nama": f"Indikator tambahan {i}", "satuan": "%", "metode": "manual",
         "formulasi": f"<p>Rumus {i}: {extra}</p><ul><li>butir satu</li><li>butir dua</li></ul>"}
        for i in range(n_indikator)]
    m.Dokumen.update(aktif=False).execute()
    document_repo.create_from_data(data)


def test_header_repeats_on_a_three_page_document(db):
    long_document(14)
    pages = pages_text(printing.make("dokumen").pdf)
    assert len(pages) >= 3
    for page in pages[1:]:
        assert page.lstrip().startswith("Sasaran Strategis")
        assert "Formulasi Data" in page.splitlines()[2]


@pytest.mark.parametrize("n", range(0, 16, 3))
def test_signature_block_never_stands_alone(db, n):
    long_document(n, formulasi_words=40 + 7 * n)
    pages = pages_text(printing.make("dokumen").pdf)
    signature_page = next(p for p in pages if "HAMDAN, SH., M.Si" in p)
    last = f"Indikator tambahan {n - 1}" if n else "Nilai Kepuasan Masyarakat"
    # the last table row stands on the signature's page, above it
    flat = " ".join(signature_page.split())
    assert last in flat and flat.index(last) < flat.index("Jambi, Januari 2022")


def test_identical_data_gives_identical_bytes_and_code(db):
    a, b = printing.make("dokumen"), printing.make("dokumen")
    assert a.code == b.code and a.pdf == b.pdf
    assert re.fullmatch(r"IKU-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", a.code)
    assert m.Cetakan.select().count() == 2


def test_one_changed_digit_changes_the_code_and_verify_says_so(db):
    before = printing.make("dokumen")
    assert printing.verify(before.code).still_matches is True
    m.Dokumen.update(nip_penandatangan="196304211985031009").execute()
    after = printing.make("dokumen")
    assert after.code != before.code
    v = printing.verify(before.code.lower().replace("-", ""))
    assert v.known and v.still_matches is False and "berbeda" in v.message
    assert not printing.verify("IKU-00000-00000").known


def test_capaian_code_follows_a_target(db):
    ind = document_repo.load_active().semua_indikator[0]
    document_repo.set_target(ind.id, 2022, Decimal("20.00"))
    a = printing.make("capaian", {"year": 2022})
    document_repo.set_target(ind.id, 2022, Decimal("20.01"))
    b = printing.make("capaian", {"year": 2022})
    assert a.code != b.code
    assert printing.verify(a.code).still_matches is False
    assert printing.verify(b.code).still_matches is True


def test_other_printouts_render_with_their_content(db_path):
    from iku_desktop.services import demo
    from iku_desktop.store.database import open_database

    db = open_database(db_path)
    demo.fill(1, first_year=2022, last_year=2023)
    cap = " ".join(" ".join(pages_text(printing.make("capaian", {"year": 2023}).pdf)).split())
    assert "Laporan Capaian Indikator Kinerja Utama" in cap
    assert re.search(r"Realisasi tahun sebelumnya (\d{4} )*2022 ", cap)
    ikm = " ".join(" ".join(pages_text(printing.make("ikm", {"year": 2023}).pdf)).split())
    for text in ("Profil responden", "Persyaratan", "NRR × 1/9", "Mutu pelayanan",
                 "Sampel minimum (Krejcie & Morgan)"):
        assert text in ikm
    per = " ".join(" ".join(pages_text(printing.make("perhitungan", {"year": 2023}).pdf)).split())
    assert "Lembar Perhitungan" in per and "dibulatkan setengah ke atas" in per
    with pytest.raises(printing.PrintError, match="di luar periode"):
        printing.make("capaian", {"year": 2030})
    with pytest.raises(printing.PrintError, match="tidak ada"):
        printing.make("ikm", {"year": 2023, "survey": "Tidak Ada"})
    db.close()


def test_letterhead_is_printed_and_part_of_the_code(db):
    plain = printing.make("dokumen")
    settings.set_value("kop_surat_baris", ["PEMERINTAH PROVINSI JAMBI",
                                           "DINAS KOPERASI DAN UKM", "Jl. Contoh No. 1, Jambi"])
    with_kop = printing.make("dokumen")
    assert with_kop.code != plain.code
    assert "PEMERINTAH PROVINSI JAMBI" in pages_text(with_kop.pdf)[0]


def test_letterhead_logo_from_the_command_line(db_path, capsys):
    from iku_desktop.cli import main

    logo = Path(__file__).resolve().parents[1] / "data" / "logo.png"
    db = str(db_path)
    assert main(["--db", db, "setting", "kop_surat_baris", "PEMERINTAH PROVINSI JAMBI",
                 "DINAS KOPERASI DAN UKM"]) == 0
    assert main(["--db", db, "setting", "kop_surat_logo", "--file", str(logo)]) == 0
    assert main(["--db", db, "setting", "kop_surat_logo", "--file", str(SEED)]) == 2
    assert "PNG atau JPEG" in capsys.readouterr().err
    assert main(["--db", db, "setting", "kertas", "f4"]) == 0
    assert main(["--db", db, "setting", "koperasi_hanya_aktif", "mungkin"]) == 2
    out = db_path.parent / "kop.pdf"
    assert main(["--db", db, "print", "dokumen", "-o", str(out)]) == 0
    reader = pypdf.PdfReader(str(out))
    first = reader.pages[0]
    assert "PEMERINTAH PROVINSI JAMBI" in first.extract_text()
    assert len(first.images) == 1  # the logo
    assert round(float(first.mediabox.height)) == 935  # the paper setting: F4
    assert main(["--db", db, "setting"]) == 0
    assert "kop_surat_logo = (gambar)" in capsys.readouterr().out


def test_a_capaian_signed_before_the_charts_still_verifies_while_its_data_holds(
        db, monkeypatch):
    """A Laporan Capaian printed by the version before its charts (a snapshot without the
    period's targets and the per-kabupaten figures) is still "masih sama" while its data
    holds, and "berbeda" once a figure it showed changes."""
    from iku_desktop.services import printouts

    ind = document_repo.load_active().semua_indikator[0]
    document_repo.set_target(ind.id, 2022, Decimal("20.00"))
    current = printouts.PRINTOUTS["capaian"]

    def without_charts(year=None):
        snap = current.snapshot(year)
        snap.pop("tahun_periode")
        for r in snap["baris"]:
            r.pop("target_periode"), r.pop("kabupaten")
        return snap

    monkeypatch.setitem(printouts.PRINTOUTS, "capaian",
                        printouts.PrintoutSpec(current.label, without_charts, current.render))
    old = printing.make("capaian", {"year": 2022})
    monkeypatch.setitem(printouts.PRINTOUTS, "capaian", current)
    assert printing.make("capaian", {"year": 2022}).code != old.code  # the snapshot grew
    assert printing.verify(old.code).still_matches is True
    document_repo.set_target(ind.id, 2022, Decimal("20.01"))
    assert printing.verify(old.code).still_matches is False
