"""Office keys: this database's own key pair, and the keys of the other offices.

Each database has one Ed25519 key pair per office code it has been (made when the office
is set, or the first time one is needed). Its private key lives in the database
(``kunci_sendiri``) and never leaves it: whoever holds the office's PC and its database
file holds the key, as they hold the data (the threat model in the README). A new office
code gets a new key pair: a key speaks for one office only.

The other offices' public keys are *pinned* per office code (``kunci_kantor``): the first
package from an office records its key (trust on first use), or its key file does
(``import_key_file``), or an operator accepts a fingerprint read out over the phone
(``accept``). From then on a package from that office signed with another key is refused,
naming both fingerprints, until an operator accepts the new key (a reinstalled PC); a
package signed with a key pinned for another office is refused whatever office it claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Refused
from ..domain.ownership import PROVINSI
from ..domain.wilayah import KABUPATEN_KOTA, WilayahError, find_kabupaten
from ..exchange import keys
from ..exchange.package import Envelope, PackageError, Party
from ..store import audit
from ..store import models as m
from ..store.fields import utc_now
from . import ownership

KEY_SUFFIX = keys.KEY_SUFFIX  # a key file's name ends so


class OfficeKeyError(Refused, ValueError):
    """``str()`` is the user's message."""


class KeyMismatch(PackageError):
    """A package signed with another key than the one pinned for its office."""

    def __init__(self, name: str, office: str, pinned: str, new: str, public: bytes):
        self.office, self.pinned, self.new, self.public = office, pinned, new, public
        super().__init__(
            f"Paket {name} ditolak: {ownership.describe(office)} dikenal di sini dengan kunci "
            f"bersidik {pinned}, tetapi paket ini ditandatangani dengan kunci bersidik {new}. "
            "Bila kantor itu memasang ulang komputernya atau membuat basis data baru, "
            "bandingkan sidik baru itu lewat telepon dengan petugas di sana, lalu terima "
            f"kuncinya: iku office keys accept {office} {new} (atau tombol Terima kunci baru). "
            "Bila tidak, paket ini mungkin palsu")


class ReceiverKeyUnknown(PackageError):
    """A package cannot be sealed: the receiver's key is not known here (``office`` None:
    the province knows no district's key yet)."""

    def __init__(self, office: str | None):
        self.office = office
        who = (f"Kunci {ownership.describe(office)} belum dikenal di sini" if office else
               "Belum ada kunci kantor kabupaten/kota yang dikenal di sini")
        super().__init__(
            f"{who}, jadi paket tidak dapat disegel untuk penerimanya. Pilih: impor berkas "
            "kunci kantor penerima (iku office keys import BERKAS, lalu bandingkan sidiknya "
            "lewat telepon), atau kirim paket hanya bertanda tangan tanpa segel (iku package "
            "export --unsealed): NIK dan data lain di dalamnya dapat dibaca siapa pun yang "
            "memegang berkasnya")


def office_code_of(text: str) -> str:
    """An office code from what a user typed: "provinsi", a BPS or Kemendagri code, or a
    kabupaten/kota name."""
    if str(text).strip().lower() in (PROVINSI, "prov"):
        return PROVINSI
    try:
        return find_kabupaten(text).bps
    except WilayahError as exc:
        raise OfficeKeyError(f"{exc} (kantor: provinsi atau kode kabupaten/kota)") from exc


def _known_office(code: str) -> bool:
    return code == PROVINSI or any(k.bps == code for k in KABUPATEN_KOTA)


# --- this office's key ---------------------------------------------------------------------

def own_secret(create: bool = True) -> bytes | None:
    """This office's private key (made now when ``create`` and there is none yet)."""
    code = ownership.office_code()
    row = m.KunciSendiri.get_or_none(m.KunciSendiri.kantor == code)
    if row is not None:
        return bytes(row.rahasia)
    if not create:
        return None
    ownership.check_writable()
    secret = keys.new_secret()
    m.KunciSendiri.create(kantor=code, rahasia=secret, publik=keys.public_of(secret).hex())
    return secret


def own_party(create: bool = True) -> Party | None:
    secret = own_secret(create)
    if secret is None:
        return None
    code = ownership.office_code()
    return Party(code, ownership.describe(code), keys.public_of(secret))


def own_fingerprint(create: bool = True) -> str | None:
    party = own_party(create)
    return party.fingerprint if party else None


