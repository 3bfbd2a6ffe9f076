import { describe, expect, it } from 'vitest'
import type { Certification } from '../../api/types'
import vi from '../../i18n/locales/vi.json'
import en from '../../i18n/locales/en.json'
import {
  CODE_PATTERN,
  PREFIX_PATTERN,
  TARGETS,
  addRow,
  formFrom,
  isEvidence,
  moveRow,
  removeRow,
  requirementErrors,
  rowsFrom,
  setMinPercent,
  targetKey,
  toEdit,
  toInput,
  toRequirements,
  type ReqRow,
} from './certadmin'

const cio: Certification = {
  id: 3,
  code: 'CIO',
  name_vi: 'Giám đốc công nghệ thông tin (CIO)',
  name_en: 'Chief Information Officer (CIO)',
  authority: 'UBND TỈNH HÀ TĨNH',
  issuer: 'SỞ NỘI VỤ',
  issuer_en: 'Department of Home Affairs of Hà Tĩnh',
  place: 'Hà Tĩnh',
  signer_title: 'GIÁM ĐỐC',
  signer_name: '',
  serial_prefix: 'CIO',
  requirement_mode: 'all',
  validity_months: 36,
  renew_window_days: 90,
  renew_requires: 'quizzes',
  target: 'cio',
  active: true,
  source: 'files',
  version: 4,
  issued: 12,
  requirements: [
    { course_slug: 'giam-doc-cntt', course_title_vi: 'Giám đốc CNTT', quiz_id: null, quiz_title_vi: null, min_percent: null },
    { course_slug: null, course_title_vi: null, quiz_id: 41, quiz_title_vi: 'Bài kiểm tra cuối khóa', min_percent: 80 },
  ],
}

const course = (slug: string): ReqRow => ({ kind: 'course', course_slug: slug, title: slug })
const quiz = (id: number, min: number | null = null): ReqRow => ({ kind: 'quiz', quiz_id: id, title: `Q${id}`, min_percent: min })

describe('form and certification', () => {
  it('reads a certification into the form and back unchanged', () => {
    const v = formFrom(cio)
    expect(v.expires).toBe('months')
    expect(v.requirements).toEqual([
      { kind: 'course', course_slug: 'giam-doc-cntt', title: 'Giám đốc CNTT' },
      { kind: 'quiz', quiz_id: 41, title: 'Bài kiểm tra cuối khóa', min_percent: 80 },
    ])
    const e = toEdit(v, cio)
    expect(e).toEqual({
      name_vi: cio.name_vi,
      name_en: cio.name_en,
      authority: cio.authority,
      issuer: cio.issuer,
      issuer_en: cio.issuer_en,
      place: cio.place,
      signer_title: cio.signer_title,
      signer_name: '',
      validity_months: 36,
      renew_window_days: 90,
      renew_requires: 'quizzes',
      target: 'cio',
      active: true,
      version: 4,
    })
  })

  it('sends what earns it only for a certification made in the app', () => {
    const v = formFrom(cio)
    expect('requirements' in toEdit(v, cio)).toBe(false)
    expect('requirement_mode' in toEdit(v, cio)).toBe(false)
    const app = toEdit({ ...v, requirement_mode: 'any' }, { ...cio, source: 'app' })
    expect(app.requirement_mode).toBe('any')
    expect(app.requirements).toEqual([{ course_slug: 'giam-doc-cntt' }, { quiz_id: 41, min_percent: 80 }])
  })

  it('trims text, and a certificate that never expires has no renewal window', () => {
    const v = { ...formFrom(cio), signer_name: '  Nguyễn Văn Hùng ', expires: 'never' as const }
    const e = toEdit(v, cio)
    expect(e.signer_name).toBe('Nguyễn Văn Hùng')
    expect(e.validity_months).toBeNull()
    expect(e.renew_window_days).toBe(0)
    expect(toEdit({ ...formFrom(cio), validity_months: 24.4 }, cio).validity_months).toBe(24)
    expect(toEdit({ ...formFrom(cio), target: null }, cio).target).toBeNull()
  })

  it('makes a new certification with the defaults of the course files, code and prefix in upper case', () => {
    const v = formFrom()
    expect(v.authority).toBe('UBND TỈNH HÀ TĨNH')
    expect(v.issuer).toBe('SỞ NỘI VỤ')
    expect(v.expires).toBe('never')
    const input = toInput({ ...v, code: ' atttt-01 ', serial_prefix: 'at', name_vi: 'An toàn thông tin', requirements: [course('iu14'), quiz(7, 70)] })
    expect(input).toMatchObject({
      code: 'ATTTT-01',
      serial_prefix: 'AT',
      name_vi: 'An toàn thông tin',
      validity_months: null,
      requirement_mode: 'all',
      requirements: [{ course_slug: 'iu14' }, { quiz_id: 7, min_percent: 70 }],
    })
    expect('version' in input).toBe(false)
    // A new form does not share its requirement list with the next one.
    v.requirements.push(course('x'))
    expect(formFrom().requirements).toEqual([])
  })

  it('checks codes and prefixes as the server does', () => {
    expect(CODE_PATTERN.test('CNTT-CB')).toBe(true)
    expect(CODE_PATTERN.test('C')).toBe(false)
    expect(CODE_PATTERN.test('-AB')).toBe(false)
    expect(CODE_PATTERN.test('cntt')).toBe(false)
    expect(PREFIX_PATTERN.test('CB')).toBe(true)
    expect(PREFIX_PATTERN.test('ABCDEFGHIJKLM')).toBe(false)
  })
})

