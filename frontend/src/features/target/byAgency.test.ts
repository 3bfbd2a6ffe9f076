import { describe, expect, it } from 'vitest'
import vi from '../../i18n/locales/vi.json'
import en from '../../i18n/locales/en.json'
import type { TargetAgencyRow } from '../../api/types'
import {
  canEnrol,
  cellTone,
  collectIds,
  compareByTarget,
  courseTrack,
  filterRows,
  fold,
  missingKind,
  missingSentenceKey,
  readView,
} from './byAgency'

const row = (id: number, name: string, level: TargetAgencyRow['level'], pcts: Record<string, number | null>): TargetAgencyRow => ({
  agency_id: id,
  code: `A${id}`,
  name,
  level,
  values: Object.entries(pcts).map(([code, percent]) => ({ code, numerator: 0, denominator: percent === null ? 0 : 10, percent, met: (percent ?? 0) > 60 })),
})

describe('cellTone', () => {
  it('is green when met, orange below the threshold, grey with nothing counted', () => {
    expect(cellTone({ percent: 75, met: true })).toBe('met')
    expect(cellTone({ percent: 40, met: false })).toBe('below')
    expect(cellTone({ percent: 0, met: false })).toBe('below')
    expect(cellTone({ percent: null, met: false })).toBe('none')
    // nothing counted is grey even if the server said met
    expect(cellTone({ percent: null, met: true })).toBe('none')
  })
})

describe('compareByTarget', () => {
  const rows = [
    row(1, 'Sở Y tế', 'department', { MAIL: 80, BASIC: 10 }),
    row(2, 'Huyện An Lão', 'district', { MAIL: null, BASIC: 50 }),
    row(3, 'Sở Tài chính', 'department', { MAIL: 20, BASIC: 50 }),
    row(4, 'Huyện Bình Sơn', 'district', { BASIC: 90, MAIL: 80 }),
  ]
  it('orders by the percent of the chosen target, nothing counted first, ties by name', () => {
    expect([...rows].sort(compareByTarget('MAIL')).map((r) => r.agency_id)).toEqual([2, 3, 4, 1])
    expect([...rows].sort(compareByTarget('BASIC')).map((r) => r.agency_id)).toEqual([1, 2, 3, 4])
  })
  it('finds a value by its code, not its position', () => {
    expect(compareByTarget('MAIL')(rows[0], rows[3])).toBeGreaterThan(0) // equal 80: by name, Sở after Huyện
  })
  it('puts a row lacking the target with the ones with nothing counted', () => {
    expect(compareByTarget('OTHER')(rows[0], rows[1])).toBeGreaterThan(0)
  })
})

describe('filterRows and fold', () => {
  const rows = [row(1, 'Sở Y tế', 'department', {}), row(2, 'Huyện Đức Phổ', 'district', {}), row(3, 'Sở Tư pháp', 'department', {})]
  it('keeps a level and a name, diacritics ignored', () => {
    expect(fold('  Đức Phổ ')).toBe('duc pho')
    expect(filterRows(rows, undefined, '').length).toBe(3)
    expect(filterRows(rows, 'department', '').map((r) => r.agency_id)).toEqual([1, 3])
    expect(filterRows(rows, undefined, 'duc pho').map((r) => r.agency_id)).toEqual([2])
    expect(filterRows(rows, 'district', 'so')).toEqual([])
  })
})

describe('the drill-down sentence', () => {
  const cert = { metric: 'holds_certificate', params: { certification: 'email_internet' }, population: 'staff' }
  const agencies = { metric: 'has_certified_person', params: {}, population: 'in_scope_agencies' }
  it('says people without a certificate for people targets, agencies not meeting it for agency targets', () => {
    expect(missingKind(cert)).toBe('people')
    expect(missingKind(agencies)).toBe('agencies')
    expect(missingSentenceKey('people', cert)).toBe('targets.missing.sentence_cert')
    expect(missingSentenceKey('agencies', agencies)).toBe('targets.missing.sentence_agencies')
    expect(missingSentenceKey('people', { metric: 'other', params: {} })).toBe('targets.missing.sentence_people')
  })
  it('has the sentences in both languages, with the Vietnamese wording', () => {
    expect(vi.targets.missing.sentence_cert).toMatch(/^Cán bộ chưa có chứng nhận \{\{cert\}\}/)
    expect(vi.targets.missing.sentence_agencies).toMatch(/^Đơn vị chưa đạt/)
    for (const k of Object.keys(vi.targets.missing)) expect(en.targets.missing).toHaveProperty(k)
    for (const k of Object.keys(vi.targets.by_agency)) expect(en.targets.by_agency).toHaveProperty(k)
    expect(vi.targets.tabs.agencies).toBe('Theo đơn vị')
  })
  it('offers to enrol only for certificate targets of people, in the track of the certification', () => {
    expect(canEnrol(cert)).toBe(true)
    expect(canEnrol(agencies)).toBe(false)
    expect(courseTrack('email_internet')).toBe('email-internet')
    expect(courseTrack('it_basic')).toBe('it-basic')
    expect(courseTrack(undefined)).toBeUndefined()
  })
})

describe('collectIds', () => {
  const fake = (total: number) => {
    const calls: number[][] = []
    const fetchPage = async (page: number, size: number) => {
      calls.push([page, size])
      const from = (page - 1) * size
      const items = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => ({ id: from + i + 1 }))
      return { items, total }
    }
    return { calls, fetchPage }
  }
  it('fetches pages of 200 until the total', async () => {
    const f = fake(450)
    const r = await collectIds(f.fetchPage)
    expect(r.ids.length).toBe(450)
    expect(r.total).toBe(450)
    expect(f.calls).toEqual([[1, 200], [2, 200], [3, 200]])
  })
  it('stops at 2,000', async () => {
    const f = fake(5000)
    const r = await collectIds(f.fetchPage)
    expect(r.ids.length).toBe(2000)
    expect(r.total).toBe(5000)
    expect(f.calls.length).toBe(10)
  })
})

describe('readView', () => {
  it('is agencies only for view=agencies', () => {
    expect(readView('agencies')).toBe('agencies')
    expect(readView('manage')).toBe('manage')
    expect(readView(null)).toBe('overview')
    expect(readView('x')).toBe('overview')
  })
})
