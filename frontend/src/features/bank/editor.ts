// The question editor's form and its mapping to and from the API: one form
// shape for every type (the rows a type does not use stay empty), the
// request the server checks (POST /questions, PUT /questions/{id}, POST
// /questions/preview), and where a problem the server names
// ("answers.2.text") shows in the form.
import type {
  QuestionAnswerInput,
  QuestionContent,
  QuestionDetail,
  QuestionInput,
  QuestionType,
  TextFormat,
} from '../../api/types'

/** The types the editor creates, in the order of the "New question" menu. */
export const EDITOR_TYPES: QuestionType[] = ['single_choice', 'multiple_choice', 'true_false', 'short_answer', 'numerical', 'matching', 'essay', 'description']

/** ChoiceForm is an option of a choice question or an accepted short answer. */
export interface ChoiceForm {
  text: string
  weight: number
  feedback: string
}

/** NumberForm is an accepted number: right when |response - value| <= tolerance. */
export interface NumberForm {
  value: number | null
  tolerance: number
  weight: number
  feedback: string
}

export interface PairForm {
  left: string
  right: string
}

export interface EditorForm {
  category_id?: number
  name: string
  tags: string[]
  default_mark: number
  type: QuestionType
  format: TextFormat
  text: string
  general_feedback: string
  /** single and multiple choice, short answer */
  choices: ChoiceForm[]
  /** true/false: the right answer, and the feedback of a learner who picks each side */
  true_false: boolean
  feedback_true: string
  feedback_false: string
  case_sensitive: boolean
  numbers: NumberForm[]
  /** numerical: an answer for any other number ("*"), with its feedback and weight */
  other: boolean
  other_feedback: string
  other_weight: number
  pairs: PairForm[]
  /** matching: right sides that match nothing */
  distractors: string[]
  grader_info: string
}

const choice = (weight = 0): ChoiceForm => ({ text: '', weight, feedback: '' })

/** newForm is an empty question of a type, with the rows a trainer starts from. */
export function newForm(type: QuestionType, categoryId?: number): EditorForm {
  return {
    category_id: categoryId,
    name: '',
    tags: [],
    default_mark: 1,
    type,
    format: 'moodle',
    text: '',
    general_feedback: '',
    choices:
      type === 'single_choice'
        ? [choice(100), choice(), choice(), choice()]
        : type === 'multiple_choice'
          ? [choice(50), choice(50), choice(), choice()]
          : type === 'short_answer'
            ? [choice(100)]
            : [],
    true_false: true,
    feedback_true: '',
    feedback_false: '',
    case_sensitive: false,
    numbers: type === 'numerical' ? [{ value: null, tolerance: 0, weight: 100, feedback: '' }] : [],
    other: false,
    other_feedback: '',
    other_weight: 0,
    pairs: type === 'matching' ? [{ left: '', right: '' }, { left: '', right: '' }, { left: '', right: '' }] : [],
    distractors: [],
    grader_info: '',
  }
}

/** formOf fills the form from a stored question (its latest version). */
export function formOf(q: QuestionDetail): EditorForm {
  const b = q.body
  const answers = b.Answers ?? []
  const f = newForm(q.type, q.category_id)
  const fmt = (q.format || b.Format || 'moodle') as TextFormat
  Object.assign(f, {
    name: q.name,
    tags: [...q.tags],
    default_mark: q.default_mark,
    format: fmt,
    text: q.text,
    general_feedback: q.general_feedback,
    case_sensitive: Boolean(b.CaseSensitive),
    grader_info: b.GraderInfo ?? '',
  })
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'short_answer':
      f.choices = answers.map((a) => ({ text: a.Text ?? '', weight: Number(a.Weight) || 0, feedback: a.Feedback ?? '' }))
      break
    case 'true_false':
      f.true_false = Boolean(b.TrueFalse)
      f.feedback_true = answers.find((a) => a.Text === 'true')?.Feedback ?? ''
      f.feedback_false = answers.find((a) => a.Text === 'false')?.Feedback ?? ''
      break
    case 'numerical': {
      f.numbers = answers
        .filter((a) => a.Text !== '*')
        .map((a) => ({ value: Number(a.Value) || 0, tolerance: Number(a.Tolerance) || 0, weight: Number(a.Weight) || 0, feedback: a.Feedback ?? '' }))
      const other = answers.find((a) => a.Text === '*')
      f.other = Boolean(other)
      f.other_feedback = other?.Feedback ?? ''
      f.other_weight = Number(other?.Weight) || 0
      break
    }
    case 'matching':
      f.pairs = answers.filter((a) => a.Text).map((a) => ({ left: a.Text, right: a.Match ?? '' }))
      f.distractors = answers.filter((a) => !a.Text).map((a) => a.Match ?? '')
      break
  }
  return f
}

