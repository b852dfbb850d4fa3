"""A card for one indikator: realisasi, target, capaian with its band, counts in words,
the reason when not computable, and warnings; for an indikator counted per kabupaten/kota
(IKU 1 and 2), a bar chart of its figure in each; a locked year's frozen figures under a
"dikunci" mark."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout

from iku_desktop.domain.charts import kabupaten_bars
from iku_desktop.domain.formatting import DASH, format_figure, format_number
from iku_desktop.services.indicators import IndikatorReport

from .charts import KabupatenChart
from .formatting import BAND_COLOURS, count_words, lock_label, show_lock
from .wrapped_label import WrappedLabel


class IndicatorCard(QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.setObjectName("indicatorCard")
        self.setStyleSheet("#indicatorCard { background: white; border: 1px solid #c8d0d8;"
                           " border-radius: 6px; }")
        lay = QVBoxLayout(self)
        self.title = WrappedLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        lay.addWidget(self.title)
        self.lock_mark = lock_label()
        lay.addWidget(self.lock_mark)
        row = QHBoxLayout()
        lay.addLayout(row)
        grid = QGridLayout()
        row.addLayout(grid, 3)
        self.kabupaten = KabupatenChart()
        self.kabupaten.hide()
        row.addWidget(self.kabupaten, 2)
        self.value = QLabel()
        self.value.setStyleSheet("font-size: 26pt; font-weight: bold; color: #1f3b57;")
        self.value.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.counts = WrappedLabel()
        self.target = QLabel()
        self.capaian = QLabel()
        grid.addWidget(QLabel("Realisasi"), 0, 0)
        grid.addWidget(self.value, 1, 0, 2, 1)
        grid.addWidget(self.counts, 3, 0)
        grid.addWidget(QLabel("Target"), 0, 1)
        grid.addWidget(self.target, 1, 1)
        grid.addWidget(QLabel("Capaian"), 0, 2)
        grid.addWidget(self.capaian, 1, 2)
        for w in (self.target, self.capaian):
            w.setStyleSheet("font-size: 15pt;")
        self.notes = WrappedLabel()
        self.notes.setStyleSheet("color: #8a5300;")
        lay.addWidget(self.notes)

    def show_report(self, rep: IndikatorReport) -> None:
        ind, res = rep.indikator, rep.result
        self.title.setText(f"{ind.nomor}. {ind.judul}" + (" — dikunci" if rep.dikunci else ""))
        show_lock(self.lock_mark, rep.dikunci)
        self.value.setText(format_figure(res.value, ind.satuan))
        self.value.setToolTip(res.reason or "")
        extra = []
        if res.extra.get("predikat"):
            extra.append(f"predikat {res.extra['predikat']} ({res.extra['predikat_arti']})")
        if res.extra.get("mutu"):
            extra.append(f"mutu {res.extra['mutu']} ({res.extra['kinerja']})")
        words = count_words(res.numerator, res.denominator, res.noun)
        self.counts.setText(" · ".join([w for w in [words, *extra] if w])
                            if res.value is not None else f"{DASH} {res.reason}")
        self.target.setText(format_figure(rep.target, ind.satuan))
        if rep.capaian.computable:
            colour = BAND_COLOURS[rep.band]
            self.capaian.setText(f"<span style='color:{colour}'>{format_number(rep.capaian.value)}%"
                                 f"</span><br><small>{rep.band.value}</small>")
            self.capaian.setToolTip("")
        else:
            self.capaian.setText(DASH)
            self.capaian.setToolTip(rep.capaian.reason)
        bars = kabupaten_bars(res.breakdowns)
        self.kabupaten.set_bars("Realisasi per kabupaten/kota", bars)
        self.kabupaten.setVisible(bool(bars))
        notes = list(res.warnings)
        if not rep.capaian.computable and res.value is not None:
            notes.append(f"Capaian: {rep.capaian.reason}")
        self.notes.setText("\n".join(f"⚠ {n}" for n in notes))
        self.notes.setVisible(bool(notes))
