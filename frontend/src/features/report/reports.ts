import type { ReportData, ReportRun, TargetValue } from '../../api/types'

/** A half year: its code ("2009-H2"), first and last day, and whether it has ended by today. */
export interface Half {
  code: string
  start: string
  end: string
  ended: boolean
}

/** The first half year the decision's targets are reported for. */
export const FIRST_YEAR = 2008

/** halves lists the half years from FIRST_YEAR-H1 up to the one today falls in, newest first. */
export function halves(today: string): Half[] {
  const year = Number(today.slice(0, 4))
  const out: Half[] = []
  for (let y = FIRST_YEAR; y <= year; y++) {
    for (const h of [1, 2] as const) {
      const start = h === 1 ? `${y}-01-01` : `${y}-07-01`
      if (start > today) continue
      const end = h === 1 ? `${y}-06-30` : `${y}-12-31`
      out.push({ code: `${y}-H${h}`, start, end, ended: end < today })
    }
  }
  return out.reverse()
}

/** periodParts reads "2009-H2" as {year: 2009, half: 2}; null when it is not a period. */
export function periodParts(code: string): { year: number; half: 1 | 2 } | null {
  const m = /^(\d{4})-H([12])$/.exec(code)
  return m ? { year: Number(m[1]), half: m[2] === '1' ? 1 : 2 } : null
}

/** isPending: the run is still being made (the page polls while one is). */
export function isPending(r: Pick<ReportRun, 'status'>): boolean {
  return r.status === 'queued' || r.status === 'running'
}

/** progress is a run's percent done, by its steps. */
export function progress(r: Pick<ReportRun, 'status' | 'step' | 'steps'>): number {
  if (r.status === 'done') return 100
  if (r.steps <= 0) return 0
  return Math.min(99, Math.round((r.step / r.steps) * 100))
}

/** recipientsText and recipientsOf turn the recipients into one per line and back. */
export const recipientsText = (rs: string[] | null | undefined) => (rs ?? []).join('\n')
export const recipientsOf = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '')

/** A target in two runs side by side; delta in percentage points (b − a), null when either counts nothing. */
export interface ComparedTarget {
  code: string
  text_vi: string
  text_en: string
  a: TargetValue | null
  b: TargetValue | null
  delta: number | null
}

/**
 * compare lines up the targets of two runs' figures by code: a's order first, then the targets only b has.
 * b is normally the later run; delta is b − a rounded to one decimal.
 */
export function compare(a: ReportData, b: ReportData): ComparedTarget[] {
  const byB = new Map(b.targets.map((v) => [v.code, v]))
  const out: ComparedTarget[] = a.targets.map((v) => line(v, byB.get(v.code) ?? null))
  const inA = new Set(a.targets.map((v) => v.code))
  for (const v of b.targets) if (!inA.has(v.code)) out.push(line(null, v))
  return out
}

function line(a: TargetValue | null, b: TargetValue | null): ComparedTarget {
  const t = (a ?? b) as TargetValue
  const delta = a?.percent != null && b?.percent != null ? Math.round((b.percent - a.percent) * 10) / 10 : null
  return { code: t.code, text_vi: t.text_vi, text_en: t.text_en, a, b, delta }
}

/** previousOf is a target's value in the previous period of the same run. */
export function previousOf(d: ReportData, code: string): TargetValue | undefined {
  return d.previous_targets.find((v) => v.code === code)
}

/** ordered puts two runs in time order (by as-of day, then id), for a comparison that reads left to right. */
export function ordered(x: ReportRun, y: ReportRun): [ReportRun, ReportRun] {
  if (x.as_of < y.as_of || (x.as_of === y.as_of && x.id < y.id)) return [x, y]
  return [y, x]
}
