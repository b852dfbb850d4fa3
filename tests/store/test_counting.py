"""The SQL counts against the pure rules of ``domain`` on the same random data,
including the boundaries the rule book names."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iku_desktop.domain import ikm
from iku_desktop.domain.koperasi import (
    JenisKoperasi, Koperasi, StatusKoperasi, TahunBuku, count_koperasi_berkualitas,
)
from iku_desktop.domain.usaha_kecil import (
    Skala, UsahaKecil, classify_skala, count_usaha_wirausaha,
)
from iku_desktop.domain.wilayah import KABUPATEN_KOTA
from iku_desktop.store import counting, summaries
from iku_desktop.store import models as m

YEAR = 2022
HYP = settings(max_examples=60, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture])

# dates concentrated on the boundaries of the year
boundary_dates = st.sampled_from([
    date(YEAR - 1, 12, 31), date(YEAR, 1, 1), date(YEAR, 6, 30), date(YEAR, 12, 31),
    date(YEAR + 1, 1, 1), date(YEAR - 5, 3, 3), date(YEAR + 2, 1, 1)])
money = st.sampled_from([0, 100, 101, 5_000_000, 5_000_001])
kab_codes = st.sampled_from([k.bps for k in KABUPATEN_KOTA[:4]])


@st.composite
def koperasi_register(draw):
    n = draw(st.integers(0, 25))
    koperasi, books, deleted = [], {}, set()
    for i in range(1, n + 1):
        status = draw(st.sampled_from(list(StatusKoperasi)))
        bubar = draw(boundary_dates) if status is StatusKoperasi.DIBUBARKAN else None
        k = Koperasi(i, draw(kab_codes), draw(st.sampled_from(list(JenisKoperasi))), status,
                     draw(boundary_dates), bubar)
        koperasi.append(k)
        if draw(st.integers(0, 9)) == 0:
            deleted.add(i)
        rows = {}
        for y in (YEAR - 1, YEAR):
            if draw(st.booleans()) or draw(st.booleans()):
                rat = draw(st.sampled_from([None, date(y + 1, 3, 1)]))
                rows[y] = TahunBuku(y, rat, draw(st.booleans()), draw(money), draw(money))
        books[i] = rows
    tombstoned_books = {i for i in books if draw(st.integers(0, 9)) == 0}
    return koperasi, books, deleted, tombstoned_books


def insert_koperasi_register(koperasi, books, deleted, tomb):
    """Rows as drawn; a tombstoned koperasi or tahun buku row must not count."""
    kab = {k.bps: k.id for k in m.Kabupaten.select()}
    for k in koperasi:
        m.Koperasi.create(id=k.id, nomor_badan_hukum=f"BH/{k.id}", nama=f"K{k.id}",
                          tanggal_badan_hukum=k.tanggal_badan_hukum,
                          kabupaten_id=kab[k.kabupaten_bps], jenis=k.jenis.value,
                          status=k.status.value, tanggal_bubar=k.tanggal_bubar,
                          deleted=k.id in deleted)
        for y, b in books[k.id].items():
            m.KoperasiTahunBuku.create(koperasi=k.id, tahun=y, tanggal_rat=b.tanggal_rat,
                                       rat_sah=b.rat_sah, volume_usaha=b.volume_usaha,
                                       aset=b.aset, deleted=(k.id in tomb and y == YEAR))


def koperasi_from_db():
    """The pure rule's inputs read back from the base tables (not the summaries)."""
    bps = {k.id: k.bps for k in m.Kabupaten.select()}
    kop = [Koperasi(k.id, bps[k.kabupaten_id], JenisKoperasi(k.jenis), StatusKoperasi(k.status),
                    k.tanggal_badan_hukum, k.tanggal_bubar) for k in m.Koperasi.live()]
    books = {}
    for t in m.KoperasiTahunBuku.live():
        books.setdefault(t.koperasi_id, {})[t.tahun] = TahunBuku(
            t.tahun, t.tanggal_rat, t.rat_sah, t.volume_usaha, t.aset)
    return kop, books


mutation = st.tuples(st.sampled_from(["kab", "status", "tomb_kop", "revive_kop", "book_value",
                                      "tomb_book", "delete_book", "move_book", "bh"]),
                     st.integers(0, 1000), st.integers(0, 1000))


