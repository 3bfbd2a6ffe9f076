import { describe, expect, it } from 'vitest'
import type { QuestionAnswer, QuestionDetail, QuestionType } from '../../api/types'
import vi from '../../i18n/locales/vi.json'
import en from '../../i18n/locales/en.json'
import { contentOf, EDITOR_TYPES, fieldPath, formOf, newForm, requestOf, weightChoices } from './editor'

function ans(p: Partial<QuestionAnswer>): QuestionAnswer {
  return { Text: '', Match: '', Weight: 0, Feedback: '', Value: 0, Tolerance: 0, ...p }
}

function detail(type: QuestionType, answers: QuestionAnswer[], more: Partial<QuestionDetail['body']> = {}): QuestionDetail {
  return {
    id: 7,
    category_id: 3,
    category_name: 'Nhóm',
    name: 'Q7',
    type,
    excerpt: '',
    version: 2,
    tags: ['thư'],
    source: 'app',
    archived: false,
    updated_at: '2026-11-26T10:00:00Z',
    format: 'markdown',
    text: 'Câu hỏi?',
    general_feedback: 'Chung',
    default_mark: 2,
    versions: [],
    body: {
      Name: 'Q7',
      Text: 'Câu hỏi?',
      Type: type,
      Answers: answers,
      TrueFalse: false,
      CaseSensitive: false,
      GeneralFeedback: 'Chung',
      GraderInfo: '',
      Mark: 2,
      Tags: ['thư'],
      IDNumber: '',
      Format: 'markdown',
      ...more,
    },
  }
}

describe('newForm', () => {
  it('starts each type with the rows a trainer fills in', () => {
    expect(newForm('single_choice', 4).choices.map((c) => c.weight)).toEqual([100, 0, 0, 0])
    expect(newForm('single_choice', 4).category_id).toBe(4)
    expect(newForm('multiple_choice').choices.map((c) => c.weight)).toEqual([50, 50, 0, 0])
    expect(newForm('short_answer').choices).toHaveLength(1)
    expect(newForm('numerical').numbers).toEqual([{ value: null, tolerance: 0, weight: 100, feedback: '' }])
    expect(newForm('matching').pairs).toHaveLength(3)
    expect(newForm('essay').choices).toEqual([])
  })
})

describe('requestOf', () => {
  it('sends a choice question with its weights and feedback, name and tags trimmed', () => {
    const f = newForm('single_choice', 9)
    f.name = '  TD-1 '
    f.tags = [' thư ', '']
    f.text = 'Trường nào gửi bản sao kín?'
    f.choices = [
      { text: 'BCC', weight: 100, feedback: 'Đúng' },
      { text: 'CC', weight: -50, feedback: '' },
    ]
    expect(requestOf(f)).toEqual({
      category_id: 9,
      name: 'TD-1',
      tags: ['thư'],
      default_mark: 1,
      type: 'single_choice',
      format: 'moodle',
      text: 'Trường nào gửi bản sao kín?',
      general_feedback: '',
      answers: [
        { text: 'BCC', weight: 100, feedback: 'Đúng' },
        { text: 'CC', weight: -50, feedback: '' },
      ],
      true_false: false,
      case_sensitive: false,
      grader_info: '',
    })
  })

  it('sends true/false as its two sides with their feedback', () => {
    const f = newForm('true_false')
    f.true_false = false
    f.feedback_false = 'Đúng, là sai.'
    const c = contentOf(f)
    expect(c.true_false).toBe(false)
    expect(c.answers).toEqual([
      { text: 'true', feedback: '' },
      { text: 'false', feedback: 'Đúng, là sai.' },
    ])
  })

  it('sends numbers with a missing value as null, and "any other number" last', () => {
    const f = newForm('numerical')
    f.numbers = [
      { value: 3.5, tolerance: 0.5, weight: 100, feedback: '' },
      { value: null, tolerance: 0, weight: 50, feedback: '' },
    ]
    f.other = true
    f.other_feedback = 'Chưa đúng'
    expect(contentOf(f).answers).toEqual([
      { value: 3.5, tolerance: 0.5, weight: 100, feedback: '' },
      { value: null, tolerance: 0, weight: 50, feedback: '' },
      { text: '*', weight: 0, feedback: 'Chưa đúng' },
    ])
  })

  it('sends matching pairs, then distractors with an empty left side', () => {
    const f = newForm('matching')
    f.pairs = [
      { left: 'HTTP', right: 'web' },
      { left: 'SMTP', right: 'thư' },
    ]
    f.distractors = ['tệp']
    expect(contentOf(f).answers).toEqual([
      { text: 'HTTP', match: 'web' },
      { text: 'SMTP', match: 'thư' },
      { text: '', match: 'tệp' },
    ])
  })

  it('sends only what the type uses', () => {
    const f = newForm('essay')
    f.grader_info = 'Chấm theo ý'
    f.case_sensitive = true
    f.true_false = true
    expect(contentOf(f)).toMatchObject({ answers: [], grader_info: 'Chấm theo ý', case_sensitive: false, true_false: false })
    const s = newForm('short_answer')
    s.case_sensitive = true
    s.grader_info = 'x'
    expect(contentOf(s)).toMatchObject({ case_sensitive: true, grader_info: '' })
  })
})

