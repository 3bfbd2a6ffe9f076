import { describe, expect, it } from 'vitest'
import type { Mailbox, Qualification } from '../../api/types'
import { degreeKey, degreeRequest, sortDegrees } from './degrees'
import { firstFreeDay, MAILBOX_PATTERN, normalAddress, splitMailboxes } from './mailboxes'

const mb = (id: number, from: string, to: string | null, address = `hopthu${id}@hatinh.gov.vn`): Mailbox => ({
  id,
  agency_id: 1,
  address,
  valid_from: `${from}T00:00:00Z`,
  valid_to: to ? `${to}T00:00:00Z` : null,
})

describe('mailboxes', () => {
  it('splits the address in use from the history, latest first', () => {
    const { current, history } = splitMailboxes(
      [mb(1, '2008-03-01', '2009-05-31'), mb(3, '2009-06-01', null), mb(2, '2007-01-01', '2008-02-29')],
      '2026-11-26',
    )
    expect(current.map((m) => m.id)).toEqual([3])
    expect(history.map((m) => m.id)).toEqual([1, 2])
  })

  it('keeps an address ending today, or one starting later, as current', () => {
    const { current, history } = splitMailboxes([mb(1, '2020-01-01', '2026-11-26'), mb(2, '2026-11-27', null)], '2026-11-26')
    expect(current.map((m) => m.id)).toEqual([2, 1])
    expect(history).toEqual([])
  })

  it('lets a new address start only after the latest start recorded', () => {
    expect(firstFreeDay([])).toBeNull()
    expect(firstFreeDay([mb(1, '2008-03-01', '2009-05-31'), mb(2, '2009-06-01', null)])).toBe('2009-06-02')
    expect(firstFreeDay([mb(1, '2008-12-31', null)])).toBe('2009-01-01')
    expect(firstFreeDay([mb(1, '2008-02-28', null)])).toBe('2008-02-29')
  })

  it('checks and normalises an address as the server does', () => {
    expect(MAILBOX_PATTERN.test('vanthu.snv@hatinh.gov.vn')).toBe(true)
    expect(MAILBOX_PATTERN.test('vanthu snv@hatinh.gov.vn')).toBe(false)
    expect(MAILBOX_PATTERN.test('vanthu@localhost')).toBe(false)
    expect(normalAddress('  VanThu@HaTinh.gov.vn ')).toBe('vanthu@hatinh.gov.vn')
  })
})

const q = (id: number, level: Qualification['level'], awarded: string, field = 'Công nghệ thông tin'): Qualification => ({
  id,
  person_id: 7,
  level,
  field,
  it_field: true,
  awarded_on: `${awarded}T00:00:00Z`,
  institution: '',
  evidence_name: null,
})

describe('degrees', () => {
  it('builds the request: trimmed texts, no empty institution, no missing file', () => {
    expect(
      degreeRequest({ level: 'university', field: ' Khoa học máy tính ', it_field: true, awarded_on: '2005-06-30', institution: '  ' }),
    ).toEqual({ level: 'university', field: 'Khoa học máy tính', it_field: true, awarded_on: '2005-06-30' })
    const file = new File(['%PDF-1.4'], 'bang.pdf', { type: 'application/pdf' })
    const r = degreeRequest({ level: 'master', field: 'Hệ thống thông tin', it_field: false, awarded_on: '2009-01-15', institution: ' ĐH Vinh ', evidence: file })
    expect(r.institution).toBe('ĐH Vinh')
    expect(r.evidence).toBe(file)
    expect(r.it_field).toBe(false)
  })

  it('sorts the latest award first, then the higher level', () => {
    const sorted = sortDegrees([q(1, 'college', '2001-06-30'), q(2, 'university', '2005-06-30'), q(3, 'master', '2005-06-30')])
    expect(sorted.map((d) => d.id)).toEqual([3, 2, 1])
  })

  it('names each level by an i18n key', () => {
    expect(degreeKey('doctorate')).toBe('degrees.level.doctorate')
  })
})
