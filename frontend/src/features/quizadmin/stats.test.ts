import { describe, expect, it } from 'vitest'
import { barHeights, creditKind, discriminationLevel, facilityLevel, flagged, niceScale, percentText, shares, tenBins } from './stats'

describe('histogram', () => {
  it('always has ten bins of ten points', () => {
    const bins = tenBins([
      { from: 90, to: 100, count: 4 },
      { from: 40, to: 50, count: 2 },
    ])
    expect(bins).toHaveLength(10)
    expect(bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 2, 0, 0, 0, 0, 4])
    expect(bins[9]).toEqual({ from: 90, to: 100, count: 4 })
    expect(tenBins(null).every((b) => b.count === 0)).toBe(true)
    // A bin from 100 (should the server send one) belongs to the last.
    expect(tenBins([{ from: 100, to: 100, count: 1 }])[9].count).toBe(1)
  })
  it('chooses round axis steps', () => {
    expect(niceScale(0)).toEqual({ max: 1, step: 1 })
    expect(niceScale(3)).toEqual({ max: 3, step: 1 })
    expect(niceScale(7)).toEqual({ max: 8, step: 2 })
    expect(niceScale(10)).toEqual({ max: 10, step: 5 })
    expect(niceScale(37)).toEqual({ max: 40, step: 10 })
    expect(niceScale(120)).toEqual({ max: 150, step: 50 })
  })
  it('scales bars to the axis, and never draws a non-empty bin flat', () => {
    expect(barHeights([0, 5, 10], 10, 200)).toEqual([0, 100, 200])
    expect(barHeights([1], 1000, 100)).toEqual([1])
    expect(barHeights([3], 0, 100)).toEqual([0])
  })
})

describe('question flags', () => {
  it('mark questions too hard (<30%) or too easy (>90%)', () => {
    expect(facilityLevel(0.29)).toBe('hard')
    expect(facilityLevel(0.3)).toBe('ok')
    expect(facilityLevel(0.9)).toBe('ok')
    expect(facilityLevel(0.91)).toBe('easy')
    expect(facilityLevel(null)).toBeNull()
  })
  it('mark questions that tell learners apart poorly (<0.2) or backwards (<0)', () => {
    expect(discriminationLevel(-0.1)).toBe('negative')
    expect(discriminationLevel(0.19)).toBe('weak')
    expect(discriminationLevel(0.2)).toBe('ok')
    expect(discriminationLevel(undefined)).toBeNull()
  })
  it('flag a question when either is out of range, not when unknown', () => {
    expect(flagged({ facility: 0.5, discrimination: 0.4 })).toBe(false)
    expect(flagged({ facility: 0.95, discrimination: 0.4 })).toBe(true)
    expect(flagged({ facility: 0.5, discrimination: 0.1 })).toBe(true)
    expect(flagged({ facility: null, discrimination: null })).toBe(false)
  })
})

describe('answers and numbers', () => {
  it('share the answers given', () => {
    expect(shares([{ count: 3 }, { count: 1 }])).toEqual([0.75, 0.25])
    expect(shares([{ count: 0 }])).toEqual([0])
  })
  it('tells right, partial and wrong answers apart', () => {
    expect(creditKind(1)).toBe('right')
    expect(creditKind(0.5)).toBe('partial')
    expect(creditKind(0)).toBe('wrong')
    expect(creditKind(-0.5)).toBe('wrong')
  })
  it('shows fractions as percents in the language of the page', () => {
    expect(percentText(0.356, 'vi')).toBe('36%')
    expect(percentText(0.3565, 'vi', 1)).toBe('35,7%')
    expect(percentText(0.3565, 'en', 1)).toBe('35.7%')
    expect(percentText(null, 'vi')).toBe('—')
  })
})
