"""Verifikasi: is a printed code one of ours, and does today's data still match it?"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
)

from iku_desktop.services import printing


class VerifyDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verifikasi kode cetakan")
        self.resize(560, 200)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Ketik kode verifikasi yang tercetak di bagian bawah halaman:"))
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText("IKU-XXXXX-XXXXX")
        self.code.returnPressed.connect(self.check)
        row.addWidget(self.code)
        button = QPushButton("&Periksa")
        button.clicked.connect(self.check)
        row.addWidget(button)
        lay.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        lay.addWidget(self.result, 1)
        box = QDialogButtonBox(QDialogButtonBox.Close)
        box.rejected.connect(self.reject)
        lay.addWidget(box)

    def check(self) -> None:
        try:
            v = printing.verify(self.code.text())
        except ValueError as exc:
            self.result.setStyleSheet("color: #c0392b;")
            self.result.setText(str(exc))
            return
        ok = v.known and v.still_matches
        self.result.setStyleSheet("color: #1b7f3b;" if ok else "color: #c0392b;")
        self.result.setText(v.message)
