"""Dokumen IKU: the document as it will be printed (read-only view for now)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from iku_desktop.domain.dokumen import DokumenIku
from iku_desktop.domain.identifiers import format_nip


def document_html(doc: DokumenIku) -> str:
    e = html.escape
    parts = [f"<h2 align='center'>{e(doc.judul)}</h2>",
             f"<p><b>1. Nama Unit Organisasi :</b> {e(doc.unit_organisasi)}</p>",
             f"<p><b>2. Tugas :</b> {e(doc.tugas)}</p>", "<p><b>3. Fungsi :</b></p><table>"]
    parts += [f"<tr><td width='30'>{doc.fungsi_huruf(i)}</td><td>{e(f)}</td></tr>"
              for i, f in enumerate(doc.fungsi)]
    parts.append("</table><p><b>4. Indikator Kinerja Utama</b></p>")
    parts.append("<table border='1' cellspacing='0' cellpadding='6' width='100%'>"
                 "<tr><th>Sasaran Strategis</th><th>Indikator Kinerja Utama</th>"
                 "<th>Formulasi Data</th></tr>")
    for s in doc.sasaran:
        for n, ind in enumerate(s.indikator):
            parts.append("<tr>")
            if n == 0:
                parts.append(f"<td rowspan='{len(s.indikator)}' valign='top'>"
                             f"{s.nomor}. {e(s.teks)}</td>")
            parts.append(f"<td valign='top'>{ind.nomor}. {e(ind.judul)}</td>"
                         f"<td valign='top'>{ind.formulasi}</td></tr>")
    parts.append("</table>")
    sig = doc.penandatangan
    jabatan = "<br>".join(e(x) for x in sig.jabatan.splitlines())
    parts.append(f"<table width='100%'><tr><td width='55%'></td><td>"
                 f"<p>{e(doc.tempat_tanggal)}</p><p>{jabatan}</p><br><br><br>"
                 f"<p><b><u>{e(sig.nama)}</u></b><br>{e(sig.pangkat)}<br>"
                 f"NIP. {format_nip(sig.nip)}</p></td></tr></table>")
    return "".join(parts)


class DocumentTab(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.view = QTextBrowser()
        lay.addWidget(self.view)

    def show_document(self, doc: DokumenIku) -> None:
        self.view.setHtml(document_html(doc))
