"""Summary tables that make the yearly counts instant, kept exact by SQLite triggers.

A count over 200.000 usaha kecil or 50.000 koperasi × 2 tahun buku rows costs hundreds of
milliseconds even on covering indexes. The rules only compare dates with 1 January and
31 December of the year, so counting by *year* is exact: each summary row counts records
that share their group and their relevant years. Triggers keep the summaries in step with
every insert, update and delete, in the same transaction. ``rebuild`` recomputes them from
the base tables (on install, and to repair); ``verify`` compares (a test does too).

Derived data only: dropping and rebuilding the summaries never loses information.

- ``agg_usaha_kecil``: IKU 2, per kabupaten, sektor, year recorded, year closed (9999 =
  open), year of the first dated NIB/IUMK (9999 = none), undated-licence flag, size class.
- ``agg_koperasi_scope``: IKU 1 denominator, per kabupaten, jenis, status, year of badan
  hukum, year dissolved (9999 = not dissolved).
- ``koperasi_flag``: per koperasi and year Y that has a tahun buku row for Y: whether it
  also has one for Y−1 (lengkap) and whether it *meningkat* in Y (domain.koperasi.classify).
- ``agg_koperasi_year``: ``koperasi_flag`` counted per year and the scope group: rows of Y
  (dilaporkan — none means the year is not reported yet), lengkap, meningkat.
- ``agg_ikm``: IKU 4, per survey and jenis layanan: responses, Σ and count of each unsur.
"""

from __future__ import annotations

from contextlib import contextmanager

from . import audit

from ..domain.usaha_kecil import MODAL_BATAS, PENJUALAN_BATAS, Skala

NONE_YEAR = 9999
UNSUR = [f"u{i}" for i in range(1, 10)]


def _year(expr: str) -> str:
    return f"CAST(substr({expr}, 1, 4) AS INTEGER)"


def _year_or_none(expr: str) -> str:
    return f"COALESCE({_year(expr)}, {NONE_YEAR})"


# ---------------------------------------------------------------- IKU 2: usaha kecil
USAHA_KEY = ("kabupaten_id", "sektor", "terdata_year", "tutup_year", "izin_year",
             "izin_tanpa_tanggal", "skala")


def _bounds_case(column: str, bounds) -> str:
    whens = " ".join(f"WHEN {column} <= {upper} THEN '{skala.value}'" for upper, skala in bounds)
    return f"CASE {whens} ELSE '{Skala.BESAR.value}' END"


def _skala(r: str) -> str:
    """SQL form of ``domain.usaha_kecil.classify_skala`` (PP 7/2021 pasal 35): the operator's
    class, else by modal usaha, else by hasil penjualan, else '' (unknown). The bounds come
    from the domain's constants."""
    return (f"CASE WHEN {r}.skala_penetapan IS NOT NULL THEN {r}.skala_penetapan "
            f"WHEN {r}.modal_usaha IS NOT NULL THEN {_bounds_case(f'{r}.modal_usaha', MODAL_BATAS)} "
            f"WHEN {r}.hasil_penjualan IS NOT NULL THEN "
            f"{_bounds_case(f'{r}.hasil_penjualan', PENJUALAN_BATAS)} ELSE '' END")


def _usaha_values(r: str) -> list[str]:
    return [
        f"{r}.kabupaten_id", f"{r}.sektor", _year(f"{r}.tanggal_terdata"),
        _year_or_none(f"{r}.tanggal_tutup"),
        f"MIN({_year_or_none(f'{r}.tanggal_nib')}, {_year_or_none(f'{r}.tanggal_iumk')})",
        f"(({r}.nib IS NOT NULL AND {r}.tanggal_nib IS NULL) OR "
        f"({r}.nomor_iumk IS NOT NULL AND {r}.tanggal_iumk IS NULL))",
        _skala(r),
    ]


