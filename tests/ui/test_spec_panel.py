"""A register declared by its spec alone is shown and edited in the window's generic
panel: the spec's column labels, personal data masked, a bad value refused naming its
field, a good one stored."""

import pytest
from PySide6.QtCore import Qt

from iku_desktop import registers
from iku_desktop.services import editing
from iku_desktop.store.register_tables import model_for
from tests.registers.test_toy_register import PELATIHAN
from ui.spec_panel import SpecRegisterPanel


@pytest.fixture
def panel(qtbot, db):
    registers.register(PELATIHAN)
    model_for(PELATIHAN).create_table()
    for kode, nama, nik in (("P-001", "Siti", "1571014507900001"), ("P-002", "Budi", "")):
        editing.apply(editing.prepare_row(
            "toy_pelatihan", kode=kode, nama_peserta=nama, nik_peserta=nik,
            kabupaten_id="Kota Jambi", tanggal_mulai="01/03/2022", biaya="1.000.000"))
    pushed = []
    p = SpecRegisterPanel("toy_pelatihan", lambda c: pushed.append(editing.apply(c)))
    qtbot.addWidget(p)
    p.reload()
    yield p, pushed
    registers.unregister(PELATIHAN.table)


def test_the_generic_panel_shows_and_edits_a_toy_register(panel):
    p, pushed = panel
    model = p.model
    headers = [model.headerData(i, Qt.Horizontal) for i in range(model.columnCount())]
    assert headers == ["Kode peserta", "Peserta", "NIK peserta", "Kabupaten/kota",
                       "Tanggal mulai", "Tanggal selesai", "Biaya"]
    assert model.rowCount() == 2 and p.count.text() == "2 baris"
    assert model.data(model.index(0, 2)) == "1571••••••••0001"
    assert model.data(model.index(0, 6)) == "1.000.000"
    assert not model.flags(model.index(0, 0)) & Qt.ItemIsEditable  # the key
    assert not model.setData(model.index(0, 6), "-5")
    assert p.message.text().startswith("Biaya:") and pushed == []
    assert model.setData(model.index(0, 6), "2.500.000")
    assert len(pushed) == 1
    p.refresh(pushed[0][1])
    assert model.data(model.index(0, 6)) == "2.500.000"
    p.reveal.setChecked(True)
    assert model.data(model.index(0, 2)) == "1571014507900001"
