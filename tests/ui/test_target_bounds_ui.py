"""The Target tab refuses a negative target, and one above the top of its indikator's
scale, as it is typed (real key events): the message names the field, Enter stores
nothing."""

from PySide6.QtCore import Qt

from .test_target_tab import _go, _target, press, type_text, window  # noqa: F401 (fixture)


def test_a_negative_or_too_high_target_is_refused_as_typed(window):  # noqa: F811
    tab = window.target_tab
    _go(tab.table, 0, 2023)
    type_text("-5")
    assert "Target: tidak boleh negatif" in tab.message.text()
    press(Qt.Key_Return)
    assert _target(1, 2023) is None
    _go(tab.table, 2, 2023)  # IKU 3, the SAKIP score
    type_text("100,5")
    assert "tidak boleh lebih dari 100 untuk IKU 3 (nilai evaluasi SAKIP, 0–100)" in \
        tab.message.text()
    press(Qt.Key_Return)
    assert _target(3, 2023) is None and window.undo_stack.count() == 0
    _go(tab.table, 2, 2023)
    type_text("100")
    press(Qt.Key_Return)
    assert str(_target(3, 2023)) == "100"
