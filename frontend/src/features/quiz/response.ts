// Pure helpers about a learner's response to one question: whether it counts
// as an answer, and how a typed number is read (the server's rules, so the
// page can warn before the server marks it wrong).

import type { QuestionType, QuizResponse } from '../../api/types'

/** parseNumber reads a number the way the grader does: "3,5", "3.5", "1.235.000", "1.235,5"; null when it is not one. */
export function parseNumber(input: string): number | null {
  let s = input.trim().replace(/\s+/g, '')
  if (s === '') return null
  const dots = (s.match(/\./g) ?? []).length
  const commas = (s.match(/,/g) ?? []).length
  if (dots > 1 && commas === 0) s = s.replace(/\./g, '')
  else if (commas > 0 && dots > 0) s = s.replace(/\./g, '').replace(',', '.')
  else if (commas === 1) s = s.replace(',', '.')
  // strconv.ParseFloat accepts what Number accepts here, minus hex and the empty string.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null
  const x = Number(s)
  return Number.isFinite(x) ? x : null
}

/** isAnswered tells whether response holds an answer to a question of the given type. */
export function isAnswered(type: QuestionType, r: QuizResponse | null | undefined): boolean {
  if (type === 'description') return true
  if (!r) return false
  switch (type) {
    case 'single_choice':
      return r.choice !== undefined && r.choice !== null
    case 'multiple_choice':
      return (r.choices?.length ?? 0) > 0
    case 'true_false':
      return typeof r.value === 'boolean'
    case 'short_answer':
    case 'numerical':
    case 'essay':
      return (r.text ?? '').trim() !== ''
    case 'matching':
      return Object.keys(r.pairs ?? {}).length > 0
  }
  return false
}

/** toggleChoice adds or removes option i of a multiple-choice response, keeping the list sorted. */
export function toggleChoice(choices: number[] | undefined, i: number, on: boolean): number[] {
  const set = new Set(choices ?? [])
  if (on) set.add(i)
  else set.delete(i)
  return [...set].sort((a, b) => a - b)
}

/** setPair matches left item left with right position right (undefined: clears it). */
export function setPair(pairs: Record<string, number> | undefined, left: number, right: number | undefined): Record<string, number> {
  const out = { ...(pairs ?? {}) }
  if (right === undefined || right === null) delete out[String(left)]
  else out[String(left)] = right
  return out
}
