"""Peewee models: the latest schema. The tables are created by the numbered migrations in
``store.migrations`` (never by ``create_table``); a test checks that the two agree.

Rows that travel between offices (``SyncModel``) carry a UUID, ``updated_at``, the origin
office and a ``deleted`` flag (tombstone): they are never hard-deleted. Money is whole
rupiah in integer columns.
"""

from __future__ import annotations

from peewee import (
    BlobField,
    BooleanField,
    DatabaseProxy,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from .fields import ExactDecimalField, IsoDateField, new_uuid, utc_now

database = DatabaseProxy()


def current_office() -> str:
    """The code of the office the open database belongs to ("provinsi" or a BPS code): the
    origin written on new rows. Held by the database object itself (``iku_office``, set
    when it is opened and when its office changes), so a database opened after another
    never sees the other's office."""
    return getattr(database.obj, "iku_office", None) or "provinsi"


def set_current_office(code: str) -> None:
    """Hold ``code`` as the office of the open database (``services.office``)."""
    database.obj.iku_office = code


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class SyncModel(BaseModel):
    """Attributes:
    uuid: identity across offices (merge key of district packages).
    updated_at: last change, UTC ISO text.
    origin: office that created the row: "provinsi" or a BPS code ("1571").
    deleted: tombstone; a deleted row stays so the deletion can travel.
    sync_hash: content hash at the last exchange with another office.
    """

    uuid = TextField(unique=True, default=new_uuid)
    updated_at = TextField(default=utc_now)
    origin = TextField(default=current_office)
    deleted = BooleanField(default=False)
    # the row's content hash when it was last exchanged with another office (None: never);
    # content that differs from it is a change made here since (services.packages)
    sync_hash = TextField(null=True)
    # the column ``versi`` (the version a row was derived from, migration 12) is exchange
    # bookkeeping written only by the package services in SQL (services.package_order):
    # not a model field, so that copies and undo never carry or rewind it

    def save(self, *args, **kwargs):
        self.updated_at = utc_now()
        return super().save(*args, **kwargs)

    @classmethod
    def live(cls):
        """Rows that are not tombstones."""
        return cls.select().where(cls.deleted == False)  # noqa: E712


class Kabupaten(BaseModel):
    """Reference data: the kabupaten/kota of Provinsi Jambi with both codes."""

    nama = TextField(unique=True)
    bps = TextField(unique=True)
    kemendagri = TextField(unique=True)

    class Meta:
        table_name = "kabupaten"


class Office(BaseModel):
    """The office this database belongs to (one row)."""

    uuid = TextField(unique=True, default=new_uuid)
    kind = TextField(default="provinsi")  # "provinsi" | "kabupaten"
    kabupaten = ForeignKeyField(Kabupaten, null=True, column_name="kabupaten_id")
    nama = TextField()

    class Meta:
        table_name = "office"

    @property
    def code(self) -> str:
        return "provinsi" if self.kind == "provinsi" else self.kabupaten.bps


class Dokumen(SyncModel):
    """A version of the IKU document (the printed, signed text)."""

    judul = TextField()
    unit_organisasi = TextField()
    tugas = TextField()
    tahun_awal = IntegerField()
    tahun_akhir = IntegerField()
    tempat = TextField()
    tanggal_hari = IntegerField(null=True)
    tanggal_bulan = IntegerField()
    tanggal_tahun = IntegerField()
    jabatan_penandatangan = TextField()
    nama_penandatangan = TextField()
    pangkat_penandatangan = TextField()
    nip_penandatangan = TextField()
    revisi = IntegerField(default=1)
    aktif = BooleanField(default=True)
    ditetapkan_at = TextField(null=True)

    class Meta:
        table_name = "dokumen"


class Fungsi(SyncModel):
    dokumen = ForeignKeyField(Dokumen, backref="fungsi", column_name="dokumen_id")
    urutan = IntegerField()
    teks = TextField()

    class Meta:
        table_name = "fungsi"


class Sasaran(SyncModel):
    dokumen = ForeignKeyField(Dokumen, backref="sasaran", column_name="dokumen_id")
    urutan = IntegerField()
    teks = TextField()

    class Meta:
        table_name = "sasaran"


class Indikator(SyncModel):
    dokumen = ForeignKeyField(Dokumen, backref="indikator", column_name="dokumen_id")
    sasaran = ForeignKeyField(Sasaran, backref="indikator", column_name="sasaran_id")
    urutan = IntegerField()  # numbered 1..m across the whole table
    nama = TextField()
    satuan = TextField(default="")
    formulasi = TextField(default="")  # sanitised rich text (domain.richtext)
    metode = TextField()
    polaritas = TextField(default="naik")
    rumus_turun = TextField(default="selisih")
    sumber_data = TextField(default="")
    penanggung_jawab = TextField(default="")

    class Meta:
        table_name = "indikator"


class Target(SyncModel):
    indikator = ForeignKeyField(Indikator, backref="targets", column_name="indikator_id")
    tahun = IntegerField()
    nilai = ExactDecimalField()

    class Meta:
        table_name = "target"


class RealisasiManual(SyncModel):
    indikator = ForeignKeyField(Indikator, backref="realisasi", column_name="indikator_id")
    tahun = IntegerField()
    nilai = ExactDecimalField()
    catatan = TextField(default="")

    class Meta:
        table_name = "realisasi_manual"


class Koperasi(SyncModel):
    nomor_badan_hukum = TextField(unique=True)
    nama = TextField()
    tanggal_badan_hukum = IsoDateField()
    kabupaten = ForeignKeyField(Kabupaten, column_name="kabupaten_id")
    jenis = TextField()
    wilayah_keanggotaan = TextField(default="")
    status = TextField(default="aktif")
    tanggal_bubar = IsoDateField(null=True)
    nik_koperasi = TextField(null=True)
    alamat = TextField(default="")

    class Meta:
        table_name = "koperasi"


class KoperasiTahunBuku(SyncModel):
    koperasi = ForeignKeyField(Koperasi, backref="tahun_buku", column_name="koperasi_id")
    tahun = IntegerField()
    tanggal_rat = IsoDateField(null=True)
    rat_sah = BooleanField(default=True)
    anggota_l = IntegerField(null=True)
    anggota_p = IntegerField(null=True)
    volume_usaha = IntegerField()
    aset = IntegerField()
    modal_sendiri = IntegerField(null=True)
    modal_luar = IntegerField(null=True)
    shu = IntegerField(null=True)

    class Meta:
        table_name = "koperasi_tahun_buku"


class UsahaKecil(SyncModel):
    nama_usaha = TextField()
    nama_pemilik = TextField()
    nik_pemilik = TextField(null=True)
    kabupaten = ForeignKeyField(Kabupaten, column_name="kabupaten_id")
    alamat = TextField(default="")
    sektor = TextField(default="")
    modal_usaha = IntegerField(null=True)
    hasil_penjualan = IntegerField(null=True)
    skala_penetapan = TextField(null=True)
    skala_alasan = TextField(null=True)
    tanggal_terdata = IsoDateField()
    tanggal_tutup = IsoDateField(null=True)
    nib = TextField(null=True)
    tanggal_nib = IsoDateField(null=True)
    nomor_iumk = TextField(null=True)
    tanggal_iumk = IsoDateField(null=True)

    class Meta:
        table_name = "usaha_kecil"


class Sakip(SyncModel):
    tahun = IntegerField(unique=True)
    skema = TextField(default="88/2021")
    perencanaan = ExactDecimalField(null=True)
    pengukuran = ExactDecimalField(null=True)
    pelaporan = ExactDecimalField(null=True)
    evaluasi_internal = ExactDecimalField(null=True)
    capaian_kinerja = ExactDecimalField(null=True)
    nilai_lhe = ExactDecimalField(null=True)  # only when the components are not recorded
    nomor_lhe = TextField(default="")
    tanggal_lhe = IsoDateField(null=True)

    class Meta:
        table_name = "sakip"


class IkmSurvei(SyncModel):
    nama = TextField(unique=True)
    tahun = IntegerField()
    periode = TextField(default="")
    jenis_layanan = TextField(default="")
    populasi = IntegerField(null=True)

    class Meta:
        table_name = "ikm_survei"


class ImportBatch(BaseModel):
    """One import of a file: what, when, and its content hash (an IKM file already imported
    is recognised by it)."""

    uuid = TextField(unique=True, default=new_uuid)
    kind = TextField()
    file_name = TextField()
    sha256 = TextField()
    imported_at = TextField(default=utc_now)
    added = IntegerField(default=0)
    updated = IntegerField(default=0)
    unchanged = IntegerField(default=0)

    class Meta:
        table_name = "import_batch"


class IkmRespon(SyncModel):
    survei = ForeignKeyField(IkmSurvei, backref="respon", column_name="survei_id")
    tanggal = IsoDateField()
    jenis_layanan = TextField(default="")
    jenis_kelamin = TextField(null=True)
    umur = IntegerField(null=True)
    pendidikan = TextField(null=True)
    pekerjaan = TextField(null=True)
    u1 = IntegerField(null=True)
    u2 = IntegerField(null=True)
    u3 = IntegerField(null=True)
    u4 = IntegerField(null=True)
    u5 = IntegerField(null=True)
    u6 = IntegerField(null=True)
    u7 = IntegerField(null=True)
    u8 = IntegerField(null=True)
    u9 = IntegerField(null=True)
    import_batch = ForeignKeyField(ImportBatch, null=True, column_name="import_batch_id")

    class Meta:
        table_name = "ikm_respon"


class Setting(BaseModel):
    """Office rules that DOMAIN.md marks as decisions; values are JSON text."""

    key = TextField(primary_key=True)
    value = TextField()
    updated_at = TextField(default=utc_now)

    class Meta:
        table_name = "setting"


class Cetakan(BaseModel):
    """One printout, archived: its canonical snapshot, verification code, time and user."""

    uuid = TextField(unique=True, default=new_uuid)
    jenis = TextField()  # dokumen | capaian | ikm | perhitungan
    parameter = TextField()  # JSON: year, survey…
    kode = TextField(index=True)
    sha256 = TextField()
    snapshot = TextField()
    kertas = TextField()
    dicetak_at = TextField(default=utc_now)
    pengguna = TextField()

    class Meta:
        table_name = "cetakan"


class Paket(BaseModel):
    """A data package sent (``keluar``) or received (``masuk``)."""

    package_id = TextField()
    arah = TextField()
    kantor = TextField()  # the sender; for "keluar" the receivers ("1505,1571"; "": unsealed)
    nama_berkas = TextField()
    dibuat_at = TextField()
    sejak = TextField(null=True)
    dicatat_at = TextField(default=utc_now)
    jumlah = TextField()  # JSON: table → rows (and for "masuk": added/updated/…)
    # the order of packages (services.package_order): the package's number at its sender;
    # "keluar": the offices it is meant for; "masuk": what the sender said of this office
    nomor = IntegerField(null=True)
    penerima = TextField(null=True)
    sebelumnya = IntegerField(null=True)
    dasar = IntegerField(null=True)
    diakui = IntegerField(null=True)

    class Meta:
        table_name = "paket"


class Tertahan(BaseModel):
    """A package row held back: its parent row (a tahun buku's koperasi) had not arrived.
    Applied by a later merge once the parent is here (services.package_merge)."""

    tabel = TextField()
    row_uuid = TextField()
    isi = TextField()  # the row, portable JSON, checked when its package arrived
    package_id = TextField()
    kantor = TextField()  # the office that sent it
    alasan = TextField()
    dicatat_at = TextField(default=utc_now)

    class Meta:
        table_name = "tertahan"


class Konflik(BaseModel):
    """A row changed here and in the sending office since their last exchange: both
    versions (portable JSON) until the user decides, and the decision afterwards."""

    tabel = TextField()
    row_uuid = TextField()
    milik_kita = TextField()
    milik_mereka = TextField()
    package_id = TextField()
    kantor = TextField()
    ditemukan_at = TextField(default=utc_now)
    diselesaikan_at = TextField(null=True)
    keputusan = TextField(null=True)  # "kita" | "mereka"
    pengguna = TextField(null=True)

    class Meta:
        table_name = "konflik"


class KunciTahun(BaseModel):
    """A year whose realisasi is locked: the Laporan Capaian as it was reported (canonical
    snapshot) and its verification code."""

    uuid = TextField(unique=True, default=new_uuid)
    tahun = IntegerField(unique=True)
    dikunci_at = TextField(default=utc_now)
    pengguna = TextField()
    kode = TextField()
    snapshot = TextField()

    class Meta:
        table_name = "kunci_tahun"


class KunciSendiri(BaseModel):
    """This database's own key pair for one office code (services.office_keys). The
    private key (``rahasia``, the 32-byte Ed25519 seed) never leaves the database: no
    package, export or audit row carries it."""

    kantor = TextField(primary_key=True)
    rahasia = BlobField()
    publik = TextField()  # hex
    dibuat_at = TextField(default=utc_now)

    class Meta:
        table_name = "kunci_sendiri"


class KunciKantor(BaseModel):
    """Another office's public key, pinned: on its first package (``cara`` "paket"), from
    its key file ("berkas"), or accepted by an operator ("operator"; ``publik`` stays
    None until a package or key file with that fingerprint arrives). One key per office is
    in force (``diganti_at`` None); a replaced key keeps its row."""

    uuid = TextField(unique=True, default=new_uuid)
    kantor = TextField()
    nama = TextField(default="")
    publik = TextField(null=True)  # hex
    sidik = TextField()
    cara = TextField()
    dicatat_at = TextField(default=utc_now)
    terakhir_at = TextField(null=True)  # the last package signed with it
    diganti_at = TextField(null=True)

    class Meta:
        table_name = "kunci_kantor"


ALL_MODELS = (
    Kabupaten, Office, Dokumen, Fungsi, Sasaran, Indikator, Target, RealisasiManual,
    Koperasi, KoperasiTahunBuku, UsahaKecil, Sakip, IkmSurvei, ImportBatch, IkmRespon, Setting,
    Cetakan, Paket, Konflik, KunciTahun, KunciSendiri, KunciKantor, Tertahan,
)