def export_key_file(path: str | Path) -> keys.KeyFile:
    """Write this office's public key (never the private one) to ``path``."""
    party = own_party()
    key = keys.KeyFile(party.office, party.office_name, party.public_key, utc_now())
    try:
        keys.write_key_file(Path(path), key)
    except keys.KeyFileError as exc:
        raise OfficeKeyError(str(exc)) from exc
    return key


# --- the other offices' keys -------------------------------------------------------------

@dataclass(frozen=True)
class PinnedKey:
    """Attributes:
    kantor: office code; nama: the office's name (from its code); sidik: fingerprint;
    cara: how it was pinned (paket / berkas / operator); dicatat_at: when;
    terakhir_at: the last package signed with it (None: none yet); menunggu: accepted by
    fingerprint only, the key itself not seen yet.
    """

    kantor: str
    nama: str
    sidik: str
    cara: str
    dicatat_at: str
    terakhir_at: str | None
    menunggu: bool


def _in_force(code: str) -> m.KunciKantor | None:
    return m.KunciKantor.get_or_none((m.KunciKantor.kantor == code)
                                     & m.KunciKantor.diganti_at.is_null())


def pinned_keys() -> list[PinnedKey]:
    rows = (m.KunciKantor.select().where(m.KunciKantor.diganti_at.is_null())
            .order_by(m.KunciKantor.kantor != PROVINSI, m.KunciKantor.kantor))
    return [PinnedKey(r.kantor, ownership.describe(r.kantor), r.sidik, r.cara,
                      r.dicatat_at, r.terakhir_at, r.publik is None) for r in rows]


def receiver(code: str) -> Party | None:
    """The party a package for office ``code`` is sealed to, when its key is known."""
    row = _in_force(code)
    if row is None or row.publik is None:
        return None
    return Party(code, ownership.describe(code), bytes.fromhex(row.publik))


def _pinned_elsewhere(code: str, public: bytes) -> str | None:
    """The office (other than ``code``) for which ``public`` is pinned, if any."""
    row = (m.KunciKantor.select().where(
        m.KunciKantor.diganti_at.is_null() & (m.KunciKantor.kantor != code)
        & ((m.KunciKantor.publik == public.hex())
           | (m.KunciKantor.publik.is_null()
              & (m.KunciKantor.sidik == keys.fingerprint(public)))))
           .first())
    if row is not None:
        return row.kantor
    own = m.KunciSendiri.get_or_none(m.KunciSendiri.publik == public.hex())
    return own.kantor if own is not None and own.kantor != code else None


@dataclass(frozen=True)
class Trust:
    """Whether the sender's key is pinned here already (``new``: first seen, to be pinned
    with the merge) and the fingerprint the preview shows."""

    fingerprint: str
    new: bool


def check_sender(env: Envelope) -> Trust:
    """Raise ``PackageError`` unless this office may trust the key ``env`` is signed with
    for the office it claims. Writes nothing."""
    sender, name = env.sender, env.name
    if not _known_office(sender.office):
        raise PackageError(f"Paket {name} ditolak: kantor pengirim '{sender.office}' tidak "
                           "dikenal (bukan provinsi atau kabupaten/kota di Provinsi Jambi)")
    other = _pinned_elsewhere(sender.office, sender.public_key)
    if other is not None:
        owner = "kantor ini sendiri" if other == ownership.office_code() else \
            ownership.describe(other)
        raise PackageError(
            f"Paket {name} ditolak: paket mengaku dari {ownership.describe(sender.office)}, "
            f"tetapi ditandatangani dengan kunci milik {owner} (sidik {sender.fingerprint}); "
            "satu kunci hanya berlaku untuk satu kantor")
    row = _in_force(sender.office)
    if row is None:
        return Trust(sender.fingerprint, new=True)
    if (row.publik or None) == sender.public_key.hex() or \
            (row.publik is None and row.sidik == sender.fingerprint):
        return Trust(sender.fingerprint, new=False)
    raise KeyMismatch(name, sender.office, row.sidik, sender.fingerprint, sender.public_key)


def record_sender(env: Envelope, trust: Trust, now: str) -> None:
    """After a merge (in its transaction): pin a first-seen key, fill in the key accepted by
    fingerprint, note when the key was last seen."""
    sender = env.sender
    row = _in_force(sender.office)
    if row is None:
        m.KunciKantor.create(kantor=sender.office, nama=sender.office_name,
                             publik=sender.public_key.hex(), sidik=trust.fingerprint,
                             cara="paket", dicatat_at=now, terakhir_at=now)
        return
    row.publik, row.terakhir_at = sender.public_key.hex(), now
    if sender.office_name:
        row.nama = sender.office_name
    row.save()


