import io

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter

from ui import tasks
from ui.main_window import MainWindow
from ui.print_dialog import print_pdf
from ui.verify_dialog import VerifyDialog


@pytest.fixture
def window(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    return w


def test_preview_in_the_background_then_save(qtbot, window, tmp_path):
    dialog = window.show_print_dialog()
    qtbot.addWidget(dialog)
    dialog.make()  # real thread pool: the worker opens its own connection
    qtbot.waitUntil(lambda: dialog.printout is not None, timeout=20000)
    out = dialog.printout
    assert dialog.document.pageCount() == out.pages == 2
    assert out.code in dialog.status.text()
    target = tmp_path / "dokumen.pdf"
    dialog.save(str(target))
    assert target.read_bytes() == out.pdf


def test_capaian_for_the_chosen_year_and_paper(qtbot, window, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    dialog = window.show_print_dialog()
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("capaian"))
    dialog.year.setValue(2023)
    dialog.paper.setCurrentText("F4")
    dialog.make()
    reader = pypdf.PdfReader(io.BytesIO(dialog.printout.pdf))
    assert "Tahun 2023" in reader.pages[0].extract_text()
    assert round(float(reader.pages[0].mediabox.height)) == 935  # 330 mm


def test_a_failure_is_shown_not_raised(qtbot, window, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    shown = []
    monkeypatch.setattr("ui.print_dialog.QMessageBox.warning",
                        lambda parent, title, text: shown.append(text))
    dialog = window.show_print_dialog()
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("ikm"))
    dialog.survey.addItem("Survei hilang", "Survei hilang")
    dialog.survey.setCurrentIndex(dialog.survey.count() - 1)
    dialog.make()
    assert shown and "tidak ada" in shown[0] and dialog.printout is None


def test_printing_to_a_printer_paints_every_page(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    dialog = window.show_print_dialog()
    qtbot.addWidget(dialog)
    dialog.make()
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(dialog.printout.pdf, "F4", printer) == 2
    printed = pypdf.PdfReader(str(tmp_path / "printed.pdf"))
    assert len(printed.pages) == 2
    assert round(float(printed.pages[0].mediabox.width)) == 609  # 215 mm: follows the paper


def test_verify_dialog(qtbot, window, monkeypatch):
    monkeypatch.setattr(tasks, "SYNCHRONOUS", True)
    dialog = window.show_print_dialog()
    qtbot.addWidget(dialog)
    dialog.make()
    v = VerifyDialog(window)
    qtbot.addWidget(v)
    v.code.setText(dialog.printout.code.lower())
    v.check()
    assert "asli" in v.result.text() and "masih sama" in v.result.text()
    v.code.setText("bukan kode")
    v.check()
    assert "IKU-XXXXX-XXXXX" in v.result.text()
