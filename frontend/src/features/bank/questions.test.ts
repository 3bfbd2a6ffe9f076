import { describe, expect, it } from 'vitest'
import type { TFunction } from 'i18next'
import { ApiError } from '../../api/client'
import { QUESTION_TYPES, type QuestionAnswer, type QuestionBody } from '../../api/types'
import vi from '../../i18n/locales/vi.json'
import en from '../../i18n/locales/en.json'
import { answerView, markOf, plainText, previewOf, rangeText, sortedProblems, typeLabel, weightText } from './questions'

function ans(p: Partial<QuestionAnswer>): QuestionAnswer {
  return { Text: '', Match: '', Weight: 0, Feedback: '', Value: 0, Tolerance: 0, ...p }
}

function body(p: Partial<QuestionBody>): QuestionBody {
  return {
    Name: 'Q',
    Text: 'Câu hỏi',
    Type: 'single_choice',
    Answers: [],
    TrueFalse: false,
    CaseSensitive: false,
    GeneralFeedback: '',
    GraderInfo: '',
    Mark: 0,
    Tags: null,
    IDNumber: '',
    Format: 'moodle',
    ...p,
  }
}

// A t that reads the Vietnamese file, enough for labels without interpolation.
const tVi = ((key: string) => key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], vi)) as unknown as TFunction

describe('question types', () => {
  it('have the labels of the brief in Vietnamese, and an English one', () => {
    expect(QUESTION_TYPES.map((ty) => typeLabel(tVi, ty))).toEqual([
      'Một đáp án',
      'Nhiều đáp án',
      'Đúng/Sai',
      'Trả lời ngắn',
      'Số',
      'Ghép đôi',
      'Tự luận',
      'Mô tả',
    ])
    for (const ty of QUESTION_TYPES) expect(typeof (en.bank.type as Record<string, string>)[ty]).toBe('string')
  })
  it('shows an unknown type as it came', () => {
    expect(typeLabel(tVi, 'cloze')).toBe('cloze')
  })
})

describe('answers by type', () => {
  it('marks the right answer of a single-choice question, partial credit and penalties', () => {
    const v = answerView(
      body({
        Answers: [
          ans({ Text: 'Sâu (worm)', Weight: 100, Feedback: 'Đúng.' }),
          ans({ Text: 'Gần đúng', Weight: 50 }),
          ans({ Text: 'Trojan' }),
          ans({ Text: 'Sai hẳn', Weight: -25 }),
        ],
      }),
    )
    expect(v.kind).toBe('choice')
    if (v.kind !== 'choice') return
    expect(v.multiple).toBe(false)
    expect(v.rows.map((r) => [r.text, r.mark, r.correct])).toEqual([
      ['Sâu (worm)', 'right', true],
      ['Gần đúng', 'partial', true],
      ['Trojan', 'wrong', false],
      ['Sai hẳn', 'penalty', false],
    ])
    expect(v.rows[0].feedback).toBe('Đúng.')
  })

  it('counts every positive option of a multiple-answer question as right', () => {
    const v = answerView(
      body({ Type: 'multiple_choice', Answers: [ans({ Text: 'a', Weight: 50 }), ans({ Text: 'b', Weight: 50 }), ans({ Text: 'c', Weight: -100 })] }),
    )
    if (v.kind !== 'choice') throw new Error(v.kind)
    expect(v.multiple).toBe(true)
    expect(v.rows.map((r) => [r.correct, r.mark])).toEqual([
      [true, 'right'],
      [true, 'right'],
      [false, 'penalty'],
    ])
  })

  it('takes the right answer of a true/false question from TrueFalse, with each side’s feedback', () => {
    const v = answerView(
      body({
        Type: 'true_false',
        TrueFalse: false,
        Answers: [ans({ Text: 'true', Feedback: 'Không đúng vậy.' }), ans({ Text: 'false', Weight: 100, Feedback: 'Chính xác.' })],
      }),
    )
    expect(v).toEqual({ kind: 'true_false', right: false, feedbackTrue: 'Không đúng vậy.', feedbackFalse: 'Chính xác.' })
  })

  it('lists the accepted short answers and the case rule', () => {
    const v = answerView(body({ Type: 'short_answer', CaseSensitive: true, Answers: [ans({ Text: 'Hà Nội', Weight: 100 }), ans({ Text: 'HN', Weight: 50 })] }))
    if (v.kind !== 'short_answer') throw new Error(v.kind)
    expect(v.caseSensitive).toBe(true)
    expect(v.rows.map((r) => [r.text, r.mark])).toEqual([
      ['Hà Nội', 'right'],
      ['HN', 'partial'],
    ])
  })

  it('gives numerical answers as value ± tolerance, and * as any other number', () => {
    const v = answerView(
      body({ Type: 'numerical', Answers: [ans({ Value: 5, Tolerance: 0.5, Weight: 100 }), ans({ Text: '*', Feedback: 'Xem lại luật.' })] }),
    )
    if (v.kind !== 'numerical') throw new Error(v.kind)
    expect(v.rows.map((r) => [r.any, r.value, r.tolerance, r.mark])).toEqual([
      [false, 5, 0.5, 'right'],
      [true, 0, 0, 'wrong'],
    ])
    expect(rangeText(5, 0.5, 'vi')).toBe('5 ± 0,5')
    expect(rangeText(1234.5, 0, 'en')).toBe('1234.5 ± 0')
  })

  it('pairs matching answers, an empty left side being a distractor', () => {
    const v = answerView(
      body({
        Type: 'matching',
        Answers: [
          ans({ Text: 'Lộ hồ sơ', Match: 'Bí mật' }),
          ans({ Text: 'Sửa trang chủ', Match: 'Toàn vẹn' }),
          ans({ Text: '', Match: 'Xác thực' }),
        ],
      }),
    )
    expect(v).toEqual({
      kind: 'matching',
      pairs: [
        { left: 'Lộ hồ sơ', right: 'Bí mật' },
        { left: 'Sửa trang chủ', right: 'Toàn vẹn' },
      ],
      distractors: ['Xác thực'],
    })
  })

  it('shows the grader information of an essay, and nothing for a description', () => {
    expect(answerView(body({ Type: 'essay', Answers: null, GraderInfo: 'Nêu đủ 3 ý' }))).toEqual({ kind: 'essay', graderInfo: 'Nêu đủ 3 ý' })
    expect(answerView(body({ Type: 'description', Answers: null }))).toEqual({ kind: 'none' })
  })

  it('copes with a body without answers', () => {
    const v = answerView(body({ Answers: null }))
    expect(v).toEqual({ kind: 'choice', multiple: false, rows: [] })
  })

  it('writes weights as percentages in the language', () => {
    expect(markOf(100)).toBe('right')
    expect(weightText(100, 'vi')).toBe('100%')
    expect(weightText(33.33333, 'vi')).toBe('33,33%')
    expect(weightText(33.33333, 'en')).toBe('33.33%')
    expect(weightText(-100, 'vi')).toBe('-100%')
  })
})

