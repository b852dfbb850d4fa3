"""The IKU mark on the file, and the print archive under the audit log.

- ``PRAGMA application_id`` marks the file as an IKU Desktop database (``user_version``
  carries the schema version): a SQLite file of another application is refused at open
  instead of receiving our tables.
- ``cetakan`` (the archive behind every verification code) gets the audit triggers: an
  archived printout edited, added or removed with another tool shows in ``iku audit
  --verify`` and is no longer verified as genuine. The printouts archived before this
  version get their ``tambah`` row now, sealed, so that they can be checked the same way.
"""

from .. import audit
from ..dbfile import APPLICATION_ID

VERSION = 9
NAME = "file mark and audited print archive"

SOURCE = "Pembaruan skema 9: arsip cetakan yang sudah ada"


def up(conn) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    audit.install_triggers(conn, ["cetakan"])
    columns = audit.audited_columns(conn, "cetakan")
    values = ", ".join(f"'{c}', {c}" for c in columns)
    conn.execute(
        "INSERT INTO audit (at, pengguna, sumber, tabel, row_uuid, aksi, perubahan) "
        f"SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, 'cetakan', uuid, 'tambah', "
        f"json_object({values}) FROM cetakan ORDER BY id", (audit.os_user(), SOURCE))
    audit.seal(conn)