def mutate_koperasi(op, a, b):
    kops = list(m.Koperasi.select().order_by(m.Koperasi.id))
    books = list(m.KoperasiTahunBuku.select().order_by(m.KoperasiTahunBuku.id))
    kab_ids = [k.id for k in m.Kabupaten.select()][:4]
    if op in ("kab", "status", "tomb_kop", "revive_kop", "bh") and kops:
        k = kops[a % len(kops)]
        if op == "kab":
            k.kabupaten_id = kab_ids[b % 4]
        elif op == "status":
            k.status = ["aktif", "tidak aktif", "dibubarkan"][b % 3]
            k.tanggal_bubar = date(YEAR - 1 + b % 3, 12 if b % 2 else 1, 31 if b % 2 else 1) \
                if k.status == "dibubarkan" else None
        elif op == "bh":
            k.tanggal_badan_hukum = [date(YEAR, 12, 31), date(YEAR + 1, 1, 1), date(2000, 1, 1)][b % 3]
        else:
            k.deleted = op == "tomb_kop"
        k.save()
    elif books:
        t = books[a % len(books)]
        if op == "book_value":
            t.volume_usaha, t.aset = b % 3 * 100, (b // 3) % 3 * 100
            t.tanggal_rat = None if b % 5 == 0 else date(t.tahun + 1, 3, 1)
            t.rat_sah = b % 7 != 0
            t.save()
        elif op == "tomb_book":
            t.deleted = not t.deleted
            t.save()
        elif op == "delete_book":
            t.delete_instance()
        elif op == "move_book":
            new_year = YEAR - 2 + b % 4
            if not m.KoperasiTahunBuku.select().where(
                    (m.KoperasiTahunBuku.koperasi == t.koperasi_id)
                    & (m.KoperasiTahunBuku.tahun == new_year)).exists():
                t.tahun = new_year
                t.save()


@HYP
@given(data=koperasi_register(), mutations=st.lists(mutation, max_size=12),
       hanya_aktif=st.booleans())
def test_koperasi_summaries_follow_every_edit(db, data, mutations, hanya_aktif):
    """Insert a register, edit it at random (every column the rule reads, tombstones, hard
    deletes, moving a tahun buku row), then the SQL count equals the pure rule on the base
    tables, for the year and its neighbours, and the summaries equal a rebuild."""
    with m.database.atomic() as txn:
        insert_koperasi_register(*data)
        for op in mutations:
            mutate_koperasi(*op)
        kop, live_books = koperasi_from_db()
        for year in (YEAR - 1, YEAR, YEAR + 1):
            assert counting.count_koperasi(year, hanya_aktif) == \
                count_koperasi_berkualitas(kop, live_books, year, hanya_aktif)
        assert summaries.verify(m.database.connection())
        txn.rollback()


@st.composite
def usaha_register(draw):
    out, deleted = [], set()
    for i in range(1, draw(st.integers(0, 30)) + 1):
        has_nib = draw(st.booleans())
        has_iumk = draw(st.booleans())
        nib_date = draw(st.one_of(st.none(), boundary_dates)) if has_nib else None
        iumk_date = draw(st.one_of(st.none(), boundary_dates)) if has_iumk else None
        terdata = draw(boundary_dates)
        modal = draw(st.sampled_from([None, 0, M, M + 1, 5 * M, 5 * M + 1, 10 * M, 10 * M + 1]))
        penjualan = draw(st.sampled_from([None, 2 * M, 2 * M + 1, 15 * M, 50 * M + 1]))
        tutup = draw(st.one_of(st.none(), boundary_dates))
        if tutup is not None and tutup < terdata:
            tutup = terdata + timedelta(days=1)
        out.append((UsahaKecil(i, draw(kab_codes), draw(st.sampled_from(["", "Kuliner", "Jasa"])),
                               terdata, tutup, nib_date, iumk_date,
                               punya_nib_tanpa_tanggal=(has_nib and nib_date is None)
                               or (has_iumk and iumk_date is None),
                               skala=classify_skala(modal, penjualan).skala),
                    has_nib, has_iumk, modal, penjualan))
        if draw(st.integers(0, 9)) == 0:
            deleted.add(i)
    return out, deleted


M = 1_000_000_000


def usaha_from_db():
    bps = {k.id: k.bps for k in m.Kabupaten.select()}
    return [UsahaKecil(u.id, bps[u.kabupaten_id], u.sektor, u.tanggal_terdata, u.tanggal_tutup,
                       u.tanggal_nib, u.tanggal_iumk,
                       (u.nib is not None and u.tanggal_nib is None)
                       or (u.nomor_iumk is not None and u.tanggal_iumk is None),
                       skala=classify_skala(
                           u.modal_usaha, u.hasil_penjualan,
                           Skala(u.skala_penetapan) if u.skala_penetapan else None,
                           u.skala_alasan).skala)
            for u in m.UsahaKecil.live().order_by(m.UsahaKecil.id)]


@HYP
@given(data=usaha_register(), hanya_kecil=st.booleans())
def test_usaha_sql_equals_pure_rule(db, data, hanya_kecil):
    """Including PP 7/2021 boundaries (modal exactly Rp 1 M, 5 M, 10 M; penjualan when modal
    is unknown) and NIB dated 1 January of Y+1; then every row edited."""
    rows, deleted = data
    kab = {k.bps: k.id for k in m.Kabupaten.select()}
    with m.database.atomic() as txn:
        for u, has_nib, has_iumk, modal, penjualan in rows:
            m.UsahaKecil.create(
                id=u.id, modal_usaha=modal, hasil_penjualan=penjualan,
                nama_usaha=f"U{u.id}", nama_pemilik="P", kabupaten_id=kab[u.kabupaten_bps],
                sektor=u.sektor, tanggal_terdata=u.tanggal_terdata, tanggal_tutup=u.tanggal_tutup,
                nib=f"{u.id:013d}" if has_nib else None, tanggal_nib=u.tanggal_nib,
                nomor_iumk=f"IUMK-{u.id}" if has_iumk else None, tanggal_iumk=u.tanggal_iumk,
                deleted=u.id in deleted)
        sql = counting.count_usaha(YEAR, hanya_kecil)
        pure = count_usaha_wirausaha([r[0] for r in rows if r[0].id not in deleted], YEAR,
                                     hanya_kecil)
        assert sql == pure
        assert usaha_from_db() == [r[0] for r in rows if r[0].id not in deleted]
        # edit every row the rule reads, then compare again on the base tables
        for n, u in enumerate(m.UsahaKecil.select()):
            if n % 4 == 0:
                u.tanggal_nib, u.nib = (None, None) if u.nib else (date(YEAR, 6, 1), f"{u.id:013d}")
            elif n % 4 == 1:
                u.deleted = not u.deleted
            elif n % 4 == 2:
                u.modal_usaha, u.skala_penetapan, u.skala_alasan = \
                    (5 * M + 1, None, None) if u.modal_usaha is None else (None, "kecil", "cek")
            else:
                u.tanggal_terdata, u.kabupaten_id = date(YEAR + 1, 1, 1), kab["1501"]
            u.save()
        now = usaha_from_db()
        for year in (YEAR - 1, YEAR, YEAR + 1):
            assert counting.count_usaha(year, hanya_kecil) == \
                count_usaha_wirausaha(now, year, hanya_kecil)
        assert summaries.verify(m.database.connection())
        txn.rollback()


answers = st.one_of(st.none(), st.integers(1, 4))


@HYP
@given(responses=st.lists(st.tuples(st.sampled_from([YEAR, YEAR + 1]),
                                    st.sampled_from(["A", "B"]),
                                    st.fixed_dictionaries({k: answers for k in ikm.KODE_UNSUR}),
                                    st.booleans()), max_size=30))
def test_ikm_sql_sums_equal_pure_aggregation(db, responses):
    with m.database.atomic() as txn:
        surveys = {y: m.IkmSurvei.create(nama=f"S{y}", tahun=y) for y in (YEAR, YEAR + 1)}
        for y, layanan, ans, deleted in responses:
            m.IkmRespon.create(survei=surveys[y], tanggal=date(y, 5, 1), jenis_layanan=layanan,
                               deleted=deleted, **{k.lower(): v for k, v in ans.items()})
        sql = counting.ikm_sums(YEAR)
        assert summaries.verify(m.database.connection())
        txn.rollback()
    for layanan in ("A", "B"):
        rows = [a for y, lay, a, d in responses if y == YEAR and lay == layanan and not d]
        got = [s for (sid, lay), s in sql.items() if lay == layanan]
        if not rows:
            assert not got
            continue
        assert got == [ikm.sum_responses(rows)]
    pooled = ikm.pool(sql.values())
    all_rows = [a for y, _, a, d in responses if y == YEAR and not d]
    assert pooled == ikm.sum_responses(all_rows)
