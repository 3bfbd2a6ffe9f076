// The projection of a target at its deadline ("Dự báo đến hạn"): where its
// value lands if it keeps the pace it has had, worked out from the trend
// series the dashboard already loads.

import type { TargetValue } from '../../api/types'
import { dayNumber, type Point } from './targets'

/** Verdict of a projection: already met and staying so, on pace to meet it, or falling short. */
export type Verdict = 'reached' | 'on_pace' | 'short'

export interface Projection {
  /** the deadline, yyyy-mm-dd */
  deadline: string
  /** the value projected on the deadline, clamped to 0..100 */
  percent: number
  verdict: Verdict
}

/** PACE_DAYS: the pace is measured over (about) the last twelve months. */
export const PACE_DAYS = 365

/** meets applies a target's rule: above the threshold (gt) or at least it (ge). */
export function meets(percent: number, rule: TargetValue['rule'], threshold: number): boolean {
  return rule === 'gt' ? percent > threshold : percent >= threshold
}

/**
 * project works out the value at the deadline at the current pace: the
 * straight line from the earliest point with data within PACE_DAYS before
 * the latest one (or, when none is that close, the one just before it) to
 * the latest point, carried on to the deadline and clamped to 0..100.
 *
 * null when there is nothing to say: the latest day is past the deadline,
 * or fewer than two days have data.
 */
export function project(
  points: Point[],
  target: Pick<TargetValue, 'deadline' | 'rule' | 'threshold'>,
): Projection | null {
  const deadline = target.deadline.slice(0, 10)
  const known = points
    .filter((p): p is Point & { percent: number } => p.percent !== null && Number.isFinite(p.percent))
    .sort((a, b) => dayNumber(a.day) - dayNumber(b.day))
  if (known.length < 2) return null
  const last = known[known.length - 1]
  const end = dayNumber(deadline)
  const now = dayNumber(last.day)
  if (now > end) return null
  const earlier = known.slice(0, -1)
  const base = earlier.find((p) => now - dayNumber(p.day) <= PACE_DAYS) ?? earlier[earlier.length - 1]
  const span = now - dayNumber(base.day)
  if (span <= 0) return null
  const slope = (last.percent - base.percent) / span
  const percent = Math.min(100, Math.max(0, last.percent + slope * (end - now)))
  const verdict: Verdict = !meets(percent, target.rule, target.threshold)
    ? 'short'
    : meets(last.percent, target.rule, target.threshold)
      ? 'reached'
      : 'on_pace'
  return { deadline, percent, verdict }
}

/** verdictColor is the antd Tag colour of a verdict. */
export const verdictColor: Record<Verdict, string> = { reached: 'green', on_pace: 'blue', short: 'red' }
