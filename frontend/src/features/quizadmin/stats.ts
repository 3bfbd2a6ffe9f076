// What the statistics tab computes from GET /quizzes/{id}/statistics: the
// histogram's scale and the questions worth a second look.

import type { QuestionStatistics, QuizStatistics } from '../../api/types'

export type Bin = QuizStatistics['histogram'][number]

/** tenBins puts the server's bins into the ten of the chart (0-10 ... 90-100), adding empty ones that are missing. */
export function tenBins(bins: Bin[] | null | undefined): Bin[] {
  const out: Bin[] = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: (i + 1) * 10, count: 0 }))
  for (const b of bins ?? []) {
    const i = Math.min(9, Math.max(0, Math.floor((b.from ?? 0) / 10)))
    out[i].count += b.count || 0
  }
  return out
}

/**
 * niceScale chooses the top of a count axis and its step: a round step
 * (1, 2, 5 times a power of ten) so that about `ticks` steps cover max.
 */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 }
  const raw = max / ticks
  const pow = 10 ** Math.floor(Math.log10(raw))
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow)
  return { max: Math.ceil(max / step) * step, step }
}

/** barHeights scales counts to pixel heights on an axis topping at top; a count above zero is never drawn flat. */
export function barHeights(counts: number[], top: number, height: number): number[] {
  return counts.map((c) => (c > 0 && top > 0 ? Math.max(1, (c / top) * height) : 0))
}

export type FacilityLevel = 'hard' | 'easy' | 'ok'
export type DiscriminationLevel = 'negative' | 'weak' | 'ok'

/** FACILITY_LOW and FACILITY_HIGH: outside 30%..90% a question is too hard or too easy to tell learners apart. */
export const FACILITY_LOW = 0.3
export const FACILITY_HIGH = 0.9
/** DISCRIMINATION_MIN: below 0.2 a question hardly separates strong learners from weak ones. */
export const DISCRIMINATION_MIN = 0.2

export function facilityLevel(f: number | null | undefined): FacilityLevel | null {
  if (f === null || f === undefined || Number.isNaN(f)) return null
  if (f < FACILITY_LOW) return 'hard'
  if (f > FACILITY_HIGH) return 'easy'
  return 'ok'
}

export function discriminationLevel(d: number | null | undefined): DiscriminationLevel | null {
  if (d === null || d === undefined || Number.isNaN(d)) return null
  if (d < 0) return 'negative'
  if (d < DISCRIMINATION_MIN) return 'weak'
  return 'ok'
}

/** flagged: a question whose facility or discrimination is out of the usual range. */
export function flagged(q: Pick<QuestionStatistics, 'facility' | 'discrimination'>): boolean {
  const f = facilityLevel(q.facility)
  const d = discriminationLevel(q.discrimination)
  return (f !== null && f !== 'ok') || (d !== null && d !== 'ok')
}

export const levelColor: Record<FacilityLevel | DiscriminationLevel, string> = {
  ok: '#389e0d',
  hard: '#cf1322',
  easy: '#d46b08',
  weak: '#d46b08',
  negative: '#cf1322',
}

/** percentText shows a fraction (0..1) as a percent; null as a dash. */
export function percentText(fraction: number | null | undefined, lang: string, digits = 0): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '—'
  return (fraction * 100).toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits }) + '%'
}

/** numberText shows a percent the server sends as 0..100. */
export function numberText(n: number | null | undefined, lang: string, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  return n.toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits })
}

/** share is how often an answer was given among all the answers counted, 0..1. */
export function shares(answers: { count: number }[]): number[] {
  const total = answers.reduce((n, a) => n + (a.count || 0), 0)
  return answers.map((a) => (total > 0 ? (a.count || 0) / total : 0))
}

export type CreditKind = 'right' | 'partial' | 'wrong'

export function creditKind(credit: number): CreditKind {
  if (credit >= 0.999) return 'right'
  if (credit > 0) return 'partial'
  return 'wrong'
}
