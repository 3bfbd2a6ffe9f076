// What a review shows of a question follows the review options the server
// names in `shows`; the page drops anything else it might have been sent.

import type { ReviewItem, ReviewQuestion } from '../../api/types'

/** visibleReview keeps, of a reviewed question, only what shows allows. */
export function visibleReview(q: ReviewQuestion, shows: readonly ReviewItem[]): ReviewQuestion {
  const out: ReviewQuestion = { ...q }
  if (!shows.includes('correctness')) delete out.state
  if (!shows.includes('score')) delete out.awarded
  if (!shows.includes('feedback')) {
    delete out.feedback
    delete out.general_feedback
  }
  if (!shows.includes('answers')) {
    delete out.right
    delete out.right_text
  }
  return out
}
