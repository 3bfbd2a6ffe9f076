// What the targets screen works out by itself from GET /targets: the status
// to show, the rule in words, the six-monthly report days and the scale of
// the trend chart.

import type { TargetStatus, TargetValue } from '../../api/types'

/** Shown is the status tag of a card: the server's status, or no_data when nothing is counted. */
export type Shown = TargetStatus | 'no_data'

export const SHOWN: Shown[] = ['met', 'missed', 'on_track', 'at_risk', 'no_data']

/** shownStatus: with nothing counted (percent null) a card says "no data" rather than a verdict. */
export function shownStatus(v: Pick<TargetValue, 'percent' | 'status'>): Shown {
  return v.percent === null ? 'no_data' : v.status
}

/** statusColor is the antd Tag colour of a status: met green, missed red, on track blue, at risk orange. */
export const statusColor: Record<Shown, string> = {
  met: 'green',
  missed: 'red',
  on_track: 'blue',
  at_risk: 'orange',
  no_data: 'default',
}

/** AGENCY_POPULATIONS count agencies ("đơn vị"); every other population counts people ("cán bộ"). */
export const AGENCY_POPULATIONS = ['in_scope_agencies', 'agencies_of_levels', 'agencies_of_sectors']

export function countsAgencies(population: string): boolean {
  return AGENCY_POPULATIONS.includes(population)
}

/**
 * ruleKey names the words of a rule: "Trên 70%" (gt), "Đạt 100%" (ge 100),
 * "Từ 60% trở lên" (ge anything else).
 */
export function ruleKey(rule: TargetValue['rule'], threshold: number): 'targets.rule.gt' | 'targets.rule.all' | 'targets.rule.ge' {
  if (rule === 'gt') return 'targets.rule.gt'
  return threshold >= 100 ? 'targets.rule.all' : 'targets.rule.ge'
}

/** FIRST_REPORT_DAY: the decision's first six-monthly report (Điều 2.7) closes on 30/06/2008. */
export const FIRST_REPORT_DAY = '2008-06-30'

/** DECISION_DAYS are the report days of the decision's period, 2008-2010. */
export const DECISION_DAYS = reportDays('2010-12-31')

/** reportDays lists the six-monthly report days (30/06 and 31/12) from 30/06/2008 up to upTo (yyyy-mm-dd) included. */
export function reportDays(upTo: string): string[] {
  const out: string[] = []
  const last = Number(upTo.slice(0, 4))
  for (let y = 2008; y <= last; y++) {
    for (const d of [`${y}-06-30`, `${y}-12-31`]) if (d <= upTo) out.push(d)
  }
  return out
}

/** pickEvenly keeps k items of list spread evenly, the first and the last always among them. */
export function pickEvenly<T>(list: T[], k: number): T[] {
  if (list.length <= k) return list
  if (k <= 1) return list.slice(-k)
  const idx = new Set<number>()
  for (let i = 0; i < k; i++) idx.add(Math.round((i * (list.length - 1)) / (k - 1)))
  return [...idx].map((i) => list[i])
}

/**
 * trendDays are the days the trend chart asks for besides asOf itself: the
 * report days before asOf, at most max-1 of them (spread evenly when there
 * are more), so that with asOf the chart costs at most max requests.
 */
export function trendDays(asOf: string, max = 8): string[] {
  return pickEvenly(
    reportDays(asOf).filter((d) => d < asOf),
    max - 1,
  )
}

/** isDay: a real calendar day written yyyy-mm-dd (not 2009-02-30), as the address may hold anything. */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** dayNumber is a yyyy-mm-dd day as a count of days since 1970, for a time axis. */
export function dayNumber(day: string): number {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number)
  return Date.UTC(y, m - 1, d) / 86_400_000
}

/** xScale places days on [left, left+width] in proportion to time; a single day sits in the middle. */
export function xScale(days: string[], left: number, width: number): (day: string) => number {
  if (days.length === 0) return () => left + width / 2
  const nums = days.map(dayNumber)
  const lo = Math.min(...nums)
  const hi = Math.max(...nums)
  if (hi === lo) return () => left + width / 2
  return (day) => left + ((dayNumber(day) - lo) / (hi - lo)) * width
}

/** yScale puts a percent (clamped to 0..100) on a plot whose top is at top and 100% high is height pixels. */
export function yScale(percent: number, top: number, height: number): number {
  const p = Math.min(100, Math.max(0, percent))
  return top + height - (p / 100) * height
}

/** linePath draws points as an SVG path, leaving a gap where y is null (a day with nothing counted). */
export function linePath(points: { x: number; y: number | null }[]): string {
  let out = ''
  let pen = false
  for (const p of points) {
    if (p.y === null) {
      pen = false
      continue
    }
    out += `${out ? ' ' : ''}${pen ? 'L' : 'M'}${round(p.x)} ${round(p.y)}`
    pen = true
  }
  return out
}

const round = (n: number) => Math.round(n * 10) / 10

/** Point is one target on one day, for the trend chart. */
export interface Point {
  day: string
  percent: number | null
  numerator?: number
  denominator?: number
}

/** seriesByCode turns the answers for several days into one series per target code, in day order. */
export function seriesByCode(
  answers: { as_of: string; items: (Pick<TargetValue, 'code' | 'percent'> & Partial<Pick<TargetValue, 'numerator' | 'denominator'>>)[] }[],
): Map<string, Point[]> {
  const out = new Map<string, Point[]>()
  const sorted = [...answers].sort((a, b) => (a.as_of < b.as_of ? -1 : a.as_of > b.as_of ? 1 : 0))
  for (const a of sorted) {
    for (const it of a.items) {
      const list = out.get(it.code) ?? []
      list.push({ day: a.as_of.slice(0, 10), percent: it.percent, numerator: it.numerator, denominator: it.denominator })
      out.set(it.code, list)
    }
  }
  return out
}
