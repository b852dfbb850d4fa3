"""Start the window: ``iku-desktop`` / ``python main.py [--db PATH] [--year Y]
[--screenshot FILE.png [--tab N] [--size 1366x768]]``."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from iku_desktop import arguments, portable, resources


def parse_args(argv):
    p = arguments.Parser(prog="iku-desktop", description="IKU Desktop")
    p.add_argument("--db", type=Path, help="berkas basis data (bawaan: IKU_DB atau folder data)")
    p.add_argument("--year", type=arguments.year, help="tahun yang ditampilkan")
    p.add_argument("--screenshot", type=Path, help="simpan tangkapan layar jendela ke PNG lalu keluar")
    p.add_argument("--tab", type=lambda t: arguments.whole(t, 0, 99, "Tab"), default=0,
                   metavar="NOMOR", help="tab yang ditampilkan (0 = Ringkasan)")
    p.add_argument("--size", default="1366x768", metavar="LEBARxTINGGI",
                   help="ukuran jendela pada tangkapan layar (bawaan: 1366x768)")
    return p.parse_args(argv)


def platform_environment(environ, screenshot: bool, system: str = sys.platform) -> None:
    """Qt's platform settings, before Qt starts: a screenshot renders offscreen unless a
    platform is chosen; the offscreen plugin on Windows finds no system fonts (every glyph
    a box), so it is given the bundled ones."""
    if screenshot and "QT_QPA_PLATFORM" not in environ:
        environ["QT_QPA_PLATFORM"] = "offscreen"
    if (system == "win32" and environ.get("QT_QPA_PLATFORM", "").startswith("offscreen")
            and "QT_QPA_FONTDIR" not in environ):
        environ["QT_QPA_FONTDIR"] = str(resources.path("fonts"))


def use_portable_settings() -> None:
    """A portable copy keeps the window's settings (year, recent files) in its data
    folder, as an .ini file, not in the user's registry/config."""
    from PySide6.QtCore import QSettings

    folder = portable.data_dir()
    if folder is not None:
        QSettings.setDefaultFormat(QSettings.IniFormat)
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(folder))


def _started() -> None:
    """The window shows its database's figures: what the start-up made (Qt's and the
    program's modules, the window) lives as long as the window, so the garbage collector
    leaves it out of its walks from now on (``gc.freeze``) and runs again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    platform_environment(os.environ, bool(args.screenshot))
    # no collection walks the start-up's objects while they are made (≈ 30 ms of the first
    # paint, docs/PERFORMANCE.md); on again once the figures are shown (``_started``)
    gc.disable()
    try:
        # the core the window opens its database with, imported before Qt (``_run``
        # imports Qt): a module imported after PySide6 passes through PySide's import
        # hook, which reads the module's source — ≈ 30 ms of the first paint for these
        from iku_desktop.services import (  # noqa: F401
            frozen_year, indicators, locking, office, session,
        )

        return _run(args)
    finally:
        gc.enable()  # (a start cut short: on again, nothing frozen)


def _run(args) -> int:
    from iku_desktop.services.database import default_path
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from . import qt_indonesian, tasks
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("IKU Desktop")
    app.setApplicationName("IKU Desktop")
    app.setWindowIcon(QIcon(str(resources.path("iku.png"))))
    qt_indonesian.install()
    use_portable_settings()
    # on screen at once, the database opened right after the first paint (a screenshot
    # opens it first: it shows the figures)
    window = MainWindow(args.db or default_path(), args.year,
                        open_after_paint=not args.screenshot)
    window.started.connect(_started)
    if args.screenshot:
        width, height = (int(n) for n in args.size.lower().split("x"))
        window.setGeometry(0, 0, width, height)
        window.tabs.setCurrentIndex(args.tab)
        window.show()
        app.processEvents()
        tasks.wait()  # the trends and the shown registers, loaded in the background
        app.processEvents()
        ok = window.grab().save(str(args.screenshot))
        window.close()
        return 0 if ok else 1
    window.showMaximized()  # the screen's available area, whatever the laptop
    return app.exec()
