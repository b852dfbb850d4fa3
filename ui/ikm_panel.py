"""Records of IKU 4: the surveys of the year, and a fast response grid — one row per
respondent, U1–U9 typed as 1–4 with the keyboard (the cursor moves on by itself; Enter/Tab
move on) — with NRR per unsur, IKM, konversi, mutu and the minimum-sample check live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QSplitter,
    QTableView, QVBoxLayout, QWidget,
)

from iku_desktop.services.changes import OpChanges
from iku_desktop.domain import ikm
from iku_desktop.domain.formatting import DASH, format_date, format_number
from iku_desktop.services import editing, ikm_register, ownership, printouts, registers

from . import column_fit
from .background_load import BackgroundLoad, set_ids_keeping_current
from .lazy_model import BLOCK, Column, LazyRegisterModel
from .records_panel import RecordsPanel
from .wrapped_label import WrappedLabel

UNSUR_COLUMNS = [u.kode.lower() for u in ikm.UNSUR]
FIRST_UNSUR = 6  # column index of U1 in the grid


def _survey(field: str) -> str:
    """The register spec's column label of a survey field."""
    return registers.column_label("ikm_survei", field)


def _response(field: str) -> str:
    """The register spec's column label of a response field."""
    return registers.column_label("ikm_respon", field)


def _text(value) -> str:
    return "" if value is None else str(value)


def _count(value) -> str:
    return "" if value is None else format_number(value, 0)


class ResponseGrid(QTableView):
    """Typing 1–4 in an unsur column stores the answer and moves to the next cell."""

    def keyPressEvent(self, event) -> None:
        index = self.currentIndex()
        key = event.text()
        if index.isValid() and index.column() >= FIRST_UNSUR and key in ("1", "2", "3", "4") \
                and self.state() != QTableView.EditingState:
            if self.model().setData(index, key):
                self._advance(index)
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.state() != \
                QTableView.EditingState:
            self._advance(index)
            return
        super().keyPressEvent(event)

    def _advance(self, index) -> None:
        model = self.model()
        row, col = index.row(), index.column() + 1
        if col >= model.columnCount():
            row, col = row + 1, FIRST_UNSUR
        if row < model.rowCount():
            self.setCurrentIndex(model.index(row, col))


