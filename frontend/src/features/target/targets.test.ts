import { describe, expect, it } from 'vitest'
import vi from '../../i18n/locales/vi.json'
import en from '../../i18n/locales/en.json'
import {
  countsAgencies,
  DECISION_DAYS,
  isDay,
  linePath,
  pickEvenly,
  reportDays,
  ruleKey,
  seriesByCode,
  shownStatus,
  SHOWN,
  statusColor,
  trendDays,
  xScale,
  yScale,
} from './targets'

type Tree = { [k: string]: string | Tree }
const text = (t: Tree, key: string, values: Record<string, string> = {}) => {
  const s = key.split('.').reduce<string | Tree>((n, k) => (n as Tree)[k], t) as string
  return s.replace(/\{\{(\w+)\}\}/g, (_, k) => values[k])
}

describe('targets', () => {
  it('labels and colours each status, and says "no data" when nothing is counted', () => {
    expect(shownStatus({ percent: 80, status: 'met' })).toBe('met')
    expect(shownStatus({ percent: 0, status: 'missed' })).toBe('missed')
    expect(shownStatus({ percent: null, status: 'missed' })).toBe('no_data')
    expect(statusColor).toEqual({ met: 'green', missed: 'red', on_track: 'blue', at_risk: 'orange', no_data: 'default' })
    expect(SHOWN.map((s) => text(vi as Tree, `targets.status.${s}`))).toEqual(['Đã đạt', 'Không đạt', 'Đúng tiến độ', 'Có nguy cơ', 'Chưa có dữ liệu'])
    expect(SHOWN.map((s) => text(en as Tree, `targets.status.${s}`))).toEqual(['Met', 'Missed', 'On track', 'At risk', 'No data yet'])
  })

  it('puts the rule in words', () => {
    expect(ruleKey('gt', 70)).toBe('targets.rule.gt')
    expect(ruleKey('ge', 100)).toBe('targets.rule.all')
    expect(ruleKey('ge', 60)).toBe('targets.rule.ge')
    expect(text(vi as Tree, ruleKey('gt', 70), { pct: '70' })).toBe('Trên 70%')
    expect(text(vi as Tree, ruleKey('ge', 100), { pct: '100' })).toBe('Đạt 100%')
    expect(text(vi as Tree, ruleKey('ge', 60), { pct: '60' })).toBe('Từ 60% trở lên')
    expect(text(en as Tree, ruleKey('gt', 70), { pct: '70' })).toBe('Above 70%')
    expect(text(en as Tree, ruleKey('ge', 60), { pct: '60' })).toBe('60% or more')
  })

  it('tells agency targets from people targets', () => {
    expect(countsAgencies('in_scope_agencies')).toBe(true)
    expect(countsAgencies('agencies_of_sectors')).toBe(true)
    expect(countsAgencies('agencies_of_levels')).toBe(true)
    expect(countsAgencies('professional_staff')).toBe(false)
    expect(countsAgencies('staff_of_levels')).toBe(false)
  })

  it('lists the six-monthly report days up to a day', () => {
    expect(DECISION_DAYS).toEqual(['2008-06-30', '2008-12-31', '2009-06-30', '2009-12-31', '2010-06-30', '2010-12-31'])
    expect(reportDays('2008-06-29')).toEqual([])
    expect(reportDays('2008-06-30')).toEqual(['2008-06-30'])
    expect(reportDays('2009-12-30')).toEqual(['2008-06-30', '2008-12-31', '2009-06-30'])
    expect(reportDays('2026-11-26')).toHaveLength(37)
    expect(isDay('2009-12-31')).toBe(true)
    expect(isDay('2009-02-30')).toBe(false)
    expect(isDay('31/12/2009')).toBe(false)
  })

  it('asks the trend for at most eight days, the chosen one included', () => {
    expect(trendDays('2009-12-31')).toEqual(['2008-06-30', '2008-12-31', '2009-06-30'])
    expect(trendDays('2010-03-15')).toEqual(['2008-06-30', '2008-12-31', '2009-06-30', '2009-12-31'])
    expect(trendDays('2008-01-01')).toEqual([])
    const long = trendDays('2026-11-26')
    expect(long).toHaveLength(7)
    expect(long[0]).toBe('2008-06-30')
    expect(long[6]).toBe('2026-06-30')
    expect([...long].sort()).toEqual(long)
    expect(pickEvenly([1, 2, 3, 4, 5], 3)).toEqual([1, 3, 5])
    expect(pickEvenly([1, 2], 5)).toEqual([1, 2])
  })

  it('scales the chart: time across, 0-100% up, gaps where nothing is counted', () => {
    const x = xScale(['2008-06-30', '2009-06-30', '2010-06-30'], 40, 200)
    expect(x('2008-06-30')).toBe(40)
    expect(x('2010-06-30')).toBe(240)
    // 2009-06-30 is 365 days after the first, of 730.
    expect(x('2009-06-30')).toBeCloseTo(140, 5)
    expect(xScale(['2009-12-31'], 40, 200)('2009-12-31')).toBe(140)
    expect(yScale(0, 10, 100)).toBe(110)
    expect(yScale(100, 10, 100)).toBe(10)
    expect(yScale(70, 10, 100)).toBeCloseTo(40, 5)
    expect(yScale(130, 10, 100)).toBe(10)
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 10, y: 20 },
        { x: 20, y: null },
        { x: 30, y: 5.55 },
        { x: 40, y: 6 },
      ]),
    ).toBe('M0 10 L10 20 M30 5.6 L40 6')
    expect(linePath([{ x: 0, y: null }])).toBe('')
  })

  it('gathers one series per target from several days, in day order', () => {
    const s = seriesByCode([
      { as_of: '2009-12-31T00:00:00Z', items: [{ code: 'A', percent: 50 }, { code: 'B', percent: null }] },
      { as_of: '2008-06-30T00:00:00Z', items: [{ code: 'A', percent: 10 }] },
    ])
    expect(s.get('A')).toEqual([
      { day: '2008-06-30', percent: 10 },
      { day: '2009-12-31', percent: 50 },
    ])
    expect(s.get('B')).toEqual([{ day: '2009-12-31', percent: null }])
  })
})
