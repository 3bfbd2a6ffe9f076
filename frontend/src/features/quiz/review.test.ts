import { describe, expect, it } from 'vitest'
import type { ReviewQuestion } from '../../api/types'
import { visibleReview } from './review'

const full: ReviewQuestion = {
  slot: 0,
  mark: 1,
  type: 'single_choice',
  text: 'Q',
  options: ['A', 'B'],
  response: { choice: 0 },
  state: 'wrong',
  awarded: 0,
  feedback: 'f',
  general_feedback: 'g',
  right: { choice: 1 },
  right_text: 'B',
  comment: 'c',
}

describe('visibleReview', () => {
  it('keeps everything the options show', () => {
    expect(visibleReview(full, ['score', 'correctness', 'feedback', 'answers'])).toEqual(full)
  })
  it('drops what they do not', () => {
    const v = visibleReview(full, ['score'])
    expect(v.awarded).toBe(0)
    for (const k of ['state', 'feedback', 'general_feedback', 'right', 'right_text'] as const) expect(v[k], k).toBeUndefined()
    // The learner's own answer and a trainer's comment stay.
    expect(v.response).toEqual({ choice: 0 })
    expect(v.comment).toBe('c')
    expect(visibleReview(full, []).awarded).toBeUndefined()
  })
})