describe('requirement list', () => {
  it('skips requirements that name nothing', () => {
    expect(rowsFrom([{ course_slug: null, course_title_vi: null, quiz_id: null, quiz_title_vi: null, min_percent: null }])).toEqual([])
  })

  it('adds each course or quiz once; a quiz added again takes the new minimum', () => {
    let rows = addRow([], course('a'))
    rows = addRow(rows, quiz(1, 50))
    rows = addRow(rows, course('a'))
    expect(rows).toEqual([course('a'), quiz(1, 50)])
    rows = addRow(rows, quiz(1, 80))
    expect(rows).toEqual([course('a'), quiz(1, 80)])
    // A course and a quiz are never the same requirement.
    expect(addRow([course('1')], quiz(1))).toHaveLength(2)
  })

  it('removes, moves within the list, and sets minimums only on quizzes', () => {
    const rows = [course('a'), quiz(1), course('b')]
    expect(removeRow(rows, 1)).toEqual([course('a'), course('b')])
    expect(moveRow(rows, 0, 1)).toEqual([quiz(1), course('a'), course('b')])
    expect(moveRow(rows, 2, -1)).toEqual([course('a'), course('b'), quiz(1)])
    expect(moveRow(rows, 0, -1)).toBe(rows)
    expect(moveRow(rows, 2, 1)).toBe(rows)
    expect(setMinPercent(rows, 1, 75)[1]).toEqual(quiz(1, 75))
    expect(setMinPercent(rows, 1, 130)[1]).toEqual(quiz(1, 100))
    expect(setMinPercent(rows, 1, -5)[1]).toEqual(quiz(1, 0))
    expect(setMinPercent(rows, 0, 75)[0]).toEqual(course('a'))
    expect(setMinPercent([quiz(1, 60)], 0, null)).toEqual([quiz(1)])
  })

  it('sends a quiz without a minimum as the quiz alone', () => {
    expect(toRequirements([quiz(3), quiz(4, 0)])).toEqual([{ quiz_id: 3 }, { quiz_id: 4, min_percent: 0 }])
  })

  it('finds per-requirement errors among the fields', () => {
    expect(requirementErrors({ code: 'taken', 'requirements.2': 'not_found', requirements: 'required', 'requirements.0': 'invalid' })).toEqual({
      0: 'invalid',
      2: 'not_found',
    })
  })
})

describe('target labels', () => {
  it('names the four targets as the decision does', () => {
    const vn = TARGETS.map((t) => targetKey(t).split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], vi))
    expect(vn).toEqual(['Tin học cơ bản', 'Thư điện tử & Internet', 'Giám đốc CNTT', 'Chuyên trách CNTT'])
    for (const t of TARGETS) {
      const label = targetKey(t).split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], en)
      expect(typeof label, t).toBe('string')
    }
  })
})

describe('evidence', () => {
  it('takes a PDF, a JPEG or a PNG, by type or, without one, by name', () => {
    expect(isEvidence({ name: 'quyet-dinh.pdf', type: 'application/pdf' })).toBe(true)
    expect(isEvidence({ name: 'chung-chi-B.JPG', type: '' })).toBe(true)
    expect(isEvidence({ name: 'scan.png', type: 'image/png' })).toBe(true)
    expect(isEvidence({ name: 'bang.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })).toBe(false)
    expect(isEvidence({ name: 'anh.pdf', type: 'image/gif' })).toBe(false)
  })
})
