"""An indikator method is one registration: a toy method registered here (it counts the IKM
surveys of the year and shows the IKM register in its tab) is offered by the document
editor, accepted by the edit and package checks, computed, shown in the window (its card
and the Ringkasan), recomputed when a survey is added, and printed (Laporan Capaian,
calculation sheet) — no place holds a list of methods of its own."""

import io
from dataclasses import replace
from decimal import Decimal

import pypdf
import pytest
from PySide6.QtCore import Qt

from iku_desktop.domain.results import IndicatorResult, TraceStep
from iku_desktop.services import editing, printing
from iku_desktop.services.indicators import affected_methods, compute_year, registry
from iku_desktop.services.package_values import parsers
from iku_desktop.store import document_repo
from iku_desktop.store import models as m
from ui.ikm_panel import IkmPanel
from ui.main_window import MainWindow
from ui.sakip_panel import SakipPanel

YEAR = 2022
NAME = "jumlah_survei"
LABEL = "Jumlah survei kepuasan masyarakat pada tahun itu"


def count_surveys(year, indikator) -> IndicatorResult:
    n = m.IkmSurvei.live().where(m.IkmSurvei.tahun == year).count()
    if n == 0:
        return IndicatorResult(NAME, None, reason=f"Belum ada survei tahun {year}")
    return IndicatorResult(NAME, Decimal(n), trace=(TraceStep("Survei tahun ini", str(n)),))


@pytest.fixture
def toy():
    method = registry.register(registry.Method(
        NAME, LABEL, count_surveys, depends_on=frozenset({"ikm_survei"}), panel="ikm"))
    yield method
    registry.unregister(NAME)


def pdf_text(kind: str) -> str:
    pdf = printing.make(kind, {"year": YEAR}, archive=False).pdf
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def select_indikator(editor, indikator_id: int) -> None:
    tree = editor.tree
    for n in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(n)
        for c in range(top.childCount()):
            if top.child(c).data(0, Qt.UserRole) == ("indikator", indikator_id):
                tree.setCurrentItem(top.child(c))
                return
    raise AssertionError(f"indikator {indikator_id} not in the tree")


def test_a_registered_method_is_computed_shown_and_printed(qtbot, db_path, toy):
    w = MainWindow(db_path, year=YEAR)
    qtbot.addWidget(w)
    sakip = next(i for i in document_repo.load_active().semua_indikator
                 if i.metode == "nilai_sakip")
    for nama in ("Survei A", "Survei B"):
        assert w.push_change(editing.prepare_survey(nama, YEAR))
    assert "2,00" not in pdf_text("capaian")  # the SAKIP indikator has no realisasi yet

    # the document editor offers it; choosing it goes through the service's check
    editor = w.document
    select_indikator(editor, sakip.id)
    choice = editor.ind_metode.findData(NAME)
    assert editor.ind_metode.itemText(choice) == LABEL
    editor.ind_metode.setCurrentIndex(choice)
    editor.ind_metode.activated.emit(choice)
    ind = next(i for i in document_repo.load_active().semua_indikator if i.id == sakip.id)
    assert ind.metode == NAME

    # computed
    (rep,) = [r for r in compute_year(document_repo.load_active(), YEAR)
              if r.indikator.id == sakip.id]
    assert rep.result.value == Decimal(2)
    assert affected_methods({"ikm_survei"}) == {"nilai_ikm", NAME}

    # shown: its card, the register its method names, the Ringkasan row
    panel = next(p for tab in w.sasaran_tabs for p in tab.panels.values()
                 if p.card.title.text().startswith(f"{ind.nomor}. "))
    assert panel.card.value.text().startswith("2,00")
    assert any(isinstance(r, IkmPanel) for r in panel.records)
    assert not any(isinstance(r, SakipPanel) for r in panel.records)
    model = w.summary.model
    row = next(r for r in range(model.rowCount())
               if model.data(model.index(r, 0)) == str(ind.nomor))
    assert model.data(model.index(row, 2)).startswith("2,00")
    # an edit of what it reads recomputes it
    assert w.push_change(editing.prepare_survey("Survei C", YEAR))
    assert panel.card.value.text().startswith("3,00")
    assert model.data(model.index(row, 2)).startswith("3,00")

    # printed
    assert "3,00" in pdf_text("capaian")
    sheet = pdf_text("perhitungan")
    assert "Survei tahun ini" in sheet and " ".join(LABEL.split()[:3]) in sheet
    # a package row naming it passes the value check
    assert parsers("indikator")["metode"](NAME) == NAME


def test_an_unregistered_method_is_refused_and_a_stored_one_is_not_computable(db, toy):
    from iku_desktop.exchange.cells import CellError
    from iku_desktop.services import document_edit
    from iku_desktop.services.editing import EditError

    ind = document_repo.load_active().semua_indikator[0]
    document_edit.set_indikator_field(ind.id, "metode", NAME).write()
    registry.unregister(NAME)
    with pytest.raises(EditError, match=NAME):
        document_edit.set_indikator_field(ind.id, "metode", NAME)
    with pytest.raises(CellError, match=NAME):
        parsers("indikator")["metode"](NAME)
    (rep,) = [r for r in compute_year(document_repo.load_active(), YEAR)
              if r.indikator.id == ind.id]
    assert rep.result.value is None and NAME in rep.result.reason
    registry.register(toy)  # for the fixture's teardown


def test_every_registered_register_panel_key_has_its_panel():
    from ui.sasaran_tab import REGISTER_PANELS

    keys = {m.panel for m in registry.methods()} - {None}
    assert keys == {"koperasi", "usaha_kecil", "sakip", "ikm"} <= set(REGISTER_PANELS)


def test_the_tab_offers_typing_the_realisasi_only_for_a_typed_in_method(qtbot, db, toy):
    from ui.sasaran_tab import records_for
    from ui.year_values_panel import YearValuesPanel

    ind = document_repo.load_active().semua_indikator[0]
    shown = {}
    for metode in ("manual", "nilai_sakip", NAME, "tidak_terdaftar"):
        panels = records_for(replace(ind, metode=metode), lambda change: True)
        for _, panel in panels:
            qtbot.addWidget(panel)
        shown[metode] = [(label, type(p).__name__, getattr(p, "manual", None))
                         for label, p in panels]
    year_values = YearValuesPanel.__name__
    assert shown == {
        "manual": [("Realisasi dan target", year_values, True)],
        "nilai_sakip": [("Evaluasi SAKIP", "SakipPanel", None), ("Target", year_values, False)],
        NAME: [("Survei dan responden", "IkmPanel", None), ("Target", year_values, False)],
        "tidak_terdaftar": [("Target", year_values, False)],
    }
