"""Printouts with reportlab (no Qt): the IKU document, Laporan Capaian, the IKM report and
the calculation sheet. Each renders plain data prepared by ``services.printing`` into PDF
bytes; identical data gives byte-identical PDFs (reportlab's invariant mode)."""
