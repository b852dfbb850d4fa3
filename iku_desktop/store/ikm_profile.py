"""Counts behind the IKM survey report: the surveys of a year, the respondents' profile,
and the per-unsur sums — those pooled from the summaries the indicator reads
(``counting.ikm_sums``), so that the report and the IKU value add up the same way."""

from __future__ import annotations

from ..domain.ikm import JENIS_KELAMIN, PEKERJAAN, PENDIDIKAN, pool
from .counting import ikm_sums
from .models import database

# age groups of the report (years)
UMUR = (("< 20", 0, 19), ("20–29", 20, 29), ("30–39", 30, 39), ("40–49", 40, 49),
        ("50–59", 50, 59), ("≥ 60", 60, 200))


def survey_report(year: int, survey: str | None = None) -> dict | None:
    """Raw counts for the year (all its surveys) or one survey; None when the named survey
    does not exist in that year."""
    surveys = database.execute_sql(
        "SELECT id AS id, nama AS nama, periode AS periode, jenis_layanan AS layanan, "
        "populasi AS populasi FROM ikm_survei WHERE tahun = ? AND deleted = 0 "
        "AND (? IS NULL OR nama = ?) ORDER BY nama", (year, survey, survey)).fetchall()
    if survey is not None and not surveys:
        return None
    ids = [s[0] for s in surveys] or [-1]
    marks = ",".join("?" * len(ids))
    where = f"FROM ikm_respon WHERE deleted = 0 AND survei_id IN ({marks})"

    def grouped(column: str, order: tuple[str, ...] = ()) -> list[list]:
        """Counts per value, in the official order of the closed list (then the rest)."""
        rows = database.execute_sql(
            f"SELECT COALESCE({column}, '') AS nilai, COUNT(*) AS n {where} "
            f"GROUP BY 1 ORDER BY 1", ids).fetchall()
        rank = {v: i for i, v in enumerate(order)}
        rows.sort(key=lambda r: (r[0] == "", rank.get(r[0], len(rank)), r[0]))
        return [[label or "(tidak diisi)", n] for label, n in rows]

    parts = ikm_sums(year)
    per_survey = {s[0]: pool(p for (sid, _), p in parts.items() if sid == s[0])
                  for s in surveys}
    sums = pool(per_survey.values())
    umur = database.execute_sql(
        "SELECT " + ", ".join(f"SUM(umur BETWEEN {lo} AND {hi}) AS u{i}"
                              for i, (_, lo, hi) in enumerate(UMUR))
        + f", SUM(umur IS NULL) AS kosong {where}", ids).fetchone()
    return {
        "surveys": [{"nama": s[1], "periode": s[2], "jenis_layanan": s[3], "populasi": s[4],
                     "responden": per_survey[s[0]].responses} for s in surveys],
        "profil": {
            "jenis_kelamin": [[{"L": "Laki-laki", "P": "Perempuan"}.get(k, k), n]
                              for k, n in grouped("jenis_kelamin", JENIS_KELAMIN)],
            "umur": [[label, umur[i] or 0] for i, (label, _, _) in enumerate(UMUR)]
            + ([["(tidak diisi)", umur[-1]]] if umur[-1] else []),
            "pendidikan": grouped("pendidikan", PENDIDIKAN),
            "pekerjaan": grouped("pekerjaan", PEKERJAAN),
            "layanan": grouped("jenis_layanan"),
        },
        "sums": sums,
    }
