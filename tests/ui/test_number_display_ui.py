"""Figures in the window go through the Indonesian formatter: "20.000", never "20000"."""

from datetime import date

from PySide6.QtCore import Qt

from iku_desktop.services import editing
from iku_desktop.store import models as m
from ui.main_window import MainWindow
from tests.ui.showing import show_register


def test_ikm_panel_groups_population_and_counts(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    w.push_change(editing.prepare_survey("SKM 2022", 2022, "20000"))
    panel = show_register(w, next(p for p in w.record_panels()
                                  if type(p).__name__ == "IkmPanel"))
    column = [panel.surveys.headerData(c, Qt.Horizontal) for c in range(panel.surveys.columnCount())] \
        .index("Populasi penerima layanan")
    index = panel.surveys.index(0, column)
    assert panel.surveys.data(index) == "20.000"
    assert panel.surveys.data(index, Qt.EditRole) == "20000"  # the editor shows what one types
    panel._add_response()
    assert "1 responden, kurang dari sampel minimum 377" in panel.summary.text()


def test_tahun_buku_members_are_grouped_and_the_year_is_not(qtbot, db_path):
    w = MainWindow(db_path, year=2022)
    qtbot.addWidget(w)
    kab = m.Kabupaten.get(m.Kabupaten.bps == "1571").id
    k = m.Koperasi.create(nomor_badan_hukum="1/BH", nama="K", kabupaten_id=kab, jenis="jasa",
                          tanggal_badan_hukum=date(2010, 1, 1))
    m.KoperasiTahunBuku.create(koperasi=k, tahun=2022, volume_usaha=1_250_000, aset=1,
                               anggota_l=1500, anggota_p=12)
    panel = next(p for p in w.record_panels() if type(p).__name__ == "KoperasiPanel")
    panel.tb_model.load(k.id)
    assert panel.tb_model.rowCount() == 1, panel.tb_model.rows
    row = [panel.tb_model.data(panel.tb_model.index(0, c))
           for c in range(panel.tb_model.columnCount())]
    assert row[0] == "2022" and "1.250.000" in row and "1.500" in row and "12" in row


def test_breakdown_values_keep_two_decimals_or_the_three_of_an_nrr(qtbot):
    from decimal import Decimal

    from iku_desktop.domain.results import BreakdownRow
    from ui.breakdown_model import BreakdownModel

    model = BreakdownModel()
    model.set_rows((BreakdownRow("U1", "Persyaratan", Decimal("3.621"), 105, 29),
                    BreakdownRow("perencanaan", "Perencanaan", Decimal("27"), None, None),
                    BreakdownRow("1571", "Kota Jambi", Decimal("1234.50"), 1, 2)), "")
    shown = [model.data(model.index(r, 1)) for r in range(3)]
    assert shown == ["3,621", "27,00", "1.234,50"]
