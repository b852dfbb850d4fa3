"""Office settings stored in the database (they belong to the office, travel with its
data and are backed up with it). Each setting is declared once, typed, with its meaning."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import audit
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
            "Keputusan (DOMAIN.md §2): secara bawaan penyebut adalah semua koperasi yang "
            "berbadan hukum pada tahun itu, aktif atau tidak. Aktifkan untuk menghitung hanya "
            "koperasi berstatus aktif.",
        ),
        SettingSpec(
            "usaha_hanya_skala_kecil", True,
            "Penyebut IKU 2 hanya usaha berskala kecil (PP 7/2021)",
            "Keputusan (DOMAIN.md §3): secara bawaan usaha di register yang menurut PP 7/2021 "
            "tergolong mikro, menengah atau besar tidak dihitung; usaha tanpa data modal dan "
            "penjualan tetap dihitung dan diberi peringatan. Matikan untuk menghitung semua "
            "usaha di register.",
        ),
        SettingSpec("cadangan_disimpan", 10, "Jumlah cadangan yang disimpan",
                    "Cadangan otomatis (sebelum impor, harian) dan manual; yang lebih lama "
                    "dihapus."),
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
    with audit.recording(m.database):
        (m.Setting.insert(key=key, value=json.dumps(value), updated_at=utc_now())
         .on_conflict(conflict_target=[m.Setting.key],
                      update={m.Setting.value: json.dumps(value),
                              m.Setting.updated_at: utc_now()}).execute())


def all_values() -> dict[str, Any]:
    return {k: get(k) for k in SETTINGS}


def set_from_text(key: str, words: list[str]) -> None:
    """Set a setting from what a person types on the command line (Indonesian messages).
    The logo is set from a file by ``services.setting_edit``; here it can only be removed."""
    if key not in SETTINGS:
        raise KeyError(f"Pengaturan '{key}' tidak dikenal; pilihan: {', '.join(SETTINGS)}")
    default = SETTINGS[key].default
    if key == "kop_surat_logo":
        if any(w.strip() for w in words):
            raise ValueError("kop_surat_logo diisi dengan --file BERKAS (PNG/JPEG); tanpa "
                             "--file logo dihapus")
        set_value(key, "")  # no file: remove the logo
    elif isinstance(default, int) and not isinstance(default, bool):
        text = " ".join(words).strip()
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 1000:
            raise ValueError(f"{key} diisi bilangan 1–1000")
        set_value(key, int(text))
    elif isinstance(default, bool):
        text = " ".join(words).strip().lower()
        if text not in ("ya", "tidak"):
            raise ValueError(f"{key} diisi Ya atau Tidak")
        set_value(key, text == "ya")
    elif isinstance(default, list):
        set_value(key, [w for w in words if w.strip()])
    else:
        text = " ".join(words).strip()
        allowed = {"kertas": ("A4", "F4"), "huruf": ("sans", "serif")}.get(key)
        if allowed:
            text = text.upper() if key == "kertas" else text.lower()
            if text not in allowed:
                raise ValueError(f"{key} diisi {' atau '.join(allowed)}")
        set_value(key, text)
