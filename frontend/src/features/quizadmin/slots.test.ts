import { describe, expect, it } from 'vitest'
import type { QuestionCategory, QuestionSummary } from '../../api/types'
import { availableIn, fixedRow, fromQuizSlots, moveRow, randomRow, shortfalls, slotIndexOf, slotTotals, toSlotInputs, withAvailable } from './slots'

const cat = (id: number, parent: number | null, n: number): QuestionCategory => ({
  id,
  parent_id: parent,
  name: `Nhóm ${id}`,
  source: 'app',
  course_slug: null,
  question_count: n,
})
const categories = [cat(1, null, 2), cat(2, 1, 5), cat(3, 2, 1), cat(4, null, 7)]

const question = (id: number): QuestionSummary => ({
  id,
  category_id: 1,
  category_name: 'Nhóm 1',
  name: `Câu ${id}`,
  type: 'single_choice',
  excerpt: '',
  version: 1,
  tags: [],
  source: 'app',
  archived: false,
  updated_at: '2026-11-26T00:00:00Z',
})

describe('slots', () => {
  it('count the questions and marks of an attempt', () => {
    const rows = [fixedRow(question(1), 2), randomRow(categories[1], 3, false, 5, 1.5), fixedRow(question(2))]
    expect(slotTotals(rows)).toEqual({ questions: 5, marks: 7.5, fixed: 2, random: 3 })
    expect(slotTotals([])).toEqual({ questions: 0, marks: 0, fixed: 0, random: 0 })
    // Marks add up without floating-point dust.
    expect(slotTotals([fixedRow(question(1), 0.1), fixedRow(question(2), 0.2)]).marks).toBe(0.3)
  })
  it('become the slots of a QuizInput in the order shown', () => {
    const rows = [randomRow(categories[0], 2, true, 8), fixedRow(question(9), 3)]
    expect(toSlotInputs(moveRow(rows, 1, 0))).toEqual([
      { question_id: 9, mark: 3 },
      { category_id: 1, count: 2, include_sub: true, mark: 1 },
    ])
  })
  it('move up and down, and not past the ends', () => {
    expect(moveRow(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moveRow(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b'])
    const same = ['a', 'b']
    expect(moveRow(same, 0, -1)).toBe(same)
    expect(moveRow(same, 1, 2)).toBe(same)
  })
  it('read the server slots, with a key each', () => {
    const rows = fromQuizSlots([
      { question_id: null, question_name: null, question_type: null, category_id: 4, category_name: 'Nhóm 4', count: 0, include_sub: false, mark: 1, available: 7 },
    ])
    expect(rows[0].count).toBe(1)
    expect(rows[0].key).toMatch(/^s\d+$/)
    expect(fromQuizSlots(undefined)).toEqual([])
  })
})

describe('random draws', () => {
  it('count what a category holds, with its sub-categories when asked', () => {
    expect(availableIn(categories, 1, false)).toBe(2)
    expect(availableIn(categories, 1, true)).toBe(8)
    expect(availableIn(categories, 2, true)).toBe(6)
    expect(availableIn(categories, 99, true)).toBe(0)
  })
  it('survive a category that is its own ancestor', () => {
    expect(availableIn([cat(1, 2, 1), cat(2, 1, 1)], 1, true)).toBe(2)
  })
  it('warn when the draws from a category ask for more than it holds', () => {
    const a = randomRow(categories[1], 4, false, 5)
    const b = randomRow(categories[1], 2, false, 5)
    const c = randomRow(categories[3], 7, false, 7)
    const short = shortfalls([a, b, c])
    expect(short.get(a.key)).toEqual({ wanted: 6, available: 5 })
    expect(short.get(b.key)).toEqual({ wanted: 6, available: 5 })
    expect(short.has(c.key)).toBe(false)
    expect(shortfalls([a]).size).toBe(0)
  })
  it('warn about an archived fixed question', () => {
    const gone = fixedRow({ ...question(5), archived: true })
    expect(shortfalls([gone]).get(gone.key)).toEqual({ wanted: 1, available: 0 })
  })
  it('recount what a category holds when the list of categories is known', () => {
    const r = randomRow(categories[0], 3, true, 0)
    expect(withAvailable([r], categories)[0].available).toBe(8)
    expect(withAvailable([{ ...r, include_sub: false }], categories)[0].available).toBe(2)
    expect(withAvailable([r], [])[0].available).toBe(0)
  })
})

describe('server field errors', () => {
  it('name the slot they belong to', () => {
    expect(slotIndexOf('slots.0')).toBe(0)
    expect(slotIndexOf('slots[12].count')).toBe(12)
    expect(slotIndexOf('slots')).toBeNull()
    expect(slotIndexOf('slug')).toBeNull()
  })
})
