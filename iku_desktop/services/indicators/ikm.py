"""IKU 4 — Nilai Kepuasan Masyarakat: all responses of all surveys of the year, pooled
(decision, rule book §5); per survey, per layanan and per unsur as breakdowns."""

from __future__ import annotations

from decimal import Decimal

from ...domain import ikm as rule
from ...domain import targets
from ...domain.formatting import format_number
from ...domain.numbers import round_half_up
from ...domain.results import BreakdownRow, IndicatorResult, TraceStep
from ...store import counting
from .registry import Method, register

NAME = "nilai_ikm"


def _row(key: str, label: str, sums: rule.UnsurSums, **extra) -> BreakdownRow:
    r = rule.compute_ikm(sums)
    return BreakdownRow(key, label, r.nilai.value, numerator=None, denominator=sums.responses,
                        reason=r.nilai.reason, extra={"mutu": r.mutu, **extra})


def compute(year: int) -> IndicatorResult:
    parts = counting.ikm_sums(year)
    surveys = counting.ikm_surveys(year)
    by_survey: dict[int, list[rule.UnsurSums]] = {}
    by_layanan: dict[str, list[rule.UnsurSums]] = {}
    for (sid, layanan), s in parts.items():
        by_survey.setdefault(sid, []).append(s)
        by_layanan.setdefault(layanan, []).append(s)
    pooled = rule.pool(parts.values())
    result = rule.compute_ikm(pooled)

    warnings = []
    populasi_total = 0
    survey_rows = []
    for sid, nama, populasi in surveys:
        s = rule.pool(by_survey.get(sid, []))
        if populasi is None:
            warnings.append(f"Populasi penerima layanan survei '{nama}' belum diisi; "
                            "kecukupan sampel tidak dapat diperiksa")
            minimum = None
        else:
            populasi_total += populasi
            minimum = rule.minimum_sample(populasi)
            if s.responses < minimum:
                warnings.append(
                    f"Survei '{nama}': {format_number(s.responses, 0)} responden, kurang dari "
                    f"sampel minimum {format_number(minimum, 0)} untuk populasi "
                    f"{format_number(populasi, 0)} "
                    "(Krejcie & Morgan)")
        survey_rows.append(_row(str(sid), nama, s, populasi=populasi, sampel_minimum=minimum))
    unsur_rows = tuple(
        BreakdownRow(u.kode, u.nama,  # NRR to three decimals, as PermenPANRB 14/2017 prints it
                     round_half_up(result.nrr[u.kode], rule.NRR_PLACES) if u.kode in result.nrr
                     else None,
                     numerator=pooled.sums[u.kode], denominator=pooled.counts[u.kode],
                     reason=None if u.kode in result.nrr else "Tidak ada jawaban")
        for u in rule.UNSUR
    )
    breakdowns = {
        "survei": tuple(survey_rows),
        "layanan": tuple(_row(k or "(tanpa layanan)", k or "(tanpa layanan)", rule.pool(v))
                         for k, v in sorted(by_layanan.items())),
        "unsur": unsur_rows,
    }
    trace = [TraceStep("Jumlah responden", format_number(pooled.responses, 0))]
    for u in rule.UNSUR:
        if u.kode in result.nrr:
            trace.append(TraceStep(
                f"NRR {u.kode} {u.nama}",
                f"{format_number(pooled.sums[u.kode], 0)} / "
                f"{format_number(pooled.counts[u.kode], 0)} = "
                f"{format_number(result.nrr[u.kode], 6)}…"))
    if result.ikm is not None:
        trace.append(TraceStep("IKM (skala 1–4) = Σ NRR × 1/9",
                               f"{format_number(result.ikm, 6)}… (bobot tepat 1/9)"))
        trace.append(TraceStep("Nilai IKM = IKM × 25",
                               f"{format_number(result.ikm * 25, 6)}… → "
                               f"{format_number(result.nilai.value)} (dibulatkan sekali)"))
        trace.append(TraceStep("Mutu pelayanan", f"{result.mutu} ({result.kinerja})"))
    minimum_total = rule.minimum_sample(populasi_total) if populasi_total else None
    extra = {
        "mutu": result.mutu, "kinerja": result.kinerja,
        "ikm": round_half_up(result.ikm, rule.IKM_PLACES) if result.ikm is not None else None,
        "nrr": {k: round_half_up(v, rule.NRR_PLACES) for k, v in result.nrr.items()},
        "responses": pooled.responses, "surveys": len(surveys),
        "populasi": populasi_total or None, "sampel_minimum": minimum_total,
    }
    return IndicatorResult(
        NAME, result.nilai.value,
        reason=(None if result.nilai.computable else f"{result.nilai.reason} (tahun {year})"),
        numerator=None, denominator=pooled.responses, noun="responden",
        breakdowns=breakdowns, warnings=tuple(warnings), trace=tuple(trace), extra=extra)


METHOD = register(Method(
    NAME, "Dihitung dari respon Survei Kepuasan Masyarakat", lambda year, indikator: compute(year),
    depends_on=frozenset({"ikm_survei", "ikm_respon"}), panel="ikm", demo_target=Decimal(80),
    scale=targets.IKM))
