"""The figures the window shows for a locked year are those of its locked Laporan Capaian,
whatever the data says today; an open year's are today's."""

from decimal import Decimal

from iku_desktop.services import editing, frozen_year, locking, session
from iku_desktop.services.indicators import compute_year
from iku_desktop.store import models as m


def test_locked_figures_replace_todays(db):
    ind = m.Indikator.get(m.Indikator.urutan == 4)
    editing.prepare_year_value("target", ind.id, 2022, "80").write()
    locking.lock_year(2022)
    m.Target.update(nilai=Decimal("90")).where(m.Target.indikator == ind.id).execute()
    doc = session.active_document()
    live = compute_year(doc, 2022)
    assert live[3].target == Decimal("90") and live[3].dikunci is None
    shown = frozen_year.as_shown(live, 2022)
    assert shown[3].target == Decimal("80") and shown[3].dikunci.tahun == 2022
    assert shown[3].dikunci.kode == locking.year_locks()[0].kode
    assert frozen_year.as_shown(shown, 2022) == shown  # already frozen: as it is
    open_year = compute_year(doc, 2023)
    assert frozen_year.as_shown(open_year, 2023) is open_year
