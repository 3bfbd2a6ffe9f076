import { describe, expect, it } from 'vitest'
import { anchor, dueWarning, formatRemaining, remaining, serverNow } from './clock'

describe('attempt clock', () => {
  it('reads the server time from the midpoint of the request, whatever the browser clock says', () => {
    const a = anchor('2026-11-26T10:00:00Z', 1000, 1400)!
    expect(a.mono).toBe(1200)
    expect(serverNow(a, 1200)).toBe(Date.parse('2026-11-26T10:00:00Z'))
    expect(serverNow(a, 61_200)).toBe(Date.parse('2026-11-26T10:01:00Z'))
    expect(anchor('not a time', 0, 0)).toBeNull()
  })

  it('counts down to the deadline and stops at zero', () => {
    const a = anchor('2026-11-26T10:00:00Z', 0, 0)!
    expect(remaining('2026-11-26T10:20:00Z', a, 0)).toBe(20 * 60_000)
    expect(remaining('2026-11-26T10:20:00Z', a, 19 * 60_000)).toBe(60_000)
    expect(remaining('2026-11-26T10:20:00Z', a, 21 * 60_000)).toBe(0)
    expect(remaining(null, a, 0)).toBeNull()
    // A deadline given with an offset is the same instant.
    expect(remaining('2026-11-26T17:20:00+07:00', a, 0)).toBe(20 * 60_000)
  })

  it('formats the time left', () => {
    expect(formatRemaining(0)).toBe('00:00')
    expect(formatRemaining(999)).toBe('00:01')
    expect(formatRemaining(65_000)).toBe('01:05')
    expect(formatRemaining(59 * 60_000 + 59_000)).toBe('59:59')
    expect(formatRemaining(2 * 3600_000 + 5 * 60_000 + 7000)).toBe('2:05:07')
    expect(formatRemaining(-5)).toBe('00:00')
  })

  it('warns at 5 and 1 minutes, once each, never 5 after 1', () => {
    let given: number[] = []
    const at = (ms: number) => {
      const d = dueWarning(ms, given)
      given = d.given
      return d.warn
    }
    expect(at(6 * 60_000)).toBeNull()
    expect(at(5 * 60_000)).toBe(5)
    expect(at(4 * 60_000)).toBeNull()
    expect(at(60_000)).toBe(1)
    expect(at(30_000)).toBeNull()
    given = []
    expect(at(30_000)).toBe(1)
    expect(at(20_000)).toBeNull()
  })
})