class IkmPanel(RecordsPanel):
    TABLES = frozenset({"ikm_survei", "ikm_respon"})

    def __init__(self, push, parent=None) -> None:
        super().__init__(push, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel("Survei tahun ini:"), 1)
        for text, slot in (("Tambah survei…", self._add_survey),
                           ("Hapus survei", self._delete_survey)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            head.addWidget(b)
        tl.addLayout(head)
        self.surveys = LazyRegisterModel([
            Column(_survey("nama"), lambda s: s.nama, "nama"),
            Column(_survey("periode"), lambda s: s.periode, "periode"),
            Column(_survey("jenis_layanan"), lambda s: s.jenis_layanan, "jenis_layanan"),
            Column(_survey("populasi"), lambda s: _count(s.populasi), "populasi",
                   lambda s: _text(s.populasi), numeric=True),
            Column("Responden", lambda s: format_number(s.responden, 0), numeric=True),
        ], ikm_register.survey_rows,
            lambda rid, f, v: self.try_edit(lambda: editing.prepare_edit("ikm_survei", rid, f, v)),
            self, read_only=lambda s: ownership.why_read_only())
        self.survey_table = QTableView()
        self.survey_table.setModel(self.surveys)
        self.survey_table.setSelectionBehavior(QTableView.SelectRows)
        column_fit.fit(self.survey_table)
        self.survey_table.selectionModel().currentRowChanged.connect(self._survey_selected)
        tl.addWidget(self.survey_table)
        split.addWidget(top)

        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.grid_title = QLabel("Pilih survei untuk mengisi responden.")
        head.addWidget(self.grid_title, 1)
        self.add_response = QPushButton("Tambah responden (Ctrl+N)")
        self.add_response.clicked.connect(self._add_response)
        # Ctrl+N while the focus is in this panel (a window-wide key would clash with
        # another IKM panel's, and did with Basis data baru)
        add_key = QShortcut(QKeySequence("Ctrl+N"), self)
        add_key.setContext(Qt.WidgetWithChildrenShortcut)
        add_key.activated.connect(lambda: self.add_response.isEnabled() and self._add_response())
        self.delete_response = QPushButton("Hapus responden")
        self.delete_response.clicked.connect(self._delete_response)
        for b in (self.add_response, self.delete_response):
            b.setEnabled(False)
            head.addWidget(b)
        bl.addLayout(head)
        self.responses = LazyRegisterModel([
            Column(_response("tanggal"), lambda r: format_date(r.tanggal), "tanggal",
                   lambda r: r.tanggal.strftime("%d/%m/%Y")),
            *(Column(_response(f), lambda r, f=f: _text(getattr(r, f)), f)
              for f in ("jenis_layanan", "jenis_kelamin", "umur", "pendidikan", "pekerjaan",
                        *UNSUR_COLUMNS)),
        ], ikm_register.response_rows,
            lambda rid, f, v: self.try_edit(lambda: editing.prepare_edit("ikm_respon", rid, f, v)),
            self, read_only=lambda r: ownership.why_read_only())
        self.grid = ResponseGrid()
        self.grid.setModel(self.responses)
        column_fit.fit(self.grid)
        self.validate_register(self.grid, self.responses, "ikm_respon")
        bl.addWidget(self.grid)
        self.summary = WrappedLabel()
        self.summary.setTextFormat(Qt.RichText)
        bl.addWidget(self.summary)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setSizes([90, 400])
        lay.addWidget(split, 1)
        lay.addWidget(self.message)
        self.survey_id: int | None = None
        self._survey_name = ""  # of the survey shown
        self._to_new_response = False  # after "Tambah responden": its first answer cell
        # the surveys and the respondents' ids in the background (50.000 respondents), the
        # NRR/IKM line too: the previous ones stay shown meanwhile, marked
        self.loader = BackgroundLoad(self.grid, self.grid_title, self.message, self)
        self.summary_loader = BackgroundLoad(None, self.summary, self.message, self)

    def reload(self) -> None:
        """The year's surveys and the chosen survey's respondents, in the background."""
        year, wanted = self.year, self.survey_id
        current = self.grid.currentIndex()
        wanted_row = current.row() if current.isValid() else None

        def query():
            ids = ikm_register.survey_ids(year)
            chosen = wanted if wanted in ids else (ids[0] if ids else None)
            surveys = ikm_register.survey_rows(ids)  # with their Responden counts
            if chosen is None:
                return (ids, surveys), None, None, ([], {})
            responses = ikm_register.response_ids(chosen)
            keep = wanted_row if chosen == wanted else None
            first = {0, keep // BLOCK * BLOCK if keep is not None else 0}
            rows = {}
            for start in first:
                rows.update(ikm_register.response_rows(responses[start:start + BLOCK]))
            return (ids, surveys), chosen, surveys[chosen], (responses, rows)

        self.loader.load(query, self._show)

    def refresh(self, changes: OpChanges) -> None:
        """After a write. Answers (values of respondents that stay): their rows shown at
        once, only the NRR/IKM line again in the background — the surveys and the
        respondents' ids stay (the grid edits neither a survey nor a deletion). Otherwise
        the rows shown at once too, the surveys with their Responden counts, the ids and
        the line in the background."""
        answered = changes.values_only("ikm_respon")
        if answered is not None and self.isVisible() and not self.stale \
                and not self.loader.busy and self.survey_id is not None:
            # (a load under way may have read the rows before this write: loaded again)
            self.responses.refresh_ids(answered)
            self._load_summary()
            return
        self.responses.refresh_rows()
        self.reload_when_shown()

    def _survey_selected(self, current, _previous) -> None:
        chosen = self.surveys.id_at(current.row())
        if chosen is not None and chosen != self.survey_id:
            self.survey_id = chosen
            self.reload()

    def _show(self, loaded) -> None:
        (ids, surveys), self.survey_id, survei, (responses, rows) = loaded
        if ids == self.surveys.ids():
            self.surveys.refresh_rows(surveys)
        else:
            self.surveys.set_ids(ids, surveys)
        if self.survey_id:
            row = self.surveys.row_of(self.survey_id)
            if self.survey_table.currentIndex().row() != row:
                self.survey_table.selectRow(row)
        enabled = self.survey_id is not None
        for b in (self.add_response, self.delete_response):
            b.setEnabled(enabled)
        if not enabled:
            self.responses.set_ids([])
            self.grid_title.setText("Pilih atau tambah survei untuk mengisi responden.")
            self.summary_loader.supersede()  # a late NRR/IKM line of another survey or year
            self.summary.clear()
            return
        set_ids_keeping_current(self.grid, self.responses, responses, rows)
        self.grid_title.setText(f"Responden {survei.nama}: ketik 1–4 pada kolom U1–U9; "
                                "kursor pindah sendiri.")
        if self._to_new_response:
            self._to_new_response = False
            self.grid.setCurrentIndex(self.responses.index(self.responses.rowCount() - 1,
                                                           FIRST_UNSUR))
            self.grid.setFocus()
        self._survey_name = survei.nama
        self._load_summary()

    def _load_summary(self) -> None:
        """The NRR/IKM line of the chosen survey, in the background (the line shown stays
        until then, marked)."""
        year, nama = self.year, self._survey_name
        self.summary_loader.load(lambda: printouts.snapshot_ikm(year, nama), self._summary)

    def _summary(self, snap) -> None:
        nrr = ", ".join(f"{u['kode']} {format_number(u['nrr'], 3) if u['nrr'] is not None else DASH}"
                        for u in snap["unsur"])
        if snap["nilai"] is None:
            value = f"Nilai IKM: {DASH} ({snap['alasan']})"
        else:
            value = (f"IKM {format_number(snap['ikm'], 4)} × 25 = <b>{format_number(snap['nilai'])}"
                     f"</b>, mutu <b>{snap['mutu']}</b> ({snap['kinerja']})")
        minimum = snap["sampel_minimum"]
        if minimum is None:
            sample = "populasi belum diisi: kecukupan sampel tidak dapat diperiksa"
        elif snap["responden"] < minimum:
            sample = (f"<span style='color:#c0392b'>{_count(snap['responden'])} responden, kurang "
                      f"dari sampel minimum {_count(minimum)}</span>")
        else:
            sample = f"{_count(snap['responden'])} responden ≥ sampel minimum {_count(minimum)}"
        self.summary.setText(f"NRR: {nrr}<br>{value}<br>Sampel: {sample}")

    def _add_survey(self) -> None:
        name, ok = QInputDialog.getText(self, "Tambah survei", "Nama survei:",
                                        text=f"SKM {self.year}")
        if ok:
            self.try_edit(lambda: editing.prepare_survey(name, self.year))

    def _delete_survey(self) -> None:
        if self.survey_id and QMessageBox.question(
                self, "Konfirmasi", "Hapus survei ini beserta responden di dalamnya dari "
                "perhitungan?") == QMessageBox.Yes:
            self.push(editing.prepare_delete("ikm_survei", self.survey_id, "Hapus survei"))

    def _add_response(self) -> None:
        self._to_new_response = True  # once its id is loaded
        if self.try_edit(lambda: editing.prepare_response(self.survey_id)) is not None:
            self._to_new_response = False

    def _delete_response(self) -> None:
        rid = self.responses.id_at(self.grid.currentIndex().row())
        if rid and QMessageBox.question(self, "Konfirmasi", "Hapus responden ini?") == \
                QMessageBox.Yes:
            self.push(editing.prepare_delete("ikm_respon", rid, "Hapus responden"))
