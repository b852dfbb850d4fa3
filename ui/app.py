"""Start the window: ``iku-desktop`` / ``python main.py [--db PATH] [--year Y]
[--screenshot FILE.png [--tab N]]``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from iku_desktop.services.database import default_path


def parse_args(argv):
    p = argparse.ArgumentParser(prog="iku-desktop", description="IKU Desktop")
    p.add_argument("--db", type=Path, help="berkas basis data (bawaan: IKU_DB atau folder data)")
    p.add_argument("--year", type=int, help="tahun yang ditampilkan")
    p.add_argument("--screenshot", type=Path, help="simpan tangkapan layar jendela ke PNG lalu keluar")
    p.add_argument("--tab", type=int, default=0, help="tab yang ditampilkan (0 = Ringkasan)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("IKU Desktop")
    app.setApplicationName("IKU Desktop")
    window = MainWindow(args.db or default_path(), args.year)
    if args.screenshot:
        window.tabs.setCurrentIndex(args.tab)
        window.show()
        app.processEvents()
        ok = window.grab().save(str(args.screenshot))
        window.close()
        return 0 if ok else 1
    window.show()
    return app.exec()
