import { describe, expect, it } from 'vitest'
import type { ReportData, ReportRun, TargetValue } from '../../api/types'
import { compare, halves, isPending, ordered, periodParts, progress, recipientsOf, recipientsText } from './reports'

const value = (code: string, percent: number | null): TargetValue => ({
  id: 1,
  code,
  text_vi: `Chỉ tiêu ${code}`,
  text_en: `Target ${code}`,
  section: '',
  population: 'staff',
  metric: 'holds_certificate',
  params: {},
  rule: 'ge',
  threshold: 100,
  deadline: '2010-12-31',
  as_of: '2009-12-31',
  numerator: 0,
  denominator: percent === null ? 0 : 10,
  percent,
  met: false,
  status: 'at_risk',
})

const data = (targets: TargetValue[]): ReportData => ({
  period: '2009-H2',
  as_of: '2009-12-31',
  previous: { code: '2009-H1', end: '2009-06-30' },
  scope: { id: 0, code: 'HT', name: 'Tỉnh Hà Tĩnh' },
  targets,
  previous_targets: [],
  agencies: [],
  created: '2026-01-01T00:00:00Z',
})

describe('halves', () => {
  it('lists the half years from 2008 to the one today falls in, newest first, the running one not ended', () => {
    const hs = halves('2009-08-15')
    expect(hs.map((h) => h.code)).toEqual(['2009-H2', '2009-H1', '2008-H2', '2008-H1'])
    expect(hs[0]).toEqual({ code: '2009-H2', start: '2009-07-01', end: '2009-12-31', ended: false })
    expect(hs[1].ended).toBe(true)
  })
  it('counts a half year as ended only the day after its last day', () => {
    expect(halves('2009-06-30')[0]).toMatchObject({ code: '2009-H1', ended: false })
    expect(halves('2009-07-01')[1]).toMatchObject({ code: '2009-H1', ended: true })
  })
})

describe('periodParts', () => {
  it('reads a period and refuses anything else', () => {
    expect(periodParts('2010-H1')).toEqual({ year: 2010, half: 1 })
    expect(periodParts('2010-H3')).toBeNull()
    expect(periodParts('H1-2010')).toBeNull()
  })
})

describe('progress', () => {
  it('is the share of steps done, 100 only when done', () => {
    expect(progress({ status: 'queued', step: 0, steps: 7 })).toBe(0)
    expect(progress({ status: 'running', step: 7, steps: 7 })).toBe(99)
    expect(progress({ status: 'running', step: 3, steps: 7 })).toBe(43)
    expect(progress({ status: 'done', step: 7, steps: 7 })).toBe(100)
    expect(isPending({ status: 'running' })).toBe(true)
    expect(isPending({ status: 'failed' })).toBe(false)
  })
})

describe('recipients', () => {
  it('are one per line, blank lines dropped', () => {
    expect(recipientsOf(' UBND tỉnh (để báo cáo);\n\n  Lưu: VT \n')).toEqual(['UBND tỉnh (để báo cáo);', 'Lưu: VT'])
    expect(recipientsText(['a', 'b'])).toBe('a\nb')
    expect(recipientsText(null)).toBe('')
  })
})

describe('compare', () => {
  it('lines targets up by code, with the change in points, and keeps targets only one run has', () => {
    const a = data([value('IT-OFFICER', 40), value('CIO-70', null), value('OLD', 10)])
    const b = data([value('CIO-70', 20), value('IT-OFFICER', 63.33), value('NEW', 5)])
    const rows = compare(a, b)
    expect(rows.map((r) => r.code)).toEqual(['IT-OFFICER', 'CIO-70', 'OLD', 'NEW'])
    expect(rows[0].delta).toBe(23.3)
    expect(rows[1].delta).toBeNull()
    expect(rows[2].b).toBeNull()
    expect(rows[3].a).toBeNull()
    expect(rows[3].text_vi).toBe('Chỉ tiêu NEW')
  })
  it('orders two runs by their day, then by id', () => {
    const r = (id: number, as_of: string) => ({ id, as_of }) as ReportRun
    expect(ordered(r(5, '2010-06-30'), r(2, '2009-12-31')).map((x) => x.id)).toEqual([2, 5])
    expect(ordered(r(5, '2009-12-31'), r(2, '2009-12-31')).map((x) => x.id)).toEqual([2, 5])
  })
})
