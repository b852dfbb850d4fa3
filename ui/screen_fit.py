"""Windows that fit the screen they open on: the main window takes the screen's available
area (a 1366×768 laptop, or 1280×720 at 125 % scaling, is whole); a dialog asks for its
comfortable size, but never more than the screen has."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

# room kept around a dialog for its frame and title bar (logical pixels)
FRAME_W, FRAME_H = 16, 48


def available(widget=None) -> QRect:
    """The available area (without the taskbar) of ``widget``'s screen, or the primary one."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def open_at_screen(window) -> None:
    """Place ``window`` over its screen's available area (the caller shows it maximized)."""
    window.setGeometry(available(window))


def resize_dialog(dialog, width: int, height: int) -> None:
    """Resize ``dialog`` to ``width``×``height``, or to what its screen has room for."""
    area = available(dialog.parentWidget() or dialog)
    dialog.resize(min(width, area.width() - FRAME_W), min(height, area.height() - FRAME_H))
