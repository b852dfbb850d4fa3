"""The package preview shows, in red, that the sender's audit log does not extend the
history witnessed here."""

from __future__ import annotations

from iku_desktop.services import packages
from tests.services.test_packages import MUARO_JAMBI, at, new_office
from tests.store.test_audit_witness import add_usaha, cut
from ui import exchange_dialogs
from ui.main_window import MainWindow


def test_the_preview_shows_a_cut_audit_log_in_red(qtbot, tmp_path):
    prov = new_office(tmp_path, "provinsi")
    a = new_office(tmp_path, "muaro", MUARO_JAMBI)
    with at(a):
        add_usaha("Kopi")
        add_usaha("Teh")
        packages.export_package(tmp_path / "a1.ikupkg")
    with at(prov):
        packages.import_package(tmp_path / "a1.ikupkg")
    cut(a, seals=2, witnesses=True)
    with at(a):
        packages.export_package(tmp_path / "a2.ikupkg")
    w = MainWindow(prov)
    qtbot.addWidget(w)
    dialog = exchange_dialogs.PackageImportDialog(tmp_path / "a2.ikupkg", w)
    qtbot.addWidget(dialog)
    parties = dialog.parties.text()
    assert "<b style='color:#b91c1c'>Log audit kantor pengirim TIDAK melanjutkan" in parties
    assert dialog.go.isEnabled()  # flagged, not refused
