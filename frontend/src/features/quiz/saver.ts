// Saver runs the autosave queue of one attempt: a save every few seconds when
// something changed, one on demand (page change, leaving the page), retries
// with backoff when the network or the server fails, and the queue kept in
// sessionStorage so that a reload loses neither the counter nor an answer not
// yet saved. It knows nothing of React; the attempt page drives it.

import type { AutosaveRequest, AutosaveResult, QuizResponse } from '../../api/types'
import {
  acknowledge,
  emptyQueue,
  hasPending,
  hasUnsent,
  isQueue,
  nextSave,
  record,
  resume,
  retryDelay,
  type SaveQueue,
} from './autosave'

/** SaveStatus is what the save indicator says. */
export type SaveStatus = 'saved' | 'saving' | 'offline' | 'error'

type KV = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export interface SaverOptions {
  send: (req: AutosaveRequest, keepalive: boolean) => Promise<AutosaveResult>
  /** sessionStorage, or null where there is none */
  storage: KV | null
  storageKey: string
  /** the server's save_seq when the attempt was loaded */
  serverSeq: number
  onStatus: (s: SaveStatus, error?: unknown) => void
  /** every acknowledged save, with the monotonic times it left and came back (for the clock) */
  onResult: (r: AutosaveResult, sentMono: number, receivedMono: number) => void
  /** 409 attempt_finished or time_up: the attempt is over */
  onFinished: (code: string) => void
  /** the monotonic clock (performance.now) */
  mono?: () => number
  intervalMs?: number
}

/** errorStatus and errorCode read what the API client throws (ApiError) without importing it. */
function errorStatus(e: unknown): number | undefined {
  return e && typeof e === 'object' && 'status' in e && typeof e.status === 'number' ? e.status : undefined
}
function errorCode(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : undefined
}

/** FINISHED_CODES end an attempt: the page goes to its result. */
export const FINISHED_CODES = ['attempt_finished', 'time_up']

/** isFinished tells whether an error says the attempt is over. */
export const isFinished = (e: unknown) => errorStatus(e) === 409 && FINISHED_CODES.includes(errorCode(e) ?? '')

/** isRetryable: a network error (status 0), a 5xx, a 408 or a 429 may succeed later unchanged. */
export function isRetryable(e: unknown): boolean {
  const s = errorStatus(e)
  return s === 0 || s === 408 || s === 429 || (s !== undefined && s >= 500)
}

export class Saver {
  private queue: SaveQueue
  private readonly o: SaverOptions
  private inflight: Promise<unknown> | null = null
  private failures = 0
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private interval: ReturnType<typeof setInterval> | null = null
  private status: SaveStatus = 'saved'
  private over = false

  constructor(o: SaverOptions) {
    this.o = o
    let stored: unknown = null
    try {
      const raw = o.storage?.getItem(o.storageKey)
      stored = raw ? JSON.parse(raw) : null
    } catch {
      stored = null
    }
    this.queue = resume(isQueue(stored) ? stored : emptyQueue(), o.serverSeq)
    // Not told through onStatus: the page reads it while it first renders.
    this.status = hasPending(this.queue) ? 'saving' : 'saved'
  }

  /** pendingResponses are the answers not acknowledged yet (slot -> response), newest first in authority. */
  pendingResponses(): Record<number, QuizResponse> {
    const out: Record<number, QuizResponse> = {}
    for (const [slot, p] of Object.entries(this.queue.pending)) out[Number(slot)] = p.r
    return out
  }

  get seq() {
    return this.queue.seq
  }

  get current(): SaveStatus {
    return this.status
  }

  /** start saves every intervalMs (3 s) while answers are unsent. */
  start() {
    if (this.interval || this.over) return
    this.interval = setInterval(() => this.tick(), this.o.intervalMs ?? 3000)
    // Answers kept from before a reload go out at once.
    if (hasPending(this.queue)) this.tick()
  }

  /** stop ends the timers; the queue stays in storage. */
  stop() {
    if (this.interval) clearInterval(this.interval)
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.interval = null
    this.retryTimer = null
  }

