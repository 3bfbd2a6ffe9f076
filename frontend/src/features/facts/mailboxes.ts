import type { Mailbox } from '../../api/types'
import { day } from './positions'

/**
 * splitMailboxes puts the address in use today (at most one: a new one
 * closes the old the day before) apart from the history, latest first.
 * An address from a day still to come counts as current too.
 */
export function splitMailboxes(items: Mailbox[], today: string): { current: Mailbox[]; history: Mailbox[] } {
  const latest = (a: Mailbox, b: Mailbox) => day(b.valid_from)!.localeCompare(day(a.valid_from)!) || b.id - a.id
  const open = (m: Mailbox) => m.valid_to === null || day(m.valid_to)! >= today
  return { current: items.filter(open).sort(latest), history: items.filter((m) => !open(m)).sort(latest) }
}

/**
 * firstFreeDay is the earliest day a new address may start: the day after
 * the latest start recorded (history is only added at its end), or null
 * when there is none yet.
 */
export function firstFreeDay(items: Mailbox[]): string | null {
  let last: string | null = null
  for (const m of items) {
    const d = day(m.valid_from)!
    if (last === null || d > last) last = d
  }
  if (last === null) return null
  const next = new Date(`${last}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

/** MAILBOX_PATTERN is the server's shape of an address: something@domain.tld, no spaces. */
export const MAILBOX_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** normalAddress is what the server stores: trimmed and lower case. */
export function normalAddress(s: string): string {
  return s.trim().toLowerCase()
}
