"""Survei Kepuasan Masyarakat (PermenPANRB 14/2017, rule book §5): the surveys of a year
and their respondents' answers. Answers are keyed by unsur, never by column position: a
header starting with the code ("U8 Penanganan Pengaduan") is that unsur. An answer is
1–4 or the label of that unsur's answer ("Sangat sesuai", "Gratis"…)."""

from __future__ import annotations

from ..domain import ikm as rule
from ..exchange.cells import CellError, choice_keys, parse_choice, parse_code, parse_date, \
    parse_int, text
from .spec import Field, RegisterSpec, stored_choice


def answer_parser(kode: str):
    """Parse an answer of unsur ``kode``: 1–4 or one of its labels (keyed by unsur)."""

    def parse(value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if value in (1, 2, 3, 4):  # also 3.0; never int() of inf or nan
                return int(value)
            raise CellError("Jawaban harus 1–4")
        t = text(value)
        if t.isdigit():
            if t in ("1", "2", "3", "4"):
                return int(t)
            raise CellError("Jawaban harus 1–4")
        score = rule.score_label(kode, t)
        if score is None:
            labels = " / ".join(next(u for u in rule.UNSUR if u.kode == kode).labels)
            raise CellError(f"Jawaban {kode} tidak dikenal; isi 1–4 atau: {labels}")
        return score

    return parse


JENIS_KELAMIN = choice_keys({"L": "L", "P": "P", "laki-laki": "L", "laki laki": "L", "pria": "L",
                             "perempuan": "P", "wanita": "P"})
PENDIDIKAN = choice_keys({
    "SD": "SD", "SMP": "SMP", "SLTP": "SMP", "SMA": "SMA", "SLTA": "SMA", "SMK": "SMA",
    "D1–D3": "D1–D3", "D1-D3": "D1–D3", "D1": "D1–D3", "D2": "D1–D3", "D3": "D1–D3",
    "D4/S1": "D4/S1", "D4": "D4/S1", "S1": "D4/S1", "S2": "S2", "S3": "S3",
})
PEKERJAAN = choice_keys({p: p for p in rule.PEKERJAAN} | {"ASN": "PNS", "Polri": "POLRI"})

SURVEI = RegisterSpec(
    table="ikm_survei",
    label="Survei kepuasan masyarakat",
    year="tahun",
    fields=(
        Field("nama", "Nama survei", text, True),
        Field("tahun", "Tahun", lambda v: parse_int(v, 2000, 2100), True, kind="int",
              editable=False),
        Field("periode", "Periode", text),
        Field("jenis_layanan", "Jenis layanan", text),
        Field("populasi", "Populasi penerima layanan", lambda v: parse_int(v, 0), kind="int"),
    ),
)

RESPON = RegisterSpec(
    table="ikm_respon",
    label="Respon Survei Kepuasan Masyarakat",
    kind="ikm",
    kind_label="Respon Survei Kepuasan Masyarakat",
    fields=(
        Field("survei", "Survei", text, column=None, editable=False,
              help="Nama survei; bawaan 'SKM <tahun>'"),
        Field("tanggal", "Tanggal", parse_date, True, kind="date",
              aliases=("Tanggal Survei", "Timestamp"), example="05/05/2022"),
        Field("jenis_layanan", "Jenis layanan", text, True, header="Jenis Layanan",
              aliases=("Layanan",)),
        Field("jenis_kelamin", "Jenis kelamin",
              lambda v: parse_choice(v, JENIS_KELAMIN, "Jenis kelamin"),
              header="Jenis Kelamin", choices=("L", "P"), column_label="JK",
              portable=stored_choice(("L", "P"))),
        Field("umur", "Umur", lambda v: parse_int(v, 10, 120), kind="int"),
        Field("pendidikan", "Pendidikan", lambda v: parse_choice(v, PENDIDIKAN, "Pendidikan"),
              choices=rule.PENDIDIKAN, portable=stored_choice(rule.PENDIDIKAN)),
        Field("pekerjaan", "Pekerjaan", lambda v: parse_choice(v, PEKERJAAN, "Pekerjaan"),
              choices=rule.PEKERJAAN, portable=stored_choice(rule.PEKERJAAN)),
        *(Field(u.kode.lower(), u.kode, answer_parser(u.kode), kind="int", prefix=True,
                help=f"{u.nama}: 1–4 ({' / '.join(u.labels)})", choices=("1", "2", "3", "4"),
                example="4") for u in rule.UNSUR),
        Field("uuid", "ID Respon", parse_code("ID respon"), column=None, editable=False,
              help="Diisi oleh ekspor IKU Desktop; kosongkan untuk responden baru"),
    ),
)
