// The autosave queue of an attempt: the answers changed since the last
// acknowledged save, each with the sequence number of the last save that
// carried it. Every save carries every such answer with a new, higher seq;
// an acknowledgement of seq n removes the answers last sent in a save <= n
// and not changed since. So a lost save is made good by the next one, and a
// late acknowledgement of an old save never drops a newer change. The server
// keeps, per question, the response of the highest seq (quiz_merge), so
// resending an answer is harmless.

import type { AutosaveRequest, QuizResponse } from '../../api/types'

export interface PendingAnswer {
  r: QuizResponse
  /** the seq of the last save that carried this answer; null: not sent since it changed */
  sent: number | null
}

export interface SaveQueue {
  /** the last seq used */
  seq: number
  /** slot (as a string) -> the answer not yet acknowledged */
  pending: Record<string, PendingAnswer>
}

export const emptyQueue = (): SaveQueue => ({ seq: 0, pending: {} })

/** record notes a new response to slot; it goes out with the next save. */
export function record(q: SaveQueue, slot: number, r: QuizResponse): SaveQueue {
  return { ...q, pending: { ...q.pending, [String(slot)]: { r, sent: null } } }
}

/** hasPending tells whether some answer is not acknowledged yet. */
export const hasPending = (q: SaveQueue) => Object.keys(q.pending).length > 0

/** hasUnsent tells whether some answer changed since it was last sent. */
export const hasUnsent = (q: SaveQueue) => Object.values(q.pending).some((p) => p.sent === null)

/**
 * nextSave makes the next save: a new seq and every pending answer, each now
 * marked as sent in it. page goes along for sequential navigation.
 */
export function nextSave(q: SaveQueue, page?: number): { queue: SaveQueue; request: AutosaveRequest } {
  const seq = q.seq + 1
  const answers: Record<string, QuizResponse> = {}
  const pending: Record<string, PendingAnswer> = {}
  for (const [slot, p] of Object.entries(q.pending)) {
    answers[slot] = p.r
    pending[slot] = { r: p.r, sent: seq }
  }
  const request: AutosaveRequest = page === undefined ? { seq, answers } : { seq, answers, page }
  return { queue: { seq, pending }, request }
}

/** acknowledge removes the answers the save seq (or an earlier one) carried and that did not change since. */
export function acknowledge(q: SaveQueue, seq: number): SaveQueue {
  const pending: Record<string, PendingAnswer> = {}
  for (const [slot, p] of Object.entries(q.pending)) {
    if (p.sent === null || p.sent > seq) pending[slot] = p
  }
  return { ...q, pending }
}

/**
 * resume adopts the server's save counter on load: the next seq is above
 * every seq either side has seen, so the server takes the pending answers
 * (kept from before a reload) as the newest ones. Whatever was out when the
 * page went away counts as unsent.
 */
export function resume(q: SaveQueue, serverSeq: number): SaveQueue {
  const pending: Record<string, PendingAnswer> = {}
  for (const [slot, p] of Object.entries(q.pending)) pending[slot] = { r: p.r, sent: null }
  return { seq: Math.max(q.seq, serverSeq), pending }
}

/** responsesOf overlays the pending answers on the responses the server holds. */
export function responsesOf(
  server: Record<number, QuizResponse | null>,
  q: SaveQueue,
): Record<number, QuizResponse | null> {
  const out = { ...server }
  for (const [slot, p] of Object.entries(q.pending)) out[Number(slot)] = p.r
  return out
}

/** isQueue checks what sessionStorage gave back. */
export function isQueue(v: unknown): v is SaveQueue {
  if (!v || typeof v !== 'object') return false
  const q = v as SaveQueue
  return typeof q.seq === 'number' && !!q.pending && typeof q.pending === 'object'
}

/** retryDelay is the wait before retry n (1, 2, ...) after a failed save: 1 s doubling up to 30 s. */
export function retryDelay(n: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, n - 1))
}
