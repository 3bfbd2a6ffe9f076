import { describe, expect, it } from 'vitest'
import { durationParts, formatMark, formatPercent } from './format'

describe('quiz numbers', () => {
  it('writes marks and percents with the language decimal mark', () => {
    expect(formatMark(1.5, 'vi')).toBe('1,5')
    expect(formatMark(2, 'vi')).toBe('2')
    expect(formatMark(0.333333, 'en')).toBe('0.33')
    expect(formatPercent(87.5, 'vi')).toBe('87,5%')
    expect(formatPercent(100, 'en')).toBe('100%')
    expect(formatPercent(66.666, 'vi')).toBe('66,7%')
  })
  it('measures how long an attempt took', () => {
    expect(durationParts('2026-11-26T10:00:00Z', '2026-11-26T11:05:09Z')).toEqual({ h: 1, m: 5, s: 9 })
    expect(durationParts('2026-11-26T10:00:00Z', '2026-11-26T09:00:00Z')).toBeNull()
  })
})
