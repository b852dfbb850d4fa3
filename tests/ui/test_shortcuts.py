"""Keyboard shortcuts in the real window: real key events on the focused widget of a shown
MainWindow do what their label says, and no two shortcuts share a key sequence where both
can fire (Qt then calls the key ambiguous and does nothing)."""

from itertools import combinations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QFileDialog, QInputDialog, QLabel, QMenu, QTabBar,
    QTabWidget, QWidget,
)

from iku_desktop.services import editing
from iku_desktop.store import models as m
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def press(qtbot, key: str) -> None:
    """A real key press on whatever widget has the focus (as a user's keyboard would)."""
    seq = QKeySequence(key)[0]
    target = QApplication.focusWidget() or QApplication.activeWindow()
    QTest.keyClick(target, seq.key(), seq.keyboardModifiers())
    qtbot.wait(10)


def ikm_panel(w):
    return next(p for p in w.record_panels() if type(p).__name__ == "IkmPanel")


def show_ikm(w):
    panel = ikm_panel(w)
    tab = next(t for t in w.sasaran_tabs if panel in t.record_panels())
    w.tabs.setCurrentWidget(tab)
    inner = panel.parentWidget()
    while not isinstance(inner, QTabWidget):
        inner = inner.parentWidget()
    inner.setCurrentWidget(panel)
    return panel


def select_indikator(w):
    w.tabs.setCurrentWidget(w.document)
    tree = w.document.tree
    tree.setCurrentItem(tree.topLevelItem(0).child(0))
    assert w.document.ind_box.isEnabled()


# ------------------------------------------------------------------ effects
def test_ctrl_n_in_the_response_grid_adds_a_respondent(window, qtbot):
    window.push_change(editing.prepare_survey("SKM 2022", 2022))
    panel = show_ikm(window)
    panel.grid.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.grid)
    press(qtbot, "Ctrl+N")
    assert m.IkmRespon.select().count() == 1
    press(qtbot, "Ctrl+N")
    assert m.IkmRespon.select().count() == 2
    press(qtbot, "Ctrl+Z")  # undo from the keyboard too
    assert m.IkmRespon.live().count() == 1


def test_new_database_shortcut_asks_for_a_file(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (asked.append(a[1]), ("", ""))[1])
    show_ikm(window).grid.setFocus()  # even where Ctrl+N adds a respondent
    press(qtbot, "Ctrl+Shift+N")
    assert asked == ["Basis data baru"]


def test_import_shortcut_asks_for_a_file_even_in_the_formulasi_editor(window, qtbot,
                                                                        monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (asked.append(a[1]), ("", ""))[1])
    select_indikator(window)
    window.document.ind_formulasi.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.document.ind_formulasi.edit)
    press(qtbot, "Ctrl+Shift+I")
    assert asked == ["Impor data"]


def test_ctrl_i_makes_the_formulasi_italic(window, qtbot):
    select_indikator(window)
    edit = window.document.ind_formulasi.edit
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    edit.selectAll()
    press(qtbot, "Ctrl+I")
    assert edit.fontItalic()
    press(qtbot, "Ctrl+B")
    assert edit.fontWeight() > 400


def test_export_shortcut_asks_what_to_export(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda *a, **k: (asked.append(a[1]), ("", False))[1])
    window.tabs.setCurrentIndex(0)
    window.tabs.setFocus()
    press(qtbot, "Ctrl+E")
    assert asked == ["Ekspor ke Excel"]


# ------------------------------------------------------------------ no clashes
CONTEXT_SCOPE = {Qt.WindowShortcut: "window", Qt.ApplicationShortcut: "window",
                 Qt.WidgetWithChildrenShortcut: "children", Qt.WidgetShortcut: "self"}


def _scope(window, context, owner: QWidget) -> QWidget:
    return window if CONTEXT_SCOPE[context] == "window" else owner


def _live(widget: QWidget) -> bool:
    return widget.isVisible()


