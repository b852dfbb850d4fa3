"""Office settings stored in the database (they belong to the office, travel with its
data and are backed up with it). Each setting is declared once, typed, with its meaning."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import Refused
from . import models as m
from .fields import utc_now


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    label: str  # Indonesian, shown in the window and the calculation sheet
    help: str


SETTINGS: dict[str, SettingSpec] = {
    s.key: s
    for s in (
        SettingSpec(
            "koperasi_hanya_aktif", False,
            "Penyebut IKU 1 hanya koperasi aktif",
            "Keputusan kantor: secara bawaan penyebut adalah semua koperasi yang "
            "berbadan hukum pada tahun itu, aktif atau tidak. Aktifkan untuk menghitung hanya "
            "koperasi berstatus aktif.",
        ),
        SettingSpec(
            "usaha_hanya_skala_kecil", True,
            "Penyebut IKU 2 hanya usaha berskala kecil (PP 7/2021)",
            "Keputusan kantor: secara bawaan usaha di register yang menurut PP 7/2021 "
            "tergolong mikro, menengah atau besar tidak dihitung; usaha tanpa data modal dan "
            "penjualan tetap dihitung dan diberi peringatan. Matikan untuk menghitung semua "
            "usaha di register.",
        ),
        SettingSpec("cadangan_disimpan", 10, "Jumlah cadangan yang disimpan",
                    "Cadangan otomatis (sebelum impor, harian) dan manual; yang lebih lama "
                    "dihapus."),
        SettingSpec("cadangan_folder_kedua", "", "Folder cadangan kedua",
                    "Folder lain (mis. flashdisk) yang juga menerima salinan setiap cadangan, "
                    "di subfolder bernama seperti folder cadangan utama; kosong: tanpa "
                    "salinan. Bila folder itu tidak ada (flashdisk dicabut) atau tidak dapat "
                    "ditulis, cadangan utama tetap dibuat dan hal itu diberitahukan."),
        SettingSpec("kertas", "A4", "Ukuran kertas cetakan",
                    "A4 (210 × 297 mm) atau F4/Folio (215 × 330 mm)."),
        SettingSpec("huruf", "sans", "Huruf cetakan",
                    "sans (Liberation Sans, setara Arial) atau serif (Liberation Serif, setara "
                    "Times New Roman); huruf disertakan dalam PDF."),
        SettingSpec("kop_surat_baris", [], "Kop surat: baris teks",
                    "Baris kop surat (baris pertama tebal), mis. nama pemerintah daerah, nama "
                    "dinas, alamat. Kosong: tanpa kop surat, seperti dokumen resmi 2022."),
        SettingSpec("kop_surat_logo", "", "Kop surat: logo",
                    "Gambar logo (PNG/JPEG) dalam base64; kosong: tanpa logo."),
    )
}


def get(key: str) -> Any:
    spec = SETTINGS[key]
    # raw SQL: read on every recompute, and a peewee query costs more to build than to run
    row = m.database.execute_sql("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return spec.default if row is None else json.loads(row[0])


def set_value(key: str, value: Any) -> None:
    spec = SETTINGS[key]
    if type(value) is not type(spec.default):
        raise TypeError(f"setting {key} takes {type(spec.default).__name__}")
    from . import audit  # the first write: a command that reads never imports it

    with audit.recording(m.database):
        (m.Setting.insert(key=key, value=json.dumps(value), updated_at=utc_now())
         .on_conflict(conflict_target=[m.Setting.key],
                      update={m.Setting.value: json.dumps(value),
                              m.Setting.updated_at: utc_now()}).execute())


def all_values() -> dict[str, Any]:
    return {k: get(k) for k in SETTINGS}


def set_values(values: dict[str, Any], source: str = "Pengaturan kantor") -> None:
    """Set several settings in one transaction (one audit source): all or none."""
    from . import audit  # the first write: a command that reads never imports it

    with audit.recording(m.database, source):
        for key, value in values.items():
            set_value(key, value)


class SettingError(Refused, ValueError):
    """A value a setting does not take; ``str()`` names the setting by its label."""


def refused(key: str, reason: str) -> SettingError:
    return SettingError(f"{SETTINGS[key].label}: {reason}")


# the values a choice setting takes, with how the window names them
CHOICES = {
    "kertas": {"A4": "A4 (210 × 297 mm)", "F4": "F4/Folio (215 × 330 mm)"},
    "huruf": {"sans": "Sans (Liberation Sans, setara Arial)",
              "serif": "Serif (Liberation Serif, setara Times New Roman)"},
}


def parse_text(key: str, words: list[str]) -> Any:
    """The value of a setting from what a person types (the command line, a field of the
    window); ``KeyError`` for an unknown key, ``SettingError`` naming the setting for a
    value it does not take. The logo is read from a file and the second backup folder
    checked on the disk by ``services``; here a text list keeps its non-blank lines."""
    if key not in SETTINGS:
        raise KeyError(f"Pengaturan '{key}' tidak dikenal; pilihan: {', '.join(SETTINGS)}")
    default = SETTINGS[key].default
    if key == "kop_surat_logo":
        if any(w.strip() for w in words):
            raise refused(key, "diisi dengan --file BERKAS (PNG/JPEG); tanpa --file logo "
                               "dihapus")
        return ""  # no file: remove the logo
    if isinstance(default, bool):
        text = " ".join(words).strip().lower()
        if text not in ("ya", "tidak"):
            raise refused(key, "diisi Ya atau Tidak")
        return text == "ya"
    if isinstance(default, int):
        text = " ".join(words).strip()
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 1000:
            raise refused(key, "diisi bilangan 1–1000")
        return int(text)
    if isinstance(default, list):
        return [w for w in words if w.strip()]
    text = " ".join(words).strip()
    allowed = CHOICES.get(key)
    if allowed:
        text = text.upper() if key == "kertas" else text.lower()
        if text not in allowed:
            raise refused(key, f"diisi {' atau '.join(allowed)}")
    return text


def set_from_text(key: str, words: list[str]) -> None:
    """Set a setting from what a person types (``parse_text``)."""
    set_value(key, parse_text(key, words))
