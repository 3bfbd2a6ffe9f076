// What the question bank shows of a question, worked out from the
// interchange model (package qformat's Question, with its Go field names),
// apart from React so that it can be tested.
import type { TFunction } from 'i18next'
import { ApiError } from '../../api/client'
import {
  QUESTION_TYPES,
  type QuestionAnswer,
  type QuestionBody,
  type QuestionImportPreview,
  type QuestionType,
} from '../../api/types'

/** typeLabel names a question type ("Một đáp án"); an unknown type shows as it came. */
export function typeLabel(t: TFunction, type: string): string {
  return (QUESTION_TYPES as string[]).includes(type) ? t(`bank.type.${type}`) : type
}

export const typeColors: Record<QuestionType, string> = {
  single_choice: 'blue',
  multiple_choice: 'geekblue',
  true_false: 'cyan',
  short_answer: 'green',
  numerical: 'gold',
  matching: 'purple',
  essay: 'magenta',
  description: 'default',
}

/** Mark is how an answer counts: the full mark, part of it, nothing, or a penalty. */
export type Mark = 'right' | 'partial' | 'wrong' | 'penalty'

export function markOf(weight: number): Mark {
  if (weight >= 100) return 'right'
  if (weight > 0) return 'partial'
  if (weight < 0) return 'penalty'
  return 'wrong'
}

export interface ChoiceRow {
  text: string
  weight: number
  feedback: string
  mark: Mark
  /** an option a learner should pick: the full mark, or a positive share of it */
  correct: boolean
}

export interface NumericRow {
  /** "*": any other number */
  any: boolean
  value: number
  tolerance: number
  weight: number
  feedback: string
  mark: Mark
}

export interface Pair {
  left: string
  right: string
}

/** AnswerView is what to show under a question's text, by type. */
export type AnswerView =
  | { kind: 'choice'; multiple: boolean; rows: ChoiceRow[] }
  | { kind: 'true_false'; right: boolean; feedbackTrue: string; feedbackFalse: string }
  | { kind: 'short_answer'; caseSensitive: boolean; rows: ChoiceRow[] }
  | { kind: 'numerical'; rows: NumericRow[] }
  | { kind: 'matching'; pairs: Pair[]; distractors: string[] }
  | { kind: 'essay'; graderInfo: string }
  | { kind: 'none' }

const answersOf = (b: QuestionBody): QuestionAnswer[] => b.Answers ?? []

function choiceRow(a: QuestionAnswer): ChoiceRow {
  const weight = Number(a.Weight) || 0
  return { text: a.Text ?? '', weight, feedback: a.Feedback ?? '', mark: markOf(weight), correct: weight > 0 }
}

/** answerView works out the answers of a question body for display. */
export function answerView(b: QuestionBody, type: string = b.Type): AnswerView {
  const answers = answersOf(b)
  switch (type) {
    case 'single_choice':
      return { kind: 'choice', multiple: false, rows: answers.map(choiceRow) }
    case 'multiple_choice':
      // Every option with a share of the mark is one to pick: right, whatever its share.
      return {
        kind: 'choice',
        multiple: true,
        rows: answers.map(choiceRow).map((r) => (r.correct ? { ...r, mark: 'right' as const } : r)),
      }
    case 'true_false': {
      // Answers are "true" then "false", with the feedback of each; TrueFalse says which is right.
      const find = (v: string) => answers.find((a) => a.Text === v)
      return {
        kind: 'true_false',
        right: Boolean(b.TrueFalse),
        feedbackTrue: find('true')?.Feedback ?? '',
        feedbackFalse: find('false')?.Feedback ?? '',
      }
    }
    case 'short_answer':
      return { kind: 'short_answer', caseSensitive: Boolean(b.CaseSensitive), rows: answers.map(choiceRow) }
    case 'numerical':
      return {
        kind: 'numerical',
        rows: answers.map((a) => {
          const weight = Number(a.Weight) || 0
          return {
            any: a.Text === '*',
            value: Number(a.Value) || 0,
            tolerance: Math.abs(Number(a.Tolerance) || 0),
            weight,
            feedback: a.Feedback ?? '',
            mark: markOf(weight),
          }
        }),
      }
    case 'matching':
      // An empty left side is a distractor: an extra right side that matches nothing.
      return {
        kind: 'matching',
        pairs: answers.filter((a) => a.Text).map((a) => ({ left: a.Text, right: a.Match ?? '' })),
        distractors: answers.filter((a) => !a.Text && a.Match).map((a) => a.Match),
      }
    case 'essay':
      return { kind: 'essay', graderInfo: b.GraderInfo ?? '' }
    default:
      return { kind: 'none' }
  }
}

