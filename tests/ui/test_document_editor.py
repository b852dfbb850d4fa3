"""The Dokumen IKU tab: edits with undo, live NIP check, structure changes make tabs."""

import pytest

from iku_desktop.store import document_repo
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    return w


def test_invalid_nip_is_refused_with_its_message_as_typed(window):
    ed = window.document
    ed.nip.setText("19630231 198503 1 008")  # 31 February
    assert "Tanggal lahir" in ed.nip_message.text()
    ed._commit_nip()
    assert document_repo.load_active().penandatangan.nip == "196304211985031008"
    assert window.undo_stack.count() == 0
    ed.nip.setText("19630421 198503 1 009")
    assert "NIP valid" in ed.nip_message.text()
    ed._commit_nip()
    assert document_repo.load_active().penandatangan.nip == "196304211985031009"
    window.undo_stack.undo()
    assert document_repo.load_active().penandatangan.nip == "196304211985031008"
    assert window.document.nip.text() == "19630421 198503 1 008"


def test_adding_a_sasaran_adds_a_tab_and_undo_removes_it(window):
    from iku_desktop.services import document_edit as de

    window.tabs.setCurrentWidget(window.document)
    window.push_change(de.add_sasaran("Sasaran uji"))
    labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert labels == ["Ringkasan", "Target", "Sasaran 1", "Sasaran 2", "Sasaran 3", "Sasaran 4",
                      "Dokumen IKU"]
    assert window.tabs.currentWidget() is window.document  # the user stays where they were
    window.undo_stack.undo()
    assert window.tabs.count() == 6


def test_unit_name_edit_reaches_the_preview_and_the_title(window):
    ed = window.document
    ed.unit.setText("DINAS KOPERASI DAN UKM PROVINSI JAMBI")
    ed.unit.editingFinished.emit()
    assert "DINAS KOPERASI DAN UKM PROVINSI JAMBI" in window.document.preview.toPlainText()
    assert "DINAS KOPERASI DAN UKM PROVINSI JAMBI" in window.windowTitle()


def test_formulasi_from_the_rich_text_editor_is_stored_sanitised(window):
    ed = window.document
    top = ed.tree.topLevelItem(2)
    ed.tree.setCurrentItem(top.child(0))  # 3. Nilai SAKIP
    ed.ind_formulasi.edit.setHtml("<p>Nilai dari <b>LHE</b></p><ul><li>Inspektorat</li></ul>")
    ed.ind_formulasi._commit()
    ind = document_repo.load_active().semua_indikator[2]
    assert ind.formulasi == "<p>Nilai dari <b>LHE</b></p><ul><li>Inspektorat</li></ul>"


def test_decision_setting_changes_the_number(window, db_path):
    from datetime import date

    from iku_desktop.store import models as m

    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    for n, status in enumerate(["aktif", "tidak aktif"]):
        k = m.Koperasi.create(nomor_badan_hukum=f"{n}/BH", nama=f"K{n}", kabupaten_id=kab,
                              jenis="jasa", status=status, tanggal_badan_hukum=date(2010, 1, 1))
        m.KoperasiTahunBuku.create(koperasi=k, tahun=2022, volume_usaha=1, aset=1)  # reported
    window.refresh()
    card = window.sasaran_tabs[0].panels[1].card
    assert card.counts.text().startswith("0 dari 2 koperasi")
    window.document.decisions["koperasi_hanya_aktif"].setChecked(True)
    assert card.counts.text().startswith("0 dari 1 koperasi")
    window.undo_stack.undo()
    assert card.counts.text().startswith("0 dari 2 koperasi")
    assert not window.document.decisions["koperasi_hanya_aktif"].isChecked()
