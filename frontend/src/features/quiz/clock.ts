// The attempt's clock. The deadline is by the server's clock; the page never
// trusts the browser's clock for it. Each server answer carries server_time:
// the page anchors it to the monotonic clock (performance.now()) at the middle
// of the request, and reads the server's "now" from that anchor, so a wrong
// or changed system clock moves nothing.

export interface ClockAnchor {
  /** the server's time, in ms since the epoch */
  server: number
  /** performance.now() when the server read its clock (the request's midpoint) */
  mono: number
}

/** anchor makes a clock anchor from a server_time and the monotonic times the request left and came back. */
export function anchor(serverTime: string, sentMono: number, receivedMono: number): ClockAnchor | null {
  const server = Date.parse(serverTime)
  if (Number.isNaN(server)) return null
  return { server, mono: (sentMono + receivedMono) / 2 }
}

/** serverNow is the server's time now, read from the anchor. */
export function serverNow(a: ClockAnchor, mono: number): number {
  return a.server + (mono - a.mono)
}

/** remaining is the time left until deadline (ms, never negative); null without a deadline. */
export function remaining(deadline: string | null, a: ClockAnchor, mono: number): number | null {
  if (!deadline) return null
  const d = Date.parse(deadline)
  if (Number.isNaN(d)) return null
  return Math.max(0, d - serverNow(a, mono))
}

/** formatRemaining shows ms left as H:MM:SS, or MM:SS under an hour (rounded up: 00:00 only at the end). */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const two = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`
}

/** WARNINGS are the minutes left at which the learner is warned. */
export const WARNINGS = [5, 1] as const

/**
 * dueWarning tells which warning (in minutes) to give now, if any, and the
 * thresholds given so far: the smallest threshold reached and not given yet,
 * and every larger one counts as given with it. A page loaded with 30 seconds
 * left warns "1 minute" once, never "5 minutes" after it.
 */
export function dueWarning(ms: number, given: readonly number[]): { warn: number | null; given: number[] } {
  const reached = WARNINGS.filter((w) => ms <= w * 60_000)
  const fresh = reached.filter((w) => !given.includes(w))
  if (fresh.length === 0) return { warn: null, given: [...given] }
  return { warn: Math.min(...fresh), given: [...new Set([...given, ...reached])] }
}
