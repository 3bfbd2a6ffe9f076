import { describe, expect, it } from 'vitest'
import type { Position } from '../../api/types'
import { POSITION_ROLES } from '../../api/types'
import vi from '../../i18n/locales/vi.json'
import en from '../../i18n/locales/en.json'
import { canEnd, decisionWording, isCurrent, roleColor, roleKey, splitPositions, type Wording } from './positions'

type Tree = { [k: string]: string | Tree }

/** say renders a wording with a language's file, as i18next would. */
function say(lang: Tree, w: Wording | null): string {
  if (!w) return ''
  const s = w.key.split('.').reduce<string | Tree>((n, k) => (n as Tree)[k], lang) as string
  return s.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => w.values[k])
}

function label(lang: Tree, key: string): string {
  return key.split('.').reduce<string | Tree>((n, k) => (n as Tree)[k], lang) as string
}

let next = 1
function pos(p: Partial<Position>): Position {
  return {
    id: next++,
    person_id: 1,
    person_name: 'Nguyễn Văn An',
    agency_id: 1,
    agency_name: 'UBND huyện Can Lộc',
    role: 'it_officer',
    valid_from: '2008-05-01T00:00:00Z',
    valid_to: null,
    decision_no: '',
    decision_date: null,
    ...p,
  }
}

describe('roles', () => {
  it('are named as the decision names them', () => {
    expect(POSITION_ROLES.map((r) => label(vi as Tree, roleKey(r)))).toEqual([
      'Phụ trách CNTT',
      'Giám đốc CNTT (CIO)',
      'Chuyên trách CNTT',
    ])
    expect(label(en as Tree, roleKey('cio'))).toBe('Chief Information Officer (CIO)')
  })
  it('have a colour each, all different', () => {
    const colours = POSITION_ROLES.map(roleColor)
    expect(colours).toEqual(['blue', 'purple', 'cyan'])
    expect(new Set(colours).size).toBe(POSITION_ROLES.length)
  })
})

describe('decisionWording', () => {
  it('words the number and the date as a decision is cited', () => {
    const w = decisionWording({ decision_no: '125/QĐ-UBND', decision_date: '2008-04-25T00:00:00Z' })
    expect(say(vi as Tree, w)).toBe('Quyết định số 125/QĐ-UBND ngày 25/04/2008')
    expect(say(en as Tree, w)).toBe('Decision No. 125/QĐ-UBND of 25/04/2008')
  })
  it('says what is known when only one of them is', () => {
    expect(say(vi as Tree, decisionWording({ decision_no: ' 12/QĐ-SNV ', decision_date: null }))).toBe('Quyết định số 12/QĐ-SNV')
    expect(say(vi as Tree, decisionWording({ decision_no: '', decision_date: '2009-01-05' }))).toBe('Quyết định ngày 05/01/2009')
    expect(decisionWording({ decision_no: '  ', decision_date: null })).toBeNull()
  })
})

describe('current and history', () => {
  const today = '2009-06-30'
  it('counts a position held until its last day has passed', () => {
    expect(isCurrent(pos({ valid_to: null }), today)).toBe(true)
    expect(isCurrent(pos({ valid_to: '2009-06-30T00:00:00Z' }), today)).toBe(true)
    expect(isCurrent(pos({ valid_to: '2009-06-29T00:00:00Z' }), today)).toBe(false)
    expect(canEnd(pos({ valid_to: null }))).toBe(true)
    expect(canEnd(pos({ valid_to: '2010-12-31' }))).toBe(false)
  })

  it('splits, then sorts current by agency, role and start, history latest ended first', () => {
    const a = pos({ agency_name: 'UBND xã Thiên Lộc', role: 'it_officer' })
    const b = pos({ agency_name: 'UBND huyện Can Lộc', role: 'it_specialist' })
    const c = pos({ agency_name: 'UBND huyện Can Lộc', role: 'cio', valid_from: '2009-02-01' })
    const d = pos({ agency_name: 'UBND huyện Can Lộc', role: 'cio', valid_from: '2008-07-01' })
    const e = pos({ agency_name: 'UBND huyện Can Lộc', role: 'cio', valid_from: '2008-01-01', valid_to: '2008-06-30' })
    const f = pos({ agency_name: 'UBND xã Thiên Lộc', role: 'it_officer', valid_from: '2008-01-01', valid_to: '2009-03-31' })
    const g = pos({ agency_name: 'UBND huyện Can Lộc', role: 'it_officer', valid_from: '2008-01-01', valid_to: '2010-12-31' })
    const { current, history } = splitPositions([e, a, f, b, c, g, d], today)
    expect(current.map((p) => p.id)).toEqual([g.id, d.id, c.id, b.id, a.id])
    expect(history.map((p) => p.id)).toEqual([f.id, e.id])
  })

  it('leaves the given list as it was', () => {
    const list = [pos({ agency_name: 'B' }), pos({ agency_name: 'A' })]
    const ids = list.map((p) => p.id)
    splitPositions(list, today)
    expect(list.map((p) => p.id)).toEqual(ids)
  })
})
