"""The IKM surveys and their responses as the window lists them: ordered ids, and prepared
rows for a block of ids (the respondents of every survey of the block counted in one
query, not one query per painted row)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import fn

from ..store import models as m


@dataclass(frozen=True)
class SurveyRow:
    id: int
    nama: str
    tahun: int
    periode: str
    jenis_layanan: str
    populasi: int | None
    responden: int  # live responses


@dataclass(frozen=True)
class ResponseRow:
    id: int
    tanggal: date
    jenis_layanan: str
    jenis_kelamin: str | None
    umur: int | None
    pendidikan: str | None
    pekerjaan: str | None
    u1: int | None
    u2: int | None
    u3: int | None
    u4: int | None
    u5: int | None
    u6: int | None
    u7: int | None
    u8: int | None
    u9: int | None


def survey_ids(year: int) -> list[int]:
    """The live surveys of ``year``, by name."""
    return [s.id for s in m.IkmSurvei.live().where(m.IkmSurvei.tahun == year)
            .order_by(m.IkmSurvei.nama)]


def survey_names(year: int) -> list[str]:
    """The names of the live surveys of ``year``, in order."""
    return [s.nama for s in m.IkmSurvei.live().where(m.IkmSurvei.tahun == year)
            .order_by(m.IkmSurvei.nama)]


def survey_rows(ids: list[int]) -> dict[int, SurveyRow]:
    r = m.IkmRespon
    counts = dict(r.select(r.survei, fn.COUNT(r.id))
                  .where((r.deleted == False) & r.survei.in_(ids))  # noqa: E712
                  .group_by(r.survei).tuples())
    return {s.id: SurveyRow(s.id, s.nama, s.tahun, s.periode, s.jenis_layanan, s.populasi,
                            counts.get(s.id, 0))
            for s in m.IkmSurvei.select().where(m.IkmSurvei.id.in_(ids))}


def survey(survey_id: int) -> SurveyRow:
    return survey_rows([survey_id])[survey_id]


def response_ids(survey_id: int) -> list[int]:
    """The live responses of a survey, in the order they were added."""
    r = m.IkmRespon
    # read from the cursor, without peewee's row objects or its tuples' iteration: 50.000
    # responses in ~20 ms, not ~170 ms
    sql, params = (r.select(r.id).where((r.deleted == False)  # noqa: E712
                                        & (r.survei == survey_id)).order_by(r.id).sql())
    return [i for (i,) in m.database.execute_sql(sql, params).fetchall()]


_RESPONSE_FIELDS = [f for f in ResponseRow.__dataclass_fields__]


def response_rows(ids: list[int]) -> dict[int, ResponseRow]:
    """A block of responses, as tuples (a row of the grid is painted from it on the GUI
    thread after an answer: peewee's row objects would cost three times as much)."""
    r = m.IkmRespon
    columns = [getattr(r, f) for f in _RESPONSE_FIELDS]
    # read from the cursor (the date is ISO text there): peewee's tuples cost ~14 ms a block
    sql, params = r.select(*columns).where(r.id.in_(ids)).sql()
    return {row[0]: ResponseRow(row[0], _date(row[1]), *row[2:])
            for row in m.database.execute_sql(sql, params).fetchall()}


def _date(value) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(value)