  /** change records a new response of slot; it goes out with the next save. */
  change(slot: number, r: QuizResponse) {
    if (this.over) return
    this.queue = record(this.queue, slot, r)
    this.persist()
    if (this.status === 'saved') this.setStatus('saving')
  }

  /** tick sends a save when something is unsent, no save is out and no retry is waiting. */
  tick() {
    if (this.over || this.inflight || this.retryTimer || !hasUnsent(this.queue)) return
    this.flush().catch(() => {
      // the status says it; a retry is scheduled
    })
  }

  /**
   * flush sends every pending answer now (after the save already out, if
   * any) and resolves with the server's answer; page moves a sequential
   * attempt on. It rejects when the save fails (a retry is then scheduled).
   */
  async flush(page?: number): Promise<AutosaveResult | null> {
    while (this.inflight) await this.inflight.catch(() => undefined)
    if (this.over) return null
    if (!hasPending(this.queue) && page === undefined) {
      // Everything is acknowledged (a later save may have carried what an earlier one failed to).
      if (this.status !== 'saved') this.setStatus('saved')
      return null
    }
    const p = this.send(page, false)
    this.inflight = p
    try {
      return await p
    } finally {
      if (this.inflight === p) this.inflight = null
    }
  }

  /**
   * leave sends what is pending right away, as the page is hidden or goes
   * away: a keepalive request that may outlive the page, not waiting for a
   * save already out. The queue in storage still has the answers should the
   * request be lost.
   */
  leave() {
    if (this.over || !hasPending(this.queue)) return
    this.send(undefined, true).catch(() => undefined)
  }

  /** takeForSubmit marks every pending answer as sent in one more save, for the submit request's body. */
  takeForSubmit(): AutosaveRequest {
    const { queue, request } = nextSave(this.queue)
    this.queue = queue
    this.persist()
    return request
  }

  /** reopen goes back to saving after a submit that failed: what it carried counts as unsent. */
  reopen() {
    if (this.over) return
    this.queue = resume(this.queue, this.queue.seq)
    this.persist()
    this.start()
    this.tick()
  }

  /** finish forgets the attempt: it is submitted or over. */
  finish() {
    this.over = true
    this.stop()
    try {
      this.o.storage?.removeItem(this.o.storageKey)
    } catch {
      // nothing to forget
    }
  }

  private async send(page: number | undefined, keepalive: boolean): Promise<AutosaveResult> {
    const { queue, request } = nextSave(this.queue, page)
    this.queue = queue
    this.persist()
    if (this.status !== 'offline' && this.status !== 'error') this.setStatus('saving')
    const mono = this.o.mono ?? (() => performance.now())
    const sent = mono()
    try {
      const result = await this.o.send(request, keepalive)
      this.queue = acknowledge(this.queue, request.seq)
      this.persist()
      this.failures = 0
      // This save carried every answer pending when it left, so a retry
      // waiting for an earlier failure has nothing left to do.
      if (this.retryTimer) clearTimeout(this.retryTimer)
      this.retryTimer = null
      this.o.onResult(result, sent, mono())
      this.setStatus(hasPending(this.queue) ? 'saving' : 'saved')
      return result
    } catch (e) {
      if (this.over) throw e
      if (isFinished(e)) {
        this.finish()
        this.o.onFinished(errorCode(e) ?? 'attempt_finished')
        throw e
      }
      // Failed answers stay pending; the retry carries them (and anything newer).
      this.failures++
      this.setStatus(isRetryable(e) ? 'offline' : 'error', e)
      // Also after a keepalive save: the page may still be there (a hidden tab).
      this.scheduleRetry()
      throw e
    }
  }

  private scheduleRetry() {
    if (this.retryTimer || this.over) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.flush().catch(() => undefined)
    }, retryDelay(this.failures))
  }

  private persist() {
    try {
      this.o.storage?.setItem(this.o.storageKey, JSON.stringify(this.queue))
    } catch {
      // storage full or unavailable: the answers are still in memory and on their way
    }
  }

  private setStatus(s: SaveStatus, error?: unknown) {
    this.status = s
    this.o.onStatus(s, error)
  }
}
