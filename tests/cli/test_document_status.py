"""``iku document status`` on a database without a document in force (a district office
before the province's package arrives): a message, not a traceback."""

from iku_desktop.cli import main
from iku_desktop.store.database import open_database


def test_document_status_without_an_active_document(db_path, capsys):
    db = open_database(db_path)
    db.execute_sql("UPDATE dokumen SET aktif = 0")
    db.close()
    assert main(["--db", str(db_path), "document", "status"]) == 0
    out = capsys.readouterr()
    assert "Tidak ada dokumen IKU aktif" in out.out and "Traceback" not in out.err


def test_document_status_with_the_default_document(db_path, capsys):
    assert main(["--db", str(db_path), "document", "status"]) == 0
    assert "Dokumen IKU revisi 1: belum ditetapkan" in capsys.readouterr().out
