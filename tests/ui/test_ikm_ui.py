"""The IKM response grid: keyboard entry and live values."""

from PySide6.QtCore import Qt

from iku_desktop.store import models as m
from ui.ikm_panel import FIRST_UNSUR
from ui.main_window import MainWindow
from tests.ui.showing import show_register


def test_typing_answers_moves_on_and_updates_the_card(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    panel = show_register(w, w.sasaran_tabs[2].panels[4].records[0])
    card = w.sasaran_tabs[2].panels[4].card
    assert card.value.text() == "–"
    w.push_change(__import__("iku_desktop.services.editing", fromlist=["x"]).prepare_survey(
        "SKM 2022", 2022, "100"))
    assert panel.survey_id is not None
    panel._add_response()
    grid = panel.grid
    assert grid.currentIndex().column() == FIRST_UNSUR
    for key in "444433334":  # U1..U9
        qtbot.keyClicks(grid, key)
    r = m.IkmRespon.get()
    assert [getattr(r, f"u{i}") for i in range(1, 10)] == [4, 4, 4, 4, 3, 3, 3, 3, 4]
    # Σ = 32, NRR mean = 32/9 → × 25 = 88,89 → mutu A
    assert card.value.text() == "88,89"
    assert "mutu A" in card.counts.text()
    assert "kurang dari sampel minimum 80" in panel.summary.text()
    qtbot.keyClicks(grid, "7")  # not an answer: nothing stored
    assert m.IkmRespon.select().count() == 1
    w.undo_stack.undo()  # the last answer
    assert m.IkmRespon.get().u9 is None
    assert card.value.text() == "–"  # U9 unanswered by everyone: not computable


def test_answer_by_label_and_bad_answer_message(qtbot, db_path):
    from iku_desktop.services import editing

    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    panel = show_register(w, w.sasaran_tabs[2].panels[4].records[0])
    w.push_change(editing.prepare_survey("SKM 2022", 2022))
    panel._add_response()
    model = panel.responses
    assert model.setData(model.index(0, FIRST_UNSUR + 3), "gratis")  # U4 label
    assert m.IkmRespon.get().u4 == 4
    assert not model.setData(model.index(0, FIRST_UNSUR), "5")
    assert "1–4" in panel.message.text()
    assert not model.setData(model.index(0, 0), "01/01/2021")
    assert "tahun survei" in panel.message.text()
    assert Qt.ItemIsEditable & model.flags(model.index(0, FIRST_UNSUR))


def test_ikm_models_pass_the_model_tester(qtbot, db_path):
    from pytestqt.modeltest import ModelTester

    from iku_desktop.services import editing

    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    panel = show_register(w, w.sasaran_tabs[2].panels[4].records[0])
    w.push_change(editing.prepare_survey("SKM 2022", 2022))
    panel._add_response()
    ModelTester(None).check(panel.surveys)
    ModelTester(None).check(panel.responses)