describe('question text', () => {
  it('keeps plain and Markdown texts as they are', () => {
    expect(plainText('a <b> c', 'plain')).toBe('a <b> c')
    expect(plainText('**đậm**', 'markdown')).toBe('**đậm**')
  })

  it('turns HTML into text with its breaks, never markup', () => {
    const html = '<p>Chọn <b>hai</b> đáp án:</p>\n<ul><li>Một</li><li>Hai &amp; ba</li></ul><script>alert(1)</script><p>x &lt; 5&nbsp;và&#160;y</p>'
    expect(plainText(html, 'html')).toBe('Chọn hai đáp án:\n\n• Một\n• Hai & ba\n\nx < 5\u00a0và\u00a0y')
  })

  it('keeps the line breaks of Moodle auto-format and names the pictures', () => {
    const s = plainText('Dòng 1\nDòng 2<br>Dòng 3 <img src="@@PLUGINFILE@@/so%20do.png" width="10">', 'moodle', (n) => `[Hình: ${n}]`)
    expect(s).toBe('Dòng 1\nDòng 2\nDòng 3 [Hình: so do.png]')
  })

  it('does not eat comparisons that look a little like tags', () => {
    expect(plainText('Nếu x < 5 và y > 3', 'moodle')).toBe('Nếu x < 5 và y > 3')
  })
})

describe('import preview', () => {
  const preview = {
    filename: 'de.gift',
    format: 'gift',
    total: 1,
    questions: [{ line: 2, name: 'Q1', category: '', type: 'single_choice', text: 'Thủ đô?' }],
    problems: [{ line: 4, message: 'no answer is right' }],
  }

  it('reads the preview a refused import carries', () => {
    const e = new ApiError(422, { code: 'import_has_errors', message: 'nothing was imported', details: { preview } })
    expect(previewOf(e)).toEqual(preview)
    expect(previewOf(new ApiError(422, { code: 'import_empty', message: 'empty' }))).toBeNull()
    expect(previewOf(new Error('x'))).toBeNull()
    expect(previewOf(new ApiError(422, { code: 'import_has_errors', message: '', details: {} }))).toBeNull()
  })

  it('orders problems by line, the whole file first', () => {
    expect(sortedProblems([{ line: 9, message: 'b' }, { line: 0, message: 'file' }, { line: 4, message: 'a' }]).map((p) => p.line)).toEqual([0, 4, 9])
  })
})