/** answersOf lists the answers of the form's type in the order the server numbers them. */
function answersOf(f: EditorForm): QuestionAnswerInput[] {
  switch (f.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'short_answer':
      return f.choices.map((c) => ({ text: c.text ?? '', weight: c.weight ?? 0, feedback: c.feedback ?? '' }))
    case 'true_false':
      return [
        { text: 'true', feedback: f.feedback_true ?? '' },
        { text: 'false', feedback: f.feedback_false ?? '' },
      ]
    case 'numerical': {
      const rows: QuestionAnswerInput[] = f.numbers.map((n) => ({
        value: typeof n.value === 'number' ? n.value : null,
        tolerance: n.tolerance ?? 0,
        weight: n.weight ?? 0,
        feedback: n.feedback ?? '',
      }))
      return f.other ? [...rows, { text: '*', weight: f.other_weight ?? 0, feedback: f.other_feedback ?? '' }] : rows
    }
    case 'matching':
      return [
        ...f.pairs.map((p) => ({ text: p.left ?? '', match: p.right ?? '' })),
        ...f.distractors.map((d) => ({ text: '', match: d ?? '' })),
      ]
  }
  return []
}

/** contentOf is what the preview takes: the question without its place, name, tags and mark. */
export function contentOf(f: EditorForm): QuestionContent {
  return {
    type: f.type,
    format: f.format,
    text: f.text ?? '',
    general_feedback: f.general_feedback ?? '',
    answers: answersOf(f),
    true_false: f.type === 'true_false' && Boolean(f.true_false),
    case_sensitive: f.type === 'short_answer' && Boolean(f.case_sensitive),
    grader_info: f.type === 'essay' ? (f.grader_info ?? '') : '',
  }
}

/** requestOf is the whole question to save. */
export function requestOf(f: EditorForm): QuestionInput {
  return {
    ...contentOf(f),
    category_id: f.category_id ?? 0,
    name: (f.name ?? '').trim(),
    tags: (f.tags ?? []).map((t) => t.trim()).filter(Boolean),
    default_mark: f.default_mark ?? 1,
  }
}

/** FieldPath is where a form shows a problem: a form field, or the answers section as a whole. */
export type FieldPath = (string | number)[]

/**
 * fieldPath turns a field the server names into the form field that shows
 * it: "text" stays, "answers.2.text" is the third option of a choice
 * question, the second distractor of a matching question with one pair
 * ("answers.2.match"), ... "answers" alone is the answers section
 * (["answers"]); null is a field the form does not have.
 */
export function fieldPath(f: EditorForm, field: string): FieldPath | null {
  const parts = field.split('.')
  if (parts[0] !== 'answers') {
    return ['category_id', 'name', 'tags', 'default_mark', 'type', 'format', 'text', 'general_feedback', 'grader_info'].includes(field) ? [field] : null
  }
  if (parts.length === 1) return ['answers']
  const i = Number(parts[1])
  const key = parts[2]
  if (!Number.isInteger(i) || i < 0) return ['answers']
  switch (f.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'short_answer':
      return i < f.choices.length && (key === 'text' || key === 'weight') ? ['choices', i, key] : ['answers']
    case 'numerical':
      return i < f.numbers.length && (key === 'value' || key === 'tolerance' || key === 'weight') ? ['numbers', i, key] : ['answers']
    case 'matching':
      if (i < f.pairs.length) return ['pairs', i, key === 'match' ? 'right' : 'left']
      return i - f.pairs.length < f.distractors.length ? ['distractors', i - f.pairs.length] : ['answers']
  }
  return ['answers']
}

/** Moodle's grades, in percent: what a weight select offers. */
const GRADES = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5]

/**
 * weightChoices lists the weights an answer may have, from 100% down to
 * -100% through 0, with current added when it is not one of them (a weight
 * an imported file gave).
 */
export function weightChoices(current?: number, negative = true): number[] {
  const list = [...GRADES, 0, ...(negative ? GRADES.map((g) => -g) : [])]
  if (current !== undefined && Number.isFinite(current) && !list.some((w) => Math.abs(w - current) < 1e-6)) list.push(current)
  return list.sort((a, b) => b - a)
}
