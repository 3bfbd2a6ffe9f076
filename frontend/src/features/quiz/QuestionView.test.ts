import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import i18next from 'i18next'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AttemptQuestion, QuizResponse, ReviewQuestion } from '../../api/types'
import vi from '../../i18n/locales/vi.json'
import { QuestionView } from './QuestionView'

const i18n = i18next.createInstance()

beforeAll(async () => {
  await i18n.use(initReactI18next).init({ resources: { vi: { translation: vi } }, lng: 'vi', interpolation: { escapeValue: false } })
})

function render(question: AttemptQuestion, response: QuizResponse | null, review?: ReviewQuestion): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(QuestionView, { question, response, review })))
}

const base = { slot: 0, mark: 1, response: null }

describe('QuestionView', () => {
  it('renders every type with the texts as HTML', () => {
    const cases: [AttemptQuestion, QuizResponse | null, string[]][] = [
      [{ ...base, type: 'single_choice', text: '<p>Chọn <b>một</b></p>', options: ['<p>A</p>', 'B'] }, { choice: 1 }, ['<b>một</b>', 'Chọn một đáp án']],
      [{ ...base, type: 'multiple_choice', text: 'Nhiều', options: ['A', 'B', 'C'], multiple: true }, { choices: [0, 2] }, ['Chọn một hoặc nhiều đáp án']],
      [{ ...base, type: 'true_false', text: 'Đúng hay sai?' }, { value: false }, ['Đúng', 'Sai']],
      [{ ...base, type: 'short_answer', text: 'Thủ đô là _____.', blank: true }, { text: 'Hà Nội' }, ['Điền vào chỗ trống', 'value="Hà Nội"']],
      [{ ...base, type: 'numerical', text: 'Số?' }, { text: '3,5' }, ['inputMode="decimal"', 'Dùng dấu phẩy']],
      [{ ...base, type: 'matching', text: 'Ghép', lefts: ['L1', 'L2'], rights: ['R1', 'R2'] }, { pairs: { '0': 1 } }, ['L1', 'L2', 'R2']],
      [{ ...base, type: 'essay', text: 'Viết' }, { text: 'Bài viết' }, ['Bài viết']],
      [{ ...base, type: 'description', text: '<p>Chỉ đọc</p>' }, null, ['Chỉ đọc']],
    ]
    for (const [q, r, wants] of cases) {
      const html = render(q, r)
      expect(html, q.type).toContain(`data-type="${q.type}"`)
      for (const w of wants) expect(html, `${q.type}: ${w}`).toContain(w)
    }
  })

  it('marks the chosen single choice as checked', () => {
    const html = render({ ...base, type: 'single_choice', text: 'Q', options: ['A', 'B'] }, { choice: 1 })
    const second = html.slice(html.indexOf('data-testid="option-1"'))
    expect(second).toContain('ant-radio-wrapper-checked')
    expect(html.slice(0, html.indexOf('data-testid="option-1"'))).not.toContain('ant-radio-wrapper-checked')
  })

  it('shows the review: state, marks, right answer, feedback and general feedback', () => {
    const q: ReviewQuestion = {
      ...base,
      type: 'single_choice',
      text: 'Q',
      options: ['A', 'B', 'C'],
      response: { choice: 0 },
      state: 'wrong',
      awarded: 0,
      right: { choice: 2 },
      feedback: '<p>Chưa đúng</p>',
      general_feedback: '<p>Vì C</p>',
    }
    const html = render(q, q.response, q)
    expect(html).toContain('data-state="wrong"')
    expect(html).toContain('Được 0/1 điểm')
    expect(html).toContain('quiz-option quiz-option-wrong')
    expect(html).toContain('quiz-option quiz-option-right')
    expect(html).toContain('Chưa đúng')
    expect(html).toContain('Vì C')
    expect(html).toContain('disabled')
  })

  it('shows the right text of a typed question and an essay waiting for grading', () => {
    const num: ReviewQuestion = { ...base, type: 'numerical', text: 'Số?', response: { text: '4' }, state: 'wrong', right_text: '3,5' }
    expect(render(num, num.response, num)).toContain('Đáp án đúng')
    const essay: ReviewQuestion = { ...base, type: 'essay', text: 'Viết', response: { text: 'x' }, state: 'pending', awarded: null }
    const html = render(essay, essay.response, essay)
    expect(html).toContain('Chưa chấm (tối đa 1 điểm)')
    expect(html).toContain('Câu tự luận này đang chờ giảng viên chấm.')
  })

  it('says nothing of correctness without review data', () => {
    const html = render({ ...base, type: 'single_choice', text: 'Q', options: ['A', 'B'] }, { choice: 0 })
    expect(html).not.toContain('quiz-option-right')
    expect(html).not.toContain('quiz-option-wrong')
    expect(html).not.toContain('Đáp án đúng')
  })
})
