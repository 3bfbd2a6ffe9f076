// The question list of the quiz builder: fixed questions and random draws,
// their marks, order and totals.

import type { QuestionCategory, QuestionSummary, QuizSlot, QuizSlotInput } from '../../api/types'

/** SlotRow is a slot on the builder's screen: the server's view plus a key for React. */
export interface SlotRow extends QuizSlot {
  key: string
}

let seq = 0
const nextKey = () => `s${++seq}`

export const isRandom = (s: Pick<QuizSlot, 'question_id' | 'category_id'>) => s.question_id === null && s.category_id !== null

export function fromQuizSlots(slots: QuizSlot[] | undefined): SlotRow[] {
  return (slots ?? []).map((s) => ({ ...s, count: isRandom(s) ? Math.max(1, s.count || 1) : 1, key: nextKey() }))
}

export function fixedRow(q: QuestionSummary, mark = 1): SlotRow {
  return {
    key: nextKey(),
    question_id: q.id,
    question_name: q.name,
    question_type: q.type,
    category_id: null,
    category_name: q.category_name,
    count: 1,
    include_sub: false,
    mark,
    available: q.archived ? 0 : 1,
  }
}

export function randomRow(c: QuestionCategory, count: number, includeSub: boolean, available: number, mark = 1): SlotRow {
  return {
    key: nextKey(),
    question_id: null,
    question_name: null,
    question_type: null,
    category_id: c.id,
    category_name: c.name,
    count: Math.max(1, Math.round(count)),
    include_sub: includeSub,
    mark,
    available,
  }
}

/** toSlotInputs is the slots part of a QuizInput, in the order shown. */
export function toSlotInputs(rows: SlotRow[]): QuizSlotInput[] {
  return rows.map((r) =>
    isRandom(r)
      ? { category_id: r.category_id, count: r.count, include_sub: r.include_sub, mark: r.mark }
      : { question_id: r.question_id, mark: r.mark },
  )
}

const round2 = (n: number) => Math.round(n * 100) / 100

export interface SlotTotals {
  /** questions an attempt holds */
  questions: number
  /** the attempt's maximum score */
  marks: number
  fixed: number
  random: number
}

export function slotTotals(rows: Pick<QuizSlot, 'question_id' | 'category_id' | 'count' | 'mark'>[]): SlotTotals {
  let fixed = 0
  let random = 0
  let marks = 0
  for (const r of rows) {
    const n = isRandom(r) ? Math.max(1, r.count || 1) : 1
    if (isRandom(r)) random += n
    else fixed += n
    marks += n * (r.mark || 0)
  }
  return { questions: fixed + random, marks: round2(marks), fixed, random }
}

/** moveRow moves the row at from to to; out-of-range moves change nothing. */
export function moveRow<T>(rows: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= rows.length || to >= rows.length) return rows
  const out = [...rows]
  const [r] = out.splice(from, 1)
  out.splice(to, 0, r)
  return out
}

/**
 * availableIn counts the live questions a draw from the category can take:
 * its own, plus those of every category under it when includeSub.
 */
export function availableIn(categories: QuestionCategory[], id: number, includeSub: boolean): number {
  const own = categories.find((c) => c.id === id)
  if (!own) return 0
  if (!includeSub) return own.question_count
  const children = new Map<number, QuestionCategory[]>()
  for (const c of categories) {
    if (c.parent_id === null) continue
    children.set(c.parent_id, [...(children.get(c.parent_id) ?? []), c])
  }
  let n = 0
  const seen = new Set<number>()
  const walk = (c: QuestionCategory) => {
    if (seen.has(c.id)) return
    seen.add(c.id)
    n += c.question_count
    for (const k of children.get(c.id) ?? []) walk(k)
  }
  walk(own)
  return n
}

/** withAvailable refreshes what each draw's category holds from the category list (the server's count stays for unknown categories). */
export function withAvailable(rows: SlotRow[], categories: QuestionCategory[]): SlotRow[] {
  if (categories.length === 0) return rows
  return rows.map((r) => {
    if (!isRandom(r) || !categories.some((c) => c.id === r.category_id)) return r
    const available = availableIn(categories, r.category_id as number, r.include_sub)
    return available === r.available ? r : { ...r, available }
  })
}

export interface Shortfall {
  wanted: number
  available: number
}

/**
 * shortfalls finds the draws that ask for more questions than their category
 * holds. Draws from the same category (and the same choice of
 * sub-categories) share its questions, so they are added up; fixed questions
 * that are not available (archived) are reported too.
 */
export function shortfalls(rows: SlotRow[]): Map<string, Shortfall> {
  const groups = new Map<string, SlotRow[]>()
  for (const r of rows) {
    if (!isRandom(r)) continue
    const g = `${r.category_id}:${r.include_sub}`
    groups.set(g, [...(groups.get(g) ?? []), r])
  }
  const out = new Map<string, Shortfall>()
  for (const list of groups.values()) {
    const wanted = list.reduce((n, r) => n + r.count, 0)
    const available = list[0].available
    if (wanted > available) for (const r of list) out.set(r.key, { wanted, available })
  }
  for (const r of rows) if (!isRandom(r) && r.available < 1) out.set(r.key, { wanted: 1, available: 0 })
  return out
}

/** slotIndexOf reads the slot a server field error names ("slots.2", "slots[2].count" → 2), or null for other fields. */
export function slotIndexOf(field: string): number | null {
  const m = /^slots(?:\.|\[)(\d+)/.exec(field)
  return m ? Number(m[1]) : null
}
