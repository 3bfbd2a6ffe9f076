import { describe, expect, it } from 'vitest'
import { meets, project } from './projection'

const target = { deadline: '2010-12-31T00:00:00Z', rule: 'ge' as const, threshold: 60 }

describe('project', () => {
  it('carries the pace of the last twelve months on to the deadline', () => {
    const p = project(
      [
        { day: '2008-06-30', percent: 0 },
        { day: '2008-12-31', percent: 10 },
        { day: '2009-06-30', percent: 20 },
        { day: '2009-12-31', percent: 40 },
      ],
      target,
    )
    // From 10% on 31/12/2008 to 40% on 31/12/2009: 30 points a year, 70% a year later.
    expect(p?.deadline).toBe('2010-12-31')
    expect(p?.percent).toBeCloseTo(70, 5)
    expect(p?.verdict).toBe('on_pace')
  })

  it('uses the day just before when no earlier day is within twelve months', () => {
    const p = project(
      [
        { day: '2006-12-31', percent: 20 },
        { day: '2009-12-31', percent: 50 },
      ],
      target,
    )
    // 30 points over three years, about 10 a year: just under 60% at the deadline.
    expect(p?.percent).toBeCloseTo(60, 1)
    expect(p?.verdict).toBe('short')
  })

  it('says "reached" when already met and staying so, "short" when the pace falls short', () => {
    expect(project([{ day: '2009-06-30', percent: 60 }, { day: '2009-12-31', percent: 65 }], target)?.verdict).toBe('reached')
    expect(project([{ day: '2009-06-30', percent: 10 }, { day: '2009-12-31', percent: 12 }], target)?.verdict).toBe('short')
    // Met today but sliding: falls below by the deadline.
    expect(project([{ day: '2009-06-30', percent: 90 }, { day: '2009-12-31', percent: 62 }], target)?.verdict).toBe('short')
  })

  it('clamps to 0..100', () => {
    expect(project([{ day: '2008-12-31', percent: 10 }, { day: '2009-12-31', percent: 90 }], target)?.percent).toBe(100)
    expect(project([{ day: '2008-12-31', percent: 90 }, { day: '2009-12-31', percent: 10 }], target)?.percent).toBe(0)
  })

  it('applies the rule: above (gt) is not reached at the threshold itself', () => {
    const flat = [
      { day: '2009-06-30', percent: 70 },
      { day: '2009-12-31', percent: 70 },
    ]
    expect(project(flat, { ...target, rule: 'gt', threshold: 70 })?.verdict).toBe('short')
    expect(project(flat, { ...target, rule: 'ge', threshold: 70 })?.verdict).toBe('reached')
    expect(meets(70.1, 'gt', 70)).toBe(true)
  })

  it('says nothing past the deadline, with fewer than two days of data, or in any order given', () => {
    expect(project([{ day: '2010-06-30', percent: 10 }, { day: '2011-01-01', percent: 20 }], target)).toBeNull()
    expect(project([{ day: '2009-06-30', percent: null }, { day: '2009-12-31', percent: 20 }], target)).toBeNull()
    expect(project([], target)).toBeNull()
    // On the deadline day itself: the value of that day.
    expect(project([{ day: '2010-06-30', percent: 30 }, { day: '2010-12-31', percent: 50 }], target)?.percent).toBe(50)
    // Unsorted input is sorted first; days without data are skipped.
    const p = project(
      [
        { day: '2009-12-31', percent: 40 },
        { day: '2009-06-30', percent: null },
        { day: '2008-12-31', percent: 10 },
      ],
      target,
    )
    expect(p?.percent).toBeCloseTo(70, 5)
  })
})
