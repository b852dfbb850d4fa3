"""Starting the window: the platform settings before Qt starts (fonts for an offscreen
screenshot on Windows), settings beside a portable copy, version and build in
Bantuan › Tentang."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from iku_desktop import __version__, portable, version
from ui import app, window_menus
from ui.main_window import MainWindow


def test_offscreen_on_windows_gets_the_bundled_fonts():
    env = {}
    app.platform_environment(env, screenshot=True, system="win32")
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    fonts = sorted(p.name for p in Path(env["QT_QPA_FONTDIR"]).iterdir())
    assert "LiberationSans-Regular.ttf" in fonts


def test_a_chosen_platform_or_font_folder_is_kept():
    env = {"QT_QPA_PLATFORM": "windows"}
    app.platform_environment(env, screenshot=True, system="win32")
    assert env == {"QT_QPA_PLATFORM": "windows"}  # the Windows plugin finds system fonts
    env = {"QT_QPA_FONTDIR": r"C:\fonts"}
    app.platform_environment(env, screenshot=True, system="win32")
    assert env["QT_QPA_FONTDIR"] == r"C:\fonts"


def test_linux_finds_fonts_itself():
    env = {}
    app.platform_environment(env, screenshot=True, system="linux")
    assert env == {"QT_QPA_PLATFORM": "offscreen"}
    env = {}
    app.platform_environment(env, screenshot=False, system="win32")
    assert env == {}


def test_a_portable_copy_keeps_the_window_settings_beside_itself(tmp_path, monkeypatch):
    root = tmp_path / "IKU-Desktop"
    root.mkdir()
    (root / "portable").write_text("")
    monkeypatch.setattr(portable, "install_root", lambda *a: root)
    app.use_portable_settings()
    s = QSettings()
    s.setValue("tahun", 2023)
    s.sync()
    assert (root / "data") in Path(s.fileName()).parents
    assert (root / "data").is_dir()


def test_about_shows_version_and_build(qtbot, db_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(version, "build", lambda *a: "1a2b3c4, 2026-12-01")
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    window_menus.about(w)
    assert f"versi {__version__}" in shown[0] and "1a2b3c4, 2026-12-01" in shown[0]


def test_the_window_launcher_speaks_indonesian_and_checks_the_year(capsys):
    """``iku-desktop --help`` and its errors in Indonesian, like ``iku``'s; a year written
    with other digits or out of range is refused with exit 2, not taken."""
    import pytest

    from ui.app import parse_args

    with pytest.raises(SystemExit) as done:
        parse_args(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert "penggunaan:" in out and "opsi" in out and "--year TAHUN" in out
    assert "usage" not in out and "show this help" not in out
    for bad in (["--year", "٢٠٢٣"], ["--year", "99999999999999999999"], ["--tab", "x"]):
        with pytest.raises(SystemExit) as done:
            parse_args(bad)
        err = capsys.readouterr().err
        assert done.value.code == 2 and "galat" in err and "error" not in err, bad
    assert parse_args(["--year", "2023"]).year == 2023