describe('formOf', () => {
  it('reads a stored question back into the request it came from', () => {
    const q = detail('single_choice', [ans({ Text: 'BCC', Weight: 100, Feedback: 'Đúng' }), ans({ Text: 'CC', Weight: -33.33333 })])
    const f = formOf(q)
    expect(f).toMatchObject({ category_id: 3, name: 'Q7', tags: ['thư'], default_mark: 2, format: 'markdown', general_feedback: 'Chung' })
    expect(requestOf(f).answers).toEqual([
      { text: 'BCC', weight: 100, feedback: 'Đúng' },
      { text: 'CC', weight: -33.33333, feedback: '' },
    ])
  })

  it('reads true/false, numerical with "any other number", matching with distractors', () => {
    const tf = formOf(detail('true_false', [ans({ Text: 'true', Feedback: 'Không' }), ans({ Text: 'false', Weight: 100, Feedback: 'Phải' })]))
    expect([tf.true_false, tf.feedback_true, tf.feedback_false]).toEqual([false, 'Không', 'Phải'])
    const n = formOf(detail('numerical', [ans({ Value: 8, Tolerance: 0.1, Weight: 100 }), ans({ Text: '*', Feedback: 'Xem lại' })]))
    expect(n.numbers).toEqual([{ value: 8, tolerance: 0.1, weight: 100, feedback: '' }])
    expect([n.other, n.other_feedback]).toEqual([true, 'Xem lại'])
    expect(contentOf(n).answers).toHaveLength(2)
    const m = formOf(detail('matching', [ans({ Text: 'A', Match: '1' }), ans({ Match: '9' }), ans({ Text: 'B', Match: '2' })]))
    expect(m.pairs).toEqual([
      { left: 'A', right: '1' },
      { left: 'B', right: '2' },
    ])
    expect(m.distractors).toEqual(['9'])
    const s = formOf(detail('short_answer', [ans({ Text: 'SMTP', Weight: 100 })], { CaseSensitive: true }))
    expect(s.case_sensitive).toBe(true)
    const e = formOf(detail('essay', [], { GraderInfo: 'Theo ý' }))
    expect(e.grader_info).toBe('Theo ý')
  })
})

describe('fieldPath', () => {
  it('points a server field at the form field that shows it', () => {
    const choice = newForm('single_choice')
    expect(fieldPath(choice, 'text')).toEqual(['text'])
    expect(fieldPath(choice, 'answers')).toEqual(['answers'])
    expect(fieldPath(choice, 'answers.2.text')).toEqual(['choices', 2, 'text'])
    expect(fieldPath(choice, 'answers.1.weight')).toEqual(['choices', 1, 'weight'])
    expect(fieldPath(choice, 'answers.9.text')).toEqual(['answers'])
    expect(fieldPath(choice, 'version')).toBeNull()
    const num = newForm('numerical')
    expect(fieldPath(num, 'answers.0.value')).toEqual(['numbers', 0, 'value'])
    const m = newForm('matching')
    m.distractors = ['x', 'y']
    expect(fieldPath(m, 'answers.1.match')).toEqual(['pairs', 1, 'right'])
    expect(fieldPath(m, 'answers.4.match')).toEqual(['distractors', 1])
  })
})

describe('weightChoices', () => {
  it('offers Moodle grades from 100% to -100%, and the current weight when it is another', () => {
    const w = weightChoices()
    expect(w[0]).toBe(100)
    expect(w[w.length - 1]).toBe(-100)
    expect(w).toContain(0)
    expect(w).toContain(-33.33333)
    expect(weightChoices(37)).toContain(37)
    expect(weightChoices(undefined, false).every((x) => x >= 0)).toBe(true)
  })
})

describe('labels', () => {
  it('names every editor type and the editor in both languages', () => {
    for (const ty of EDITOR_TYPES) {
      expect(vi.bank.type[ty]).toBeTruthy()
      expect(en.bank.type[ty]).toBeTruthy()
    }
    expect(Object.keys(vi.bank.editor).sort()).toEqual(Object.keys(en.bank.editor).sort())
  })
})