def _count_add(table: str, key: tuple[str, ...], values: list[str], r: str) -> str:
    """Count row ``r`` (NEW/OLD) into its group of a summary with a plain count ``n``."""
    return (f"INSERT INTO {table} ({', '.join(key)}, n) "
            f"SELECT {', '.join(values)}, 1 WHERE {r}.deleted = 0 "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET n = n + 1;")


def _count_sub(table: str, key: tuple[str, ...], values: list[str], r: str) -> str:
    cond = " AND ".join(f"{k} = {v}" for k, v in zip(key, values))
    return f"UPDATE {table} SET n = n - 1 WHERE {r}.deleted = 0 AND {cond};"


def _usaha_add(r: str) -> str:
    return _count_add("agg_usaha_kecil", USAHA_KEY, _usaha_values(r), r)


def _usaha_sub(r: str) -> str:
    return _count_sub("agg_usaha_kecil", USAHA_KEY, _usaha_values(r), r)


USAHA_COLUMNS = "kabupaten_id, sektor, tanggal_terdata, tanggal_tutup, nib, tanggal_nib, " \
                "nomor_iumk, tanggal_iumk, modal_usaha, hasil_penjualan, skala_penetapan, deleted"

# ---------------------------------------------------------------- IKU 1: koperasi
SCOPE_KEY = ("kabupaten_id", "jenis", "status", "bh_year", "bubar_year")


def _scope_values(r: str) -> list[str]:
    return [f"{r}.kabupaten_id", f"{r}.jenis", f"{r}.status", _year(f"{r}.tanggal_badan_hukum"),
            _year_or_none(f"{r}.tanggal_bubar")]


def _scope_add(r: str) -> str:
    return _count_add("agg_koperasi_scope", SCOPE_KEY, _scope_values(r), r)


def _scope_sub(r: str) -> str:
    return _count_sub("agg_koperasi_scope", SCOPE_KEY, _scope_values(r), r)


YEAR_KEY = ("tahun",) + SCOPE_KEY
JOIN_K = " JOIN koperasi AS k ON k.id = f.koperasi_id"


def _year_sub(group: list[str], join: str, where: str) -> str:
    """Take flags (f) out of agg_koperasi_year under the scope group ``group``."""
    # (no alias for the target: SQLite refuses "UPDATE t AS a" inside a trigger)
    t = "agg_koperasi_year"
    cond = " AND ".join(f"{t}.{k} = {v}" for k, v in zip(SCOPE_KEY, group))
    return (f"UPDATE {t} SET dilaporkan = {t}.dilaporkan - 1, lengkap = {t}.lengkap - f.lengkap, "
            f"meningkat = {t}.meningkat - f.meningkat FROM koperasi_flag AS f{join} "
            f"WHERE {where} AND {t}.tahun = f.tahun AND {cond};")


def _year_add(group: list[str], join: str, where: str) -> str:
    return (f"INSERT INTO agg_koperasi_year ({', '.join(YEAR_KEY)}, dilaporkan, lengkap, "
            f"meningkat) SELECT f.tahun, {', '.join(group)}, 1, f.lengkap, f.meningkat "
            f"FROM koperasi_flag AS f{join} WHERE {where} ON CONFLICT ({', '.join(YEAR_KEY)}) "
            "DO UPDATE SET dilaporkan = dilaporkan + 1, lengkap = lengkap + excluded.lengkap, "
            "meningkat = meningkat + excluded.meningkat;")


MENINGKAT = ("(p.koperasi_id IS NOT NULL AND c.tanggal_rat IS NOT NULL AND c.rat_sah = 1 "
             "AND c.volume_usaha > p.volume_usaha AND c.aset > p.aset)")
FLAG_SELECT = (
    "SELECT c.koperasi_id, c.tahun, p.koperasi_id IS NOT NULL, " + MENINGKAT +
    " FROM koperasi_tahun_buku AS c "
    "LEFT JOIN koperasi_tahun_buku AS p ON p.koperasi_id = c.koperasi_id "
    "AND p.tahun = c.tahun - 1 AND p.deleted = 0 WHERE c.deleted = 0"
)


def _refresh_flags(k: str, t: str) -> list[str]:
    """Recompute the flags of koperasi ``k`` for years t and t+1: a tahun buku row of year t
    is the current row of t and the previous row of t+1."""
    where = f"f.koperasi_id = {k} AND f.tahun IN ({t}, {t} + 1) AND k.deleted = 0"
    group = _scope_values("k")
    return [
        _year_sub(group, JOIN_K, where),
        f"DELETE FROM koperasi_flag WHERE koperasi_id = {k} AND tahun IN ({t}, {t} + 1);",
        f"INSERT INTO koperasi_flag (koperasi_id, tahun, lengkap, meningkat) {FLAG_SELECT} "
        f"AND c.koperasi_id = {k} AND c.tahun IN ({t}, {t} + 1);",
        _year_add(group, JOIN_K, where),
    ]


KOPERASI_COLUMNS = "kabupaten_id, jenis, status, tanggal_badan_hukum, tanggal_bubar, deleted"
TAHUN_BUKU_COLUMNS = ("koperasi_id, tahun, tanggal_rat, rat_sah, volume_usaha, aset, deleted")

# ---------------------------------------------------------------- IKU 4: IKM
IKM_KEY = ("survei_id", "jenis_layanan")
IKM_VALUES = ["n"] + [f"s_{u}" for u in UNSUR] + [f"c_{u}" for u in UNSUR]


def _ikm_change(r: str, sign: str) -> str:
    values = ["1"] + [f"COALESCE({r}.{u}, 0)" for u in UNSUR] + \
             [f"({r}.{u} IS NOT NULL)" for u in UNSUR]
    if sign == "+":
        return (f"INSERT INTO agg_ikm ({', '.join(IKM_KEY)}, {', '.join(IKM_VALUES)}) "
                f"SELECT {r}.survei_id, {r}.jenis_layanan, {', '.join(values)} "
                f"WHERE {r}.deleted = 0 ON CONFLICT ({', '.join(IKM_KEY)}) DO UPDATE SET "
                + ", ".join(f"{c} = {c} + excluded.{c}" for c in IKM_VALUES) + ";")
    return ("UPDATE agg_ikm SET "
            + ", ".join(f"{c} = {c} - {v}" for c, v in zip(IKM_VALUES, values))
            + f" WHERE {r}.deleted = 0 AND survei_id = {r}.survei_id "
              f"AND jenis_layanan = {r}.jenis_layanan;")


IKM_COLUMNS = "survei_id, jenis_layanan, deleted, " + ", ".join(UNSUR)

# ---------------------------------------------------------------- install / rebuild
TABLES = {
    "agg_usaha_kecil": f"""CREATE TABLE agg_usaha_kecil (
        kabupaten_id INTEGER NOT NULL, sektor TEXT NOT NULL, terdata_year INTEGER NOT NULL,
        tutup_year INTEGER NOT NULL, izin_year INTEGER NOT NULL,
        izin_tanpa_tanggal INTEGER NOT NULL, skala TEXT NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY ({', '.join(USAHA_KEY)})) WITHOUT ROWID""",
    "agg_koperasi_scope": f"""CREATE TABLE agg_koperasi_scope (
        kabupaten_id INTEGER NOT NULL, jenis TEXT NOT NULL, status TEXT NOT NULL,
        bh_year INTEGER NOT NULL, bubar_year INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY ({', '.join(SCOPE_KEY)})) WITHOUT ROWID""",
    "koperasi_flag": """CREATE TABLE koperasi_flag (
        koperasi_id INTEGER NOT NULL, tahun INTEGER NOT NULL, lengkap INTEGER NOT NULL,
        meningkat INTEGER NOT NULL, PRIMARY KEY (koperasi_id, tahun)) WITHOUT ROWID""",
    "agg_koperasi_year": f"""CREATE TABLE agg_koperasi_year (
        tahun INTEGER NOT NULL, kabupaten_id INTEGER NOT NULL, jenis TEXT NOT NULL,
        status TEXT NOT NULL, bh_year INTEGER NOT NULL, bubar_year INTEGER NOT NULL,
        dilaporkan INTEGER NOT NULL, lengkap INTEGER NOT NULL, meningkat INTEGER NOT NULL,
        PRIMARY KEY ({', '.join(YEAR_KEY)})) WITHOUT ROWID""",
    "agg_ikm": f"""CREATE TABLE agg_ikm (
        survei_id INTEGER NOT NULL, jenis_layanan TEXT NOT NULL,
        {', '.join(f'{c} INTEGER NOT NULL' for c in IKM_VALUES)},
        PRIMARY KEY ({', '.join(IKM_KEY)})) WITHOUT ROWID""",
}


def _trigger(name: str, event: str, table: str, body: list[str]) -> str:
    return f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN\n  " + "\n  ".join(body) + "\nEND"


TRIGGERS = {
    "agg_usaha_kecil_ins": _trigger("agg_usaha_kecil_ins", "INSERT", "usaha_kecil",
                                    [_usaha_add("NEW")]),
    "agg_usaha_kecil_del": _trigger("agg_usaha_kecil_del", "DELETE", "usaha_kecil",
                                    [_usaha_sub("OLD")]),
    "agg_usaha_kecil_upd": _trigger("agg_usaha_kecil_upd", f"UPDATE OF {USAHA_COLUMNS}",
                                    "usaha_kecil", [_usaha_sub("OLD"), _usaha_add("NEW")]),
    "agg_koperasi_ins": _trigger("agg_koperasi_ins", "INSERT", "koperasi",
                                 [_scope_add("NEW"),
                                  _year_add(_scope_values("NEW"), "",
                                            "f.koperasi_id = NEW.id AND NEW.deleted = 0")]),
    "agg_koperasi_del": _trigger("agg_koperasi_del", "DELETE", "koperasi",
                                 [_scope_sub("OLD"),
                                  _year_sub(_scope_values("OLD"), "",
                                            "f.koperasi_id = OLD.id AND OLD.deleted = 0"),
                                  "DELETE FROM koperasi_flag WHERE koperasi_id = OLD.id;"]),
    "agg_koperasi_upd": _trigger("agg_koperasi_upd", f"UPDATE OF {KOPERASI_COLUMNS}", "koperasi",
                                 [_scope_sub("OLD"),
                                  _year_sub(_scope_values("OLD"), "",
                                            "f.koperasi_id = OLD.id AND OLD.deleted = 0"),
                                  _scope_add("NEW"),
                                  _year_add(_scope_values("NEW"), "",
                                            "f.koperasi_id = NEW.id AND NEW.deleted = 0")]),
    "agg_tahun_buku_ins": _trigger("agg_tahun_buku_ins", "INSERT", "koperasi_tahun_buku",
                                   _refresh_flags("NEW.koperasi_id", "NEW.tahun")),
    "agg_tahun_buku_del": _trigger("agg_tahun_buku_del", "DELETE", "koperasi_tahun_buku",
                                   _refresh_flags("OLD.koperasi_id", "OLD.tahun")),
    "agg_tahun_buku_upd": _trigger("agg_tahun_buku_upd", f"UPDATE OF {TAHUN_BUKU_COLUMNS}",
                                   "koperasi_tahun_buku",
                                   _refresh_flags("OLD.koperasi_id", "OLD.tahun")
                                   + _refresh_flags("NEW.koperasi_id", "NEW.tahun")),
    "agg_ikm_ins": _trigger("agg_ikm_ins", "INSERT", "ikm_respon", [_ikm_change("NEW", "+")]),
    "agg_ikm_del": _trigger("agg_ikm_del", "DELETE", "ikm_respon", [_ikm_change("OLD", "-")]),
    "agg_ikm_upd": _trigger("agg_ikm_upd", f"UPDATE OF {IKM_COLUMNS}", "ikm_respon",
                            [_ikm_change("OLD", "-"), _ikm_change("NEW", "+")]),
}

REBUILD = [
    "DELETE FROM agg_usaha_kecil",
    # one upsert per row into the (small) summary beats sorting every row for a GROUP BY
    f"INSERT INTO agg_usaha_kecil ({', '.join(USAHA_KEY)}, n) SELECT "
    f"{', '.join(_usaha_values('u'))}, 1 FROM usaha_kecil AS u WHERE u.deleted = 0 "
    f"ON CONFLICT ({', '.join(USAHA_KEY)}) DO UPDATE SET n = n + 1",
    "DELETE FROM agg_koperasi_scope",
    f"INSERT INTO agg_koperasi_scope ({', '.join(SCOPE_KEY)}, n) SELECT "
    f"{', '.join(_scope_values('k'))}, COUNT(*) FROM koperasi AS k WHERE k.deleted = 0 "
    f"GROUP BY 1, 2, 3, 4, 5",
    "DELETE FROM koperasi_flag",
    f"INSERT INTO koperasi_flag (koperasi_id, tahun, lengkap, meningkat) {FLAG_SELECT}",
    "DELETE FROM agg_koperasi_year",
    f"INSERT INTO agg_koperasi_year ({', '.join(YEAR_KEY)}, dilaporkan, lengkap, meningkat) "
    f"SELECT f.tahun, {', '.join(_scope_values('k'))}, COUNT(*), SUM(f.lengkap), "
    f"SUM(f.meningkat) "
    f"FROM koperasi_flag AS f{JOIN_K} WHERE k.deleted = 0 GROUP BY 1, 2, 3, 4, 5, 6",
    "DELETE FROM agg_ikm",
    f"INSERT INTO agg_ikm ({', '.join(IKM_KEY)}, {', '.join(IKM_VALUES)}) "
    f"SELECT survei_id, jenis_layanan, COUNT(*), "
    + ", ".join(f"COALESCE(SUM({u}), 0)" for u in UNSUR) + ", "
    + ", ".join(f"COUNT({u})" for u in UNSUR)
    + " FROM ikm_respon WHERE deleted = 0 GROUP BY survei_id, jenis_layanan",
]


def install(conn) -> None:
    """(Re)create the summary tables and triggers and fill them from the base tables."""
    for name in TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {name}")
    for sql in TABLES.values():
        conn.execute(sql)
    for sql in TRIGGERS.values():
        conn.execute(sql)
    rebuild(conn)


def rebuild(conn) -> None:
    for sql in REBUILD:
        conn.execute(sql)


def snapshot(conn) -> dict[str, list]:
    """The summaries' contents without zero rows (for comparison)."""
    filters = {"agg_usaha_kecil": "n != 0", "agg_koperasi_scope": "n != 0",
               "koperasi_flag": "1",
               "agg_koperasi_year": "dilaporkan != 0 OR lengkap != 0 OR meningkat != 0",
               "agg_ikm": "n != 0"}
    return {t: sorted(conn.execute(f"SELECT * FROM {t} WHERE {w}").fetchall())
            for t, w in filters.items()}


def verify(conn) -> bool:
    """Whether the summaries equal a rebuild from the base tables (checked inside a
    savepoint that is rolled back, so nothing changes)."""
    before = snapshot(conn)
    conn.execute("SAVEPOINT verify_summaries")
    try:
        rebuild(conn)
        after = snapshot(conn)
    finally:
        conn.execute("ROLLBACK TO verify_summaries")
        conn.execute("RELEASE verify_summaries")
    return before == after


@contextmanager
def bulk_load(conn):
    """For loading many rows at once inside one transaction: the triggers are set aside and
    the summaries rebuilt once at the end (per-row triggers would cost more than the rows).
    Must run inside a transaction, so that a failure restores the triggers too."""
    if conn.in_transaction is False:
        raise RuntimeError("bulk_load needs an open transaction")
    for name in TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    # the audit's insert triggers too: the new rows are audited in one statement per table
    audit_ins = conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = "
                             "'trigger' AND name LIKE 'audit\\_%\\_ins' ESCAPE '\\' AND tbl_name != "
                             "'setting'").fetchall()
    since = {t: conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {t}").fetchone()[0]
             for _, t, _ in audit_ins}
    for name, _, _ in audit_ins:
        conn.execute(f"DROP TRIGGER {name}")
    yield
    for sql in TRIGGERS.values():
        conn.execute(sql)
    for _, table, sql in audit_ins:
        conn.execute(sql)
        conn.execute(audit.bulk_insert_sql(table, since[table]))
    rebuild(conn)
