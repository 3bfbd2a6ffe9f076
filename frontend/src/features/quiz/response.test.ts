import { describe, expect, it } from 'vitest'
import { isAnswered, parseNumber, setPair, toggleChoice } from './response'

describe('parseNumber', () => {
  it('reads numbers the way the grader does', () => {
    const cases: [string, number | null][] = [
      ['3,5', 3.5],
      ['3.5', 3.5],
      [' -2 ', -2],
      ['1.235.000', 1235000],
      ['1.235,5', 1235.5],
      ['1 235 000', 1235000],
      ['1e3', 1000],
      ['', null],
      ['abc', null],
      ['3,5,6', null],
      ['0x10', null],
      ['Infinity', null],
    ]
    for (const [input, want] of cases) expect(parseNumber(input), input).toBe(want)
  })
})

describe('isAnswered', () => {
  it('counts an answer per type', () => {
    expect(isAnswered('single_choice', { choice: 0 })).toBe(true)
    expect(isAnswered('single_choice', {})).toBe(false)
    expect(isAnswered('single_choice', null)).toBe(false)
    expect(isAnswered('multiple_choice', { choices: [] })).toBe(false)
    expect(isAnswered('multiple_choice', { choices: [2] })).toBe(true)
    expect(isAnswered('true_false', { value: false })).toBe(true)
    expect(isAnswered('short_answer', { text: '  ' })).toBe(false)
    expect(isAnswered('numerical', { text: '3,5' })).toBe(true)
    expect(isAnswered('essay', { text: 'x' })).toBe(true)
    expect(isAnswered('matching', { pairs: {} })).toBe(false)
    expect(isAnswered('matching', { pairs: { '0': 1 } })).toBe(true)
    // Nothing to answer: never listed as unanswered.
    expect(isAnswered('description', null)).toBe(true)
  })
})

describe('response editing', () => {
  it('toggles choices and keeps them sorted', () => {
    expect(toggleChoice(undefined, 2, true)).toEqual([2])
    expect(toggleChoice([3, 1], 2, true)).toEqual([1, 2, 3])
    expect(toggleChoice([1, 2], 1, false)).toEqual([2])
    expect(toggleChoice([1], 1, true)).toEqual([1])
  })
  it('sets and clears pairs without touching the input', () => {
    const before = { '0': 1 }
    expect(setPair(before, 1, 0)).toEqual({ '0': 1, '1': 0 })
    expect(setPair(before, 0, undefined)).toEqual({})
    expect(before).toEqual({ '0': 1 })
  })
})
