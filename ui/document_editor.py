"""Dokumen IKU: edit everything the printed document holds, with undo — unit, tugas, fungsi
and sasaran/indikator (add, remove, reorder; numbering follows), each indikator's name,
satuan, method, polarity, sumber data, penanggung jawab and formulasi, place and date, the
signatory (pangkat from the official list, NIP checked as typed), and the office's rule
decisions. A preview of the printed text sits beside it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QSpinBox,
    QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from iku_desktop.domain.capaian import Polaritas, RumusTurun
from iku_desktop.domain.dokumen import DokumenIku
from iku_desktop.domain.formatting import BULAN
from iku_desktop.domain.identifiers import IdentifierError, format_nip, validate_nip
from iku_desktop.domain.pangkat import PANGKAT
from iku_desktop.services import document_edit as de
from iku_desktop.services import document_view, ownership, setting_edit
from iku_desktop.services.editing import EditError
from iku_desktop.services.indicators import registry

from .document_tab import document_html


class _PlainEdit(QPlainTextEdit):
    left = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class DocumentEditor(QWidget):
    def __init__(self, push: Callable, parent=None) -> None:
        super().__init__(parent)
        self.push = push
        self.doc: DokumenIku | None = None
        self._loading = False
        outer = QHBoxLayout(self)
        split = QSplitter(Qt.Horizontal)
        outer.addWidget(split)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body = QVBoxLayout(body)
        scroll.setWidget(body)
        split.addWidget(scroll)
        self.preview = QTextBrowser()
        split.addWidget(self.preview)
        split.setSizes([620, 520])
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        self.body.addWidget(self.message)
        self.locked = QLabel()  # why the document cannot be edited here, when it cannot
        self.locked.setWordWrap(True)
        self.locked.setStyleSheet("background: #eef3f8; color: #1f3b57; padding: 6px;")
        self.locked.hide()
        self.body.addWidget(self.locked)
        start = self.body.count()
        self._identity()
        self._fungsi()
        self._table()
        self._signatory()
        self.document_boxes = [self.body.itemAt(i).widget()
                               for i in range(start, self.body.count())]
        self._decisions()  # the office's own settings: editable whatever the document
        self.body.addStretch(1)
        # the form is never cut at its side: the splitter gives it the width it needs
        # and the preview the rest (a small laptop screen)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(body.minimumSizeHint().width() + 2 * scroll.frameWidth()
                               + scroll.verticalScrollBar().sizeHint().width())

    # ------------------------------------------------------------------ helpers
    def _push(self, prepare: Callable[[], object]) -> bool:
        if self._loading:
            return False
        try:
            change = prepare()
        except EditError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        if change is not None:
            self.push(change)
        return True

    def _line(self, field: str, label: str) -> QLineEdit:
        w = QLineEdit()
        w.editingFinished.connect(lambda: self._push(
            lambda: de.set_dokumen_field(field, w.text(), f"Ubah {label.lower()}")))
        return w

    def _spin(self, field: str, label: str, lo: int, hi: int) -> QSpinBox:
        w = QSpinBox()
        w.setRange(lo, hi)
        w.editingFinished.connect(lambda: self._push(
            lambda: de.set_dokumen_field(field, str(w.value()) if w.value() else "",
                                         f"Ubah {label.lower()}")))
        return w

    # ------------------------------------------------------------------ sections
    def _identity(self) -> None:
        box = QGroupBox("1–2. Unit organisasi dan tugas")
        form = QFormLayout(box)
        self.judul = self._line("judul", "Judul")
        self.unit = self._line("unit_organisasi", "Nama unit organisasi")
        self.tugas = _PlainEdit()
        self.tugas.setMaximumHeight(90)
        self.tugas.left.connect(lambda: self._push(lambda: de.set_dokumen_field(
            "tugas", self.tugas.toPlainText(), "Ubah tugas")
            if self.tugas.toPlainText() != self.doc.tugas else None))
        self.tahun_awal = self._spin("tahun_awal", "Tahun awal periode", 2000, 2100)
        self.tahun_akhir = self._spin("tahun_akhir", "Tahun akhir periode", 2000, 2100)
        period = QHBoxLayout()
        period.addWidget(self.tahun_awal)
        period.addWidget(QLabel("s.d."))
        period.addWidget(self.tahun_akhir)
        form.addRow("Judul", self.judul)
        form.addRow("Nama unit organisasi", self.unit)
        form.addRow("Tugas", self.tugas)
        form.addRow("Periode Renstra", period)
        self.body.addWidget(box)

    def _buttons(self, *specs) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in specs:
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        return row

    def _fungsi(self) -> None:
        box = QGroupBox("3. Fungsi")
        lay = QVBoxLayout(box)
        self.fungsi = QListWidget()
        self.fungsi.setMaximumHeight(130)
        self.fungsi.itemChanged.connect(lambda item: self._push(
            lambda: de.edit_text("fungsi", item.data(Qt.UserRole), item.text())))
        lay.addWidget(self.fungsi)
        lay.addLayout(self._buttons(
            ("Tambah", lambda: self._push(lambda: de.add_fungsi("Fungsi baru"))),
            ("Hapus", lambda: self._on_fungsi(lambda i: de.remove("fungsi", i))),
            ("Naik", lambda: self._on_fungsi(lambda i: de.move("fungsi", i, -1))),
            ("Turun", lambda: self._on_fungsi(lambda i: de.move("fungsi", i, +1)))))
        self.body.addWidget(box)

    def _on_fungsi(self, op) -> None:
        item = self.fungsi.currentItem()
        if item is None:
            self.message.setText("Pilih fungsi dahulu")
            return
        self._push(lambda: op(item.data(Qt.UserRole)))

    def _table(self) -> None:
        box = QGroupBox("4. Sasaran strategis dan indikator kinerja utama")
        lay = QVBoxLayout(box)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Sasaran / indikator"])
        self.tree.setMinimumHeight(170)
        self.tree.itemChanged.connect(self._tree_edited)
        self.tree.currentItemChanged.connect(lambda *_: self._show_indikator())
        lay.addWidget(self.tree)
        lay.addLayout(self._buttons(
            ("Tambah sasaran", lambda: self._push(lambda: de.add_sasaran("Sasaran baru"))),
            ("Tambah indikator", self._add_indikator),
            ("Hapus", self._remove_selected),
            ("Naik", lambda: self._move_selected(-1)), ("Turun", lambda: self._move_selected(+1))))
        self.ind_box = QGroupBox("Indikator terpilih")
        form = QFormLayout(self.ind_box)
        self.ind_nama = QLineEdit()
        self.ind_satuan = QLineEdit()
        self.ind_sumber = QLineEdit()
        self.ind_pj = QLineEdit()
        for w, field in ((self.ind_nama, "nama"), (self.ind_satuan, "satuan"),
                         (self.ind_sumber, "sumber_data"), (self.ind_pj, "penanggung_jawab")):
            w.editingFinished.connect(lambda w=w, f=field: self._ind_field(f, w.text()))
        self.ind_metode = QComboBox()
        for method in registry.methods():
            self.ind_metode.addItem(method.label, method.name)
        self.ind_polaritas = QComboBox()
        for p in Polaritas:
            self.ind_polaritas.addItem(p.label, p.value)
        self.ind_rumus = QComboBox()
        for r in RumusTurun:
            self.ind_rumus.addItem(r.label, r.value)
        for w, field in ((self.ind_metode, "metode"), (self.ind_polaritas, "polaritas"),
                         (self.ind_rumus, "rumus_turun")):
            w.activated.connect(lambda _=0, w=w, f=field: self._ind_field(f, w.currentData()))
        from .formulasi_editor import FormulasiEditor

        self.ind_formulasi = FormulasiEditor()
        self.ind_formulasi.setMinimumHeight(170)
        self.ind_formulasi.committed.connect(lambda html: self._ind_field("formulasi", html))
        form.addRow("Nama", self.ind_nama)
        form.addRow("Satuan", self.ind_satuan)
        form.addRow("Cara memperoleh realisasi", self.ind_metode)
        form.addRow("Polaritas", self.ind_polaritas)
        form.addRow("Rumus capaian bila turun", self.ind_rumus)
        form.addRow("Sumber data", self.ind_sumber)
        form.addRow("Penanggung jawab", self.ind_pj)
        form.addRow("Formulasi data", self.ind_formulasi)
        form.addRow("", QLabel("Target per tahun diisi pada tab sasarannya."))
        self.ind_box.setEnabled(False)
        lay.addWidget(self.ind_box)
        self.body.addWidget(box)

    def _signatory(self) -> None:
        box = QGroupBox("Tempat, tanggal dan penandatangan")
        form = QFormLayout(box)
        self.tempat = self._line("tempat", "Tempat")
        self.hari = self._spin("tanggal_hari", "Tanggal", 0, 31)
        self.hari.setSpecialValueText("(tanpa tanggal)")
        self.bulan = QComboBox()
        self.bulan.addItems(BULAN)
        self.bulan.activated.connect(lambda i: self._push(
            lambda: de.set_dokumen_field("tanggal_bulan", str(i + 1), "Ubah bulan")))
        self.tahun = self._spin("tanggal_tahun", "Tahun", 2000, 2100)
        date_row = QHBoxLayout()
        for w in (self.hari, self.bulan, self.tahun):
            date_row.addWidget(w)
        self.jabatan = _PlainEdit()
        self.jabatan.setMaximumHeight(60)
        self.jabatan.left.connect(lambda: self._push(lambda: de.set_dokumen_field(
            "jabatan_penandatangan", self.jabatan.toPlainText(), "Ubah jabatan")
            if self.jabatan.toPlainText() != self.doc.penandatangan.jabatan else None))
        self.nama = self._line("nama_penandatangan", "Nama penandatangan")
        self.pangkat = QComboBox()
        for gol, name in PANGKAT:
            self.pangkat.addItem(f"{name} ({gol})", name)
        self.pangkat.activated.connect(lambda _: self._push(lambda: de.set_dokumen_field(
            "pangkat_penandatangan", self.pangkat.currentData(), "Ubah pangkat")))
        self.nip = QLineEdit()
        self.nip.setPlaceholderText("18 digit, mis. 19630421 198503 1 008")
        self.nip.textChanged.connect(self._check_nip)
        self.nip.editingFinished.connect(self._commit_nip)
        self.nip_message = QLabel()
        form.addRow("Tempat", self.tempat)
        form.addRow("Tanggal", date_row)
        form.addRow("Jabatan", self.jabatan)
        form.addRow("Nama (dengan gelar)", self.nama)
        form.addRow("Pangkat", self.pangkat)
        form.addRow("NIP", self.nip)
        form.addRow("", self.nip_message)
        self.body.addWidget(box)

    def _decisions(self) -> None:
        box = QGroupBox("Keputusan perhitungan kantor — disimpan di basis data")
        lay = QVBoxLayout(box)
        self.decisions: dict[str, QCheckBox] = {}
        for key in ("koperasi_hanya_aktif", "usaha_hanya_skala_kecil"):
            label, help_text = setting_edit.describe(key)
            cb = QCheckBox(label)
            cb.setToolTip(help_text)
            cb.toggled.connect(lambda on, k=key: self._push(lambda: setting_edit.prepare(k, on)))
            lay.addWidget(cb)
            hint = QLabel(help_text)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #555; font-size: 9pt;")
            lay.addWidget(hint)
            self.decisions[key] = cb
        self.body.addWidget(box)

    # ------------------------------------------------------------------ NIP, live
    def _check_nip(self, text: str) -> bool:
        try:
            validate_nip(text)
        except IdentifierError as exc:
            self.nip.setStyleSheet("border: 1px solid #c0392b;")
            self.nip_message.setStyleSheet("color: #c0392b;")
            self.nip_message.setText(str(exc))
            return False
        self.nip.setStyleSheet("")
        self.nip_message.setStyleSheet("color: #1b7f3b;")
        self.nip_message.setText("NIP valid: " + format_nip(text))
        return True

    def _commit_nip(self) -> None:
        if self._check_nip(self.nip.text()):
            self._push(lambda: de.set_dokumen_field("nip_penandatangan", self.nip.text(),
                                                    "Ubah NIP"))

    # ------------------------------------------------------------------ tree
    def _selected(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, Qt.UserRole)

    def _tree_edited(self, item: QTreeWidgetItem, _col: int) -> None:
        kind, row_id = item.data(0, Qt.UserRole)
        text = item.text(0).split(". ", 1)[-1]
        if kind == "sasaran":
            self._push(lambda: de.edit_text("sasaran", row_id, text))
        else:
            self._ind_field("nama", text.split(" ( satuan")[0])

    def _add_indikator(self) -> None:
        sel = self._selected()
        if sel is None:
            self.message.setText("Pilih sasaran tempat indikator ditambahkan")
            return
        kind, row_id = sel
        sasaran_id = row_id if kind == "sasaran" else next(
            s.id for s in self.doc.sasaran for i in s.indikator if i.id == row_id)
        self._push(lambda: de.add_indikator(sasaran_id, "Indikator baru"))

    def _remove_selected(self) -> None:
        sel = self._selected()
        if sel is None:
            return
        kind, row_id = sel
        what = "sasaran beserta indikatornya" if kind == "sasaran" else "indikator"
        if QMessageBox.question(self, "Konfirmasi", f"Hapus {what} dari dokumen?") == \
                QMessageBox.Yes:
            self._push(lambda: de.remove(kind, row_id))

    def _move_selected(self, step: int) -> None:
        sel = self._selected()
        if sel is not None:
            self._push(lambda: de.move(sel[0], sel[1], step))

    def _ind_field(self, field: str, value) -> None:
        sel = self._selected()
        if sel is None or sel[0] != "indikator":
            return
        current = next((i for i in self.doc.semua_indikator if i.id == sel[1]), None)
        if current is not None and field != "formulasi" and getattr(current, field) in (
                value, getattr(value, "value", None)):
            return
        self._push(lambda: de.set_indikator_field(sel[1], field, value))

    def _show_indikator(self) -> None:
        sel = self._selected()
        ind = None if sel is None or sel[0] != "indikator" else next(
            (i for i in self.doc.semua_indikator if i.id == sel[1]), None)
        self.ind_box.setEnabled(ind is not None)
        if ind is None:
            return
        self._loading = True
        try:
            self.ind_nama.setText(ind.nama)
            self.ind_satuan.setText(ind.satuan)
            self.ind_sumber.setText(ind.sumber_data)
            self.ind_pj.setText(ind.penanggung_jawab)
            self.ind_metode.setCurrentIndex(self.ind_metode.findData(ind.metode))
            self.ind_polaritas.setCurrentIndex(self.ind_polaritas.findData(ind.polaritas.value))
            self.ind_rumus.setCurrentIndex(self.ind_rumus.findData(ind.rumus_turun.value))
            self.ind_formulasi.set_html(ind.formulasi)
        finally:
            self._loading = False

    # ------------------------------------------------------------------ load
    def load(self, doc: DokumenIku) -> None:
        """Show ``doc`` (after any change), keeping the selection."""
        self.doc = doc
        try:
            ownership.check_document()
            why = None
        except EditError as exc:  # tetapkan, a district office, or a read-only database
            why = str(exc)
        self.locked.setText(why or "")
        self.locked.setVisible(why is not None)
        for box in self.document_boxes:
            box.setEnabled(why is None)
        sel = self._selected()
        self._loading = True
        try:
            self.judul.setText(doc.judul)
            self.unit.setText(doc.unit_organisasi)
            if self.tugas.toPlainText() != doc.tugas:
                self.tugas.setPlainText(doc.tugas)
            self.tahun_awal.setValue(doc.tahun_awal)
            self.tahun_akhir.setValue(doc.tahun_akhir)
            self.fungsi.blockSignals(True)
            self.fungsi.clear()
            for n, (fungsi_id, teks) in enumerate(document_view.fungsi_rows(doc.id)):
                item = QListWidgetItem(teks)
                item.setData(Qt.UserRole, fungsi_id)
                item.setFlags(item.flags() | Qt.ItemIsEditable)
                item.setToolTip(DokumenIku.fungsi_huruf(n))
                self.fungsi.addItem(item)
            self.fungsi.blockSignals(False)
            self.tree.blockSignals(True)
            self.tree.clear()
            current = None
            for s in doc.sasaran:
                top = QTreeWidgetItem([f"{s.nomor}. {s.teks}"])
                top.setData(0, Qt.UserRole, ("sasaran", s.id))
                top.setFlags(top.flags() | Qt.ItemIsEditable)
                self.tree.addTopLevelItem(top)
                if sel == ("sasaran", s.id):
                    current = top
                for i in s.indikator:
                    child = QTreeWidgetItem([f"{i.nomor}. {i.judul}"])
                    child.setData(0, Qt.UserRole, ("indikator", i.id))
                    child.setFlags(child.flags() | Qt.ItemIsEditable)
                    top.addChild(child)
                    if sel == ("indikator", i.id):
                        current = child
            self.tree.expandAll()
            self.tree.blockSignals(False)
            if current is not None:
                self.tree.setCurrentItem(current)
            self.tempat.setText(doc.tempat)
            self.hari.setValue(doc.tanggal_hari or 0)
            self.bulan.setCurrentIndex(doc.tanggal_bulan - 1)
            self.tahun.setValue(doc.tanggal_tahun)
            if self.jabatan.toPlainText() != doc.penandatangan.jabatan:
                self.jabatan.setPlainText(doc.penandatangan.jabatan)
            self.nama.setText(doc.penandatangan.nama)
            self.pangkat.setCurrentIndex(self.pangkat.findData(doc.penandatangan.pangkat))
            self.nip.setText(format_nip(doc.penandatangan.nip))
            for key, cb in self.decisions.items():
                cb.setChecked(bool(setting_edit.current(key)))
        finally:
            self._loading = False
        self._show_indikator()
        self.preview.setHtml(document_html(doc))