/** numberText writes a number the way the language does (1,5 in Vietnamese), with at most 4 decimals. */
export function numberText(n: number, lang: string): string {
  return n.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 4, useGrouping: false })
}

/** weightText writes a weight as a percentage with at most 2 decimals ("33,33%", "-100%"). */
export function weightText(weight: number, lang: string): string {
  const n = Math.round(weight * 100) / 100
  return `${n.toLocaleString(lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 2 })}%`
}

/** rangeText writes a numerical answer: "5 ± 0,5". */
export function rangeText(value: number, tolerance: number, lang: string): string {
  return `${numberText(value, lang)} ± ${numberText(tolerance, lang)}`
}

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  times: '×',
  divide: '÷',
  plusmn: '±',
  le: '≤',
  ge: '≥',
  ne: '≠',
  deg: '°',
  copy: '©',
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return entities[name.toLowerCase()] ?? whole
  })
}

/** imageName is the file a question's picture refers to (@@PLUGINFILE@@/so%20do.png → "so do.png"). */
function imageName(src: string): string {
  const last = src.split('/').pop() ?? src
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}

/**
 * plainText turns a question text of the given format into text to show as
 * is (React escapes it; nothing from a question is ever put in the page as
 * HTML). Moodle and HTML texts lose their tags: line and paragraph breaks
 * become new lines, list items get a bullet, pictures become «[image: name]»
 * through imageLabel. Markdown and plain texts are shown as they are.
 */
export function plainText(text: string, format: string, imageLabel: (name: string) => string = (n) => `[${n}]`): string {
  if (!text) return ''
  if (format !== 'html' && format !== 'moodle') return text
  // Moodle's auto-format keeps the line breaks of the text; HTML does not.
  let s = format === 'html' ? text.replace(/\s*\n\s*/g, ' ') : text
  s = s
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<img\b[^>]*>/gi, (tag) => {
      const alt = /\balt\s*=\s*("([^"]*)"|'([^']*)')/i.exec(tag)
      const src = /\bsrc\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag)
      const name = (alt && (alt[2] ?? alt[3])) || (src ? imageName(src[2] ?? src[3] ?? src[4] ?? '') : '')
      return imageLabel(decodeEntities(name))
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/(p|div|h[1-6]|ul|ol|tr|table|blockquote|pre)\s*>/gi, '\n')
    .replace(/<(p|div|h[1-6]|ul|ol|tr|table|blockquote|pre)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, '\t')
    // Only what looks like a tag: "x < 5 và y > 3" stays.
    .replace(/<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/gi, '')
  return decodeEntities(s)
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** previewOf reads the preview a refused import (422 import_has_errors) carries in its details. */
export function previewOf(err: unknown): QuestionImportPreview | null {
  if (!(err instanceof ApiError) || err.code !== 'import_has_errors') return null
  const p = err.details.preview as Partial<QuestionImportPreview> | undefined
  if (!p || typeof p !== 'object' || !Array.isArray(p.problems)) return null
  return {
    filename: p.filename ?? '',
    format: p.format ?? 'gift',
    total: p.total ?? p.questions?.length ?? 0,
    questions: Array.isArray(p.questions) ? p.questions : [],
    problems: p.problems,
  }
}

/** sortedProblems orders problems by line, those of the whole file (line 0) first. */
export function sortedProblems<T extends { line: number }>(problems: T[]): T[] {
  return [...problems].sort((a, b) => a.line - b.line)
}
