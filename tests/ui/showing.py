"""Bring a register into view as a person does: the window shown, a click on the tab of its
sasaran (or the Target tab) and on its register's tab. A register loads when it is first
shown (a hidden one only marks itself stale on a year change)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTabWidget


def click_tab(tabs: QTabWidget, page) -> None:
    bar = tabs.tabBar()
    QTest.mouseClick(bar, Qt.LeftButton, Qt.NoModifier,
                     bar.tabRect(tabs.indexOf(page)).center())


def show_register(window, panel):
    """Show ``window`` and click the tabs that lead to ``panel``; returns the panel."""
    if not window.isVisible():
        window.show()
        QTest.qWaitForWindowExposed(window)
    # outermost first: the window's tab, then the register's tab inside it
    chain, child = [], panel
    while child is not None and child is not window:
        up = child.parentWidget()
        if up is not None and isinstance(up.parentWidget(), QTabWidget) and \
                up.parentWidget().indexOf(child) >= 0:
            chain.append((up.parentWidget(), child))
        child = up
    for tabs, page in reversed(chain):
        click_tab(tabs, page)
    QApplication.processEvents()
    assert panel.isVisible()
    return panel