def _pin(code: str, name: str, public: bytes | None, fingerprint: str, cara: str) -> None:
    now = utc_now()
    with audit.recording(m.database, f"Kunci kantor {code} ({cara})"):
        (m.KunciKantor.update(diganti_at=now)
         .where((m.KunciKantor.kantor == code) & m.KunciKantor.diganti_at.is_null())
         .execute())
        m.KunciKantor.create(kantor=code, nama=name, publik=public.hex() if public else None,
                             sidik=fingerprint, cara=cara, dicatat_at=now)


def _check_not_own(code: str) -> None:
    if code == ownership.office_code():
        raise OfficeKeyError(f"{ownership.describe(code)} adalah kantor basis data ini "
                             "sendiri; kuncinya dibuat di sini, tidak diterima dari luar")


def accept(office: str, fingerprint: str, public: bytes | None = None) -> PinnedKey:
    """An operator accepts the key with ``fingerprint`` for ``office`` (compared over the
    phone), replacing the key pinned so far. ``public``: the key itself when at hand (the
    refused package in the window); otherwise it is filled in by the next package or key
    file with that fingerprint."""
    code = office_code_of(office)
    _check_not_own(code)
    fp = keys.normal_fingerprint(fingerprint)
    if fp is None:
        raise OfficeKeyError(f"'{fingerprint}' bukan sidik kunci (16 digit heksadesimal, "
                             "mis. 3F9A-0C12-B7E4-5D60)")
    if public is not None and keys.fingerprint(public) != fp:
        raise OfficeKeyError(f"Sidik {fp} bukan sidik kunci ini ({keys.fingerprint(public)})")
    ownership.check_writable()
    row = _in_force(code)
    if row is not None and row.sidik == fp:
        raise OfficeKeyError(f"Kunci {ownership.describe(code)} bersidik {fp} sudah "
                             "dipercaya di sini")
    if public is not None:
        other = _pinned_elsewhere(code, public)
        if other is not None:
            raise OfficeKeyError(f"Kunci bersidik {fp} sudah tercatat untuk "
                                 f"{ownership.describe(other)}; satu kunci hanya berlaku "
                                 "untuk satu kantor")
    _pin(code, row.nama if row else ownership.describe(code), public, fp, "operator")
    return next(k for k in pinned_keys() if k.kantor == code)


def read_key_file(path: str | Path) -> keys.KeyFile:
    """Read another office's key file (to show its fingerprint before pinning it)."""
    try:
        key = keys.read_key_file(Path(path))
    except keys.KeyFileError as exc:
        raise OfficeKeyError(str(exc)) from exc
    if not _known_office(key.office):
        raise OfficeKeyError(f"Berkas kunci {Path(path).name} untuk kantor '{key.office}' "
                             "yang tidak dikenal")
    _check_not_own(key.office)
    return key


def import_key_file(path: str | Path) -> tuple[keys.KeyFile, bool]:
    """Pin the key in another office's key file. Returns the key and whether anything
    changed (False: the same key was pinned already). A different key pinned for that
    office is kept: the new one must be accepted explicitly."""
    key = read_key_file(path)
    other = _pinned_elsewhere(key.office, key.public_key)
    if other is not None:
        raise OfficeKeyError(f"Kunci bersidik {key.fingerprint} sudah tercatat untuk "
                             f"{ownership.describe(other)}; satu kunci hanya berlaku untuk "
                             "satu kantor")
    ownership.check_writable()
    row = _in_force(key.office)
    if row is None:
        _pin(key.office, key.office_name, key.public_key, key.fingerprint, "berkas")
        return key, True
    if row.publik == key.public_key.hex():
        return key, False
    if row.publik is None and row.sidik == key.fingerprint:
        with audit.recording(m.database, f"Kunci kantor {key.office} (berkas)"):
            row.publik = key.public_key.hex()
            row.save()
        return key, True
    raise OfficeKeyError(
        f"{ownership.describe(key.office)} sudah dikenal di sini dengan kunci bersidik "
        f"{row.sidik}; berkas ini berisi kunci bersidik {key.fingerprint}. Bila kantor itu "
        "memang berganti kunci, bandingkan sidik baru lewat telepon lalu terima: "
        f"iku office keys accept {key.office} {key.fingerprint}")