def active_shortcuts(window) -> list[tuple[str, QWidget, str, object]]:
    """(key, the widget the focus must be in for it to fire, what it is, its owner) for
    every shortcut
    that can fire in the window as it is shown now: actions (menus, widgets), QShortcuts,
    button shortcuts and mnemonics, menu bar, tab bar and label mnemonics."""
    out = []
    for act in window.findChildren(QAction):
        if not act.shortcuts():
            continue
        for obj in act.associatedObjects():
            if isinstance(obj, QMenu) or (isinstance(obj, QWidget) and _live(obj)):
                owner = window if isinstance(obj, QMenu) else obj
                for seq in act.shortcuts():
                    out.append((seq.toString(), _scope(window, act.shortcutContext(), owner),
                                f"action {act.text()!r}", act))
                break
    for sc in window.findChildren(QShortcut):
        parent = sc.parent()
        if sc.isEnabled() and isinstance(parent, QWidget) and _live(parent):
            for seq in sc.keys():
                out.append((seq.toString(), _scope(window, sc.context(), parent),
                            f"shortcut of {type(parent).__name__}", sc))
    for b in window.findChildren(QAbstractButton):
        if _live(b) and not b.shortcut().isEmpty():
            out.append((b.shortcut().toString(), window, f"button {b.text()!r}", b))
    for a in window.menuBar().actions():
        mn = QKeySequence.mnemonic(a.text())
        if not mn.isEmpty():
            out.append((mn.toString(), window, f"menu {a.text()!r}", a))
    for bar in window.findChildren(QTabBar):
        if _live(bar):
            for i in range(bar.count()):
                mn = QKeySequence.mnemonic(bar.tabText(i))
                if not mn.isEmpty():
                    out.append((mn.toString(), window, f"tab {bar.tabText(i)!r}", (bar, i)))
    for label in window.findChildren(QLabel):
        if _live(label) and label.buddy() is not None:
            mn = QKeySequence.mnemonic(label.text())
            if not mn.isEmpty():
                out.append((mn.toString(), window, f"label {label.text()!r}", label))
    return out


def _overlap(a: QWidget, b: QWidget) -> bool:
    return a is b or a.isAncestorOf(b) or b.isAncestorOf(a)


def clashes(window) -> list[str]:
    found = []
    for (ka, sa, wa, oa), (kb, sb, wb, ob) in combinations(active_shortcuts(window), 2):
        if ka == kb and oa is not ob and _overlap(sa, sb):
            found.append(f"{ka}: {wa} / {wb}")
    return found


def every_view(window):
    """Each top tab made current, and inside it each page of every nested tab widget."""
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        yield window.tabs.tabText(i)
        for inner in window.tabs.widget(i).findChildren(QTabWidget):
            for j in range(inner.count()):
                inner.setCurrentIndex(j)
                yield f"{window.tabs.tabText(i)} › {inner.tabText(j)}"


def test_no_two_shortcuts_share_a_key_in_any_tab(window):
    # a survey (its response buttons enabled) and an indikator selected (its editor enabled)
    window.push_change(editing.prepare_survey("SKM 2022", 2022))
    select_indikator(window)
    seen_views, problems = [], []
    for view in every_view(window):
        seen_views.append(view)
        problems += [f"{view}: {c}" for c in clashes(window)]
    assert any("Survei dan responden" in v for v in seen_views)
    assert "Dokumen IKU" in seen_views
    assert not problems, "\n".join(problems)


def test_the_clash_check_can_fail(window):
    """The check sees a window shortcut and a panel-local one on the same key."""
    panel = show_ikm(window)
    extra = QShortcut(QKeySequence("Ctrl+Shift+N"), panel)
    extra.setContext(Qt.WidgetWithChildrenShortcut)
    assert any(c.startswith("Ctrl+Shift+N") for c in clashes(window))
    extra.setContext(Qt.WidgetShortcut)
    window.tabs.setCurrentIndex(0)  # the panel hidden: no clash
    assert not any(c.startswith("Ctrl+Shift+N") for c in clashes(window))
