import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from pytestqt.modeltest import ModelTester

from iku_desktop.store import models as m
from ui import tasks
from ui.main_window import MainWindow
from tests.conftest import koperasi_2022_only

ROOT = Path(__file__).resolve().parents[2]


def test_first_start_creates_the_default_database(qtbot, tmp_path):
    path = tmp_path / "baru" / "iku.sqlite"
    w = MainWindow(path)
    qtbot.addWidget(w)
    assert path.exists()
    labels = [w.tabs.tabText(i) for i in range(w.tabs.count())]
    assert labels == ["Ringkasan", "Target", "Sasaran 1", "Sasaran 2", "Sasaran 3", "Dokumen IKU"]
    assert [w.year_box.itemData(i) for i in range(w.year_box.count())] == list(range(2021, 2027))
    # empty registers: every value is "–" with its reason, never 0
    model = w.summary.model
    for row in range(model.rowCount()):
        assert model.data(model.index(row, 2)) == "–"
        assert model.data(model.index(row, 5))


def test_values_cards_and_year_change(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    koperasi_2022_only()
    w.refresh()
    card = w.sasaran_tabs[0].panels[1].card
    assert card.value.text() == "100,00%"
    assert card.counts.text().startswith("1 dari 1 koperasi")
    w.year_box.setCurrentIndex(w.year_box.findData(2023))  # no tahun buku 2023: unknown, not 0
    tasks.wait()  # another year's figures are computed in the background
    assert card.value.text() == "–" and "Belum ada data tahun buku 2023" in card.counts.text()
    assert "data tidak lengkap" not in card.notes.text()
    assert [w.trend[1][y] for y in (2022, 2023)] == [Decimal("100.00"), None]
    w.year_box.setCurrentIndex(w.year_box.findData(2021))  # badan hukum only in 2022
    tasks.wait()
    assert card.value.text() == "–" and "Tidak ada koperasi" in card.counts.text()


def test_a_fourth_sasaran_gets_its_own_tab(qtbot, db_path):
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    dok = m.Dokumen.get()
    s = m.Sasaran.create(dokumen=dok, urutan=4, teks="Sasaran baru")
    m.Indikator.create(dokumen=dok, sasaran=s, urutan=5, nama="Indikator manual", metode="manual")
    w.open_database(db_path)
    assert w.tabs.tabText(5) == "Sasaran 4" and w.tabs.count() == 7


def test_table_models_pass_the_model_tester(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    ModelTester(None).check(w.summary.model)
    ModelTester(None).check(w.sasaran_tabs[0].panels[1].model)


def test_screenshot_option_renders_a_png(tmp_path, db_path):
    out = tmp_path / "shot.png"
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path),
                        "--tab", "1", "--screenshot", str(out)], capture_output=True, text=True,
                       timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000


def test_new_database_recent_files_and_save_a_copy(qtbot, tmp_path, db_path):
    import sqlite3

    w = MainWindow(db_path)
    qtbot.addWidget(w)
    new = tmp_path / "kabupaten"
    w.new_database(new)
    assert w.db_path == tmp_path / "kabupaten.sqlite" and w.db_path.exists()
    recent = [a.text() for a in w.recent_menu.actions()]
    assert recent[:2] == [str(tmp_path / "kabupaten.sqlite"), str(db_path)]
    copy = tmp_path / "salinan.sqlite"
    assert w.save_copy(copy)
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT unit_organisasi FROM dokumen").fetchone()[0] == \
        "DINAS KOPERASI, UKM PROVINSI JAMBI"
    conn.close()
    w.recent_menu.actions()[1].trigger()
    assert w.db_path == db_path


def test_backup_dialog_makes_and_restores(qtbot, db_path):
    from datetime import date

    from iku_desktop.store import models as m
    from ui import tasks
    from ui.backup_dialog import BackupDialog

    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    tasks.wait()  # the daily backup of the first open, taken in the background
    dialog = BackupDialog(w)
    qtbot.addWidget(dialog)
    start = dialog.list.count()
    dialog.make()
    assert dialog.list.count() == start + 1
    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    m.Koperasi.create(nomor_badan_hukum="1/BH", nama="K", kabupaten_id=kab, jenis="jasa",
                      tanggal_badan_hukum=date(2010, 1, 1))
    w.refresh()
    # the koperasi is counted (in scope), its year not reported yet
    assert "Belum ada data tahun buku 2022" in w.sasaran_tabs[0].panels[1].card.counts.text()
    dialog.list.setCurrentRow(0)  # the newest: made before the koperasi was added
    assert dialog.restore(confirm=False)
    assert m.Koperasi.select().count() == 0
    assert "sebelum pemulihan" in " ".join(dialog.list.item(i).text()
                                          for i in range(dialog.list.count()))
