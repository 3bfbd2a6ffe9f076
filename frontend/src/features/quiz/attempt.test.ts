import { describe, expect, it } from 'vitest'
import type { AttemptQuestion } from '../../api/types'
import { canGo, canNext, navState, numberList, unanswered, uuid } from './attempt'

const q = (slot: number, type: AttemptQuestion['type']): AttemptQuestion => ({ slot, mark: 1, type, text: '', response: null })

describe('attempt helpers', () => {
  it('lists unanswered question numbers', () => {
    const questions = { 0: q(0, 'single_choice'), 1: q(1, 'description'), 2: q(2, 'essay'), 3: q(3, 'true_false') }
    expect(unanswered(5, questions, { 0: { choice: 0 }, 2: { text: ' ' }, 3: { value: false } })).toEqual([3, 5])
    expect(numberList([3, 5])).toBe('3, 5')
  })

  it('shows slots in the navigation panel', () => {
    expect(navState(2, 2, 4, 'free', false)).toBe('current')
    expect(navState(1, 2, 4, 'free', true)).toBe('answered')
    expect(navState(3, 2, 4, 'free', false)).toBe('unanswered')
    expect(navState(1, 2, 2, 'sequential', true)).toBe('locked')
    expect(navState(3, 2, 2, 'sequential', false)).toBe('locked')
  })

  it('goes anywhere when free, only forward when sequential', () => {
    expect(canGo(0, 3, 0, 5, 'free')).toBe(true)
    expect(canGo(5, 3, 0, 5, 'free')).toBe(false)
    expect(canGo(3, 3, 3, 5, 'free')).toBe(false)
    // Sequential: no going back, and the panel opens no question not reached (Next does).
    expect(canGo(2, 3, 3, 5, 'sequential')).toBe(false)
    expect(canGo(4, 3, 3, 5, 'sequential')).toBe(false)
    expect(canGo(4, 1, 4, 6, 'sequential')).toBe(true)
    expect(canNext(3, 5)).toBe(true)
    expect(canNext(4, 5)).toBe(false)
  })

  it('makes v4 UUIDs without randomUUID', () => {
    const id = uuid({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => a })
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(uuid({ getRandomValues: (a) => a, randomUUID: () => 'x' })).toBe('x')
  })
})
