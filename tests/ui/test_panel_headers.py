"""The IKM and SAKIP panels head their stored fields with the register spec's column
labels (one declaration: a label changed in the spec changes the window's column)."""

from PySide6.QtCore import Qt

from iku_desktop.services import registers
from ui.ikm_panel import IkmPanel
from ui.sakip_panel import SakipPanel


def _headers(model):
    return [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]


def _fields(model):
    return [c.field for c in model.columns]


def test_ikm_columns_are_the_specs_labels(qtbot, db):
    panel = IkmPanel(lambda change: None)
    qtbot.addWidget(panel)
    for model, table in ((panel.surveys, "ikm_survei"), (panel.responses, "ikm_respon")):
        labelled = [(h, f) for h, f in zip(_headers(model), _fields(model)) if f]
        assert labelled and all(h == registers.column_label(table, f) for h, f in labelled)
    assert "JK" in _headers(panel.responses)  # the spec's short column label


def test_sakip_columns_are_the_specs_labels(qtbot, db):
    panel = SakipPanel(lambda change: None)
    qtbot.addWidget(panel)
    headers = _headers(panel.model)
    fields = ["tahun", "skema", "perencanaan", "pengukuran", "pelaporan", "evaluasi_internal",
              "capaian_kinerja", "nilai_lhe", "nomor_lhe", "tanggal_lhe"]
    assert headers[:len(fields)] == [registers.column_label("sakip", f) for f in fields]
    assert headers[2] == "Perencanaan (30)"  # the maximum shown, declared in the spec
