// Pure helpers of the attempt page: which questions are unanswered, what the
// navigation panel shows of each, and the per-attempt things kept in
// sessionStorage (flags, the submit's idempotency key, the page).

import type { AttemptQuestion, Navigation, QuizResponse } from '../../api/types'
import { isAnswered } from './response'

/**
 * unanswered lists the numbers (1-based) of the questions without an answer.
 * A slot whose question the page has not seen (sequential, not reached) is
 * unanswered; a description never is.
 */
export function unanswered(
  slotCount: number,
  questions: Record<number, AttemptQuestion | undefined>,
  responses: Record<number, QuizResponse | null | undefined>,
): number[] {
  const out: number[] = []
  for (let slot = 0; slot < slotCount; slot++) {
    const q = questions[slot]
    if (!q || !isAnswered(q.type, responses[slot])) out.push(slot + 1)
  }
  return out
}

export type NavState = 'current' | 'answered' | 'unanswered' | 'locked'

/**
 * navState says how the navigation panel shows a slot. Sequential
 * navigation locks the slots before the current one (no going back) and the
 * ones past the furthest reached.
 */
export function navState(
  slot: number,
  current: number,
  furthest: number,
  navigation: Navigation,
  answered: boolean,
): NavState {
  if (slot === current) return 'current'
  if (navigation === 'sequential' && (slot < current || slot > furthest)) return 'locked'
  return answered ? 'answered' : 'unanswered'
}

/**
 * canGo tells whether the navigation panel may open slot from current.
 * Sequential navigation never goes back and opens no question not reached
 * yet: moving on is the Next button's job (canNext).
 */
export function canGo(slot: number, current: number, furthest: number, slotCount: number, navigation: Navigation): boolean {
  if (slot < 0 || slot >= slotCount || slot === current) return false
  if (navigation === 'free') return true
  return slot > current && slot <= furthest
}

/** canNext tells whether there is a next question to move to. */
export const canNext = (current: number, slotCount: number) => current + 1 < slotCount

/** numberList writes question numbers for a sentence: "1, 3, 4". */
export function numberList(ns: number[]): string {
  return ns.join(', ')
}

type KV = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

function session(): KV | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null
  }
}

export const saveKey = (attemptId: number) => `lms.attempt.${attemptId}.save`
const flagsKey = (attemptId: number) => `lms.attempt.${attemptId}.flags`
const submitKeyKey = (attemptId: number) => `lms.attempt.${attemptId}.submit`
const pageKey = (attemptId: number) => `lms.attempt.${attemptId}.page`

function read(key: string): unknown {
  try {
    const raw = session()?.getItem(key)
    return raw ? JSON.parse(raw) : null
  } catch {
    return null
  }
}

function write(key: string, v: unknown) {
  try {
    session()?.setItem(key, JSON.stringify(v))
  } catch {
    // not kept: only a convenience
  }
}

/** sessionStore is sessionStorage when the browser allows it. */
export const sessionStore = session

export function loadFlags(attemptId: number): number[] {
  const v = read(flagsKey(attemptId))
  return Array.isArray(v) ? v.filter((n): n is number => typeof n === 'number') : []
}
export const storeFlags = (attemptId: number, flags: number[]) => write(flagsKey(attemptId), flags)

export function loadPage(attemptId: number): number | null {
  const v = read(pageKey(attemptId))
  return typeof v === 'number' ? v : null
}
export const storePage = (attemptId: number, page: number) => write(pageKey(attemptId), page)

/** uuid is crypto.randomUUID where the browser has it (secure contexts), else a v4 UUID from getRandomValues. */
export function uuid(c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto): string {
  if (typeof c.randomUUID === 'function') return c.randomUUID()
  const b = c.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** submitKey is the idempotency key of this attempt's submit: made once, reused by every retry. */
export function submitKey(attemptId: number): string {
  const v = read(submitKeyKey(attemptId))
  if (typeof v === 'string' && v) return v
  const k = uuid()
  write(submitKeyKey(attemptId), k)
  return k
}

/** forget drops everything kept for a finished attempt. */
export function forget(attemptId: number) {
  for (const k of [saveKey(attemptId), flagsKey(attemptId), submitKeyKey(attemptId), pageKey(attemptId)]) {
    try {
      session()?.removeItem(k)
    } catch {
      // nothing kept
    }
  }
}
