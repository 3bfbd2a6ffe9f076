import type { Position, PositionRole } from '../../api/types'
import { POSITION_ROLES } from '../../api/types'
import { formatDate } from '../../lib/format'
import { viCollator } from '../../lib/fold'

/** roleColor is the tag colour of a role, the same on every screen. */
export function roleColor(role: PositionRole): string {
  switch (role) {
    case 'it_officer':
      return 'blue'
    case 'cio':
      return 'purple'
    case 'it_specialist':
      return 'cyan'
  }
}

/** roleKey is the i18n key of a role's name: Phụ trách CNTT, Giám đốc CNTT (CIO), Chuyên trách CNTT. */
export function roleKey(role: PositionRole): string {
  return `facts.role.${role}`
}

/** day reads the calendar date (yyyy-mm-dd) of a date the server sent, with or without a time. */
export function day(d: string | null | undefined): string | null {
  return d ? d.slice(0, 10) : null
}

/** Wording is an i18n key and its values, left to the caller's t. */
export interface Wording {
  key: string
  values: Record<string, string>
}

/**
 * decisionWording words the appointing decision: "Quyết định số 125/QĐ-UBND
 * ngày 25/04/2008", with the number or the date alone when only one is
 * known; null when neither is.
 */
export function decisionWording(p: Pick<Position, 'decision_no' | 'decision_date'>): Wording | null {
  const no = p.decision_no.trim()
  const date = formatDate(day(p.decision_date))
  if (no && date) return { key: 'facts.decision.full', values: { no, date } }
  if (no) return { key: 'facts.decision.number', values: { no } }
  if (date) return { key: 'facts.decision.dated', values: { date } }
  return null
}

/**
 * isCurrent: a position is held (Đang giữ) until its last day has passed;
 * one whose last day is today or later still counts as held today.
 */
export function isCurrent(p: Pick<Position, 'valid_to'>, today: string): boolean {
  const to = day(p.valid_to)
  return to === null || to >= today
}

/** canEnd: only a position without a last day can be ended (the server answers position_ended otherwise). */
export function canEnd(p: Pick<Position, 'valid_to'>): boolean {
  return p.valid_to === null
}

const roleRank = (r: PositionRole) => POSITION_ROLES.indexOf(r)

/**
 * splitPositions puts the positions held on today (current) apart from the
 * ended ones (history). Current ones read by agency, then role in the
 * decision's order, then the earliest start; history shows the latest ended
 * first.
 */
export function splitPositions(items: Position[], today: string): { current: Position[]; history: Position[] } {
  const current = items.filter((p) => isCurrent(p, today))
  const history = items.filter((p) => !isCurrent(p, today))
  const byPlace = (a: Position, b: Position) =>
    viCollator.compare(a.agency_name, b.agency_name) || roleRank(a.role) - roleRank(b.role)
  current.sort((a, b) => byPlace(a, b) || day(a.valid_from)!.localeCompare(day(b.valid_from)!) || a.id - b.id)
  history.sort(
    (a, b) =>
      day(b.valid_to)!.localeCompare(day(a.valid_to)!) ||
      byPlace(a, b) ||
      day(b.valid_from)!.localeCompare(day(a.valid_from)!) ||
      a.id - b.id,
  )
  return { current, history }
}
