// What the "by agency" view of the targets screen works out by itself: the
// colour of a cell, the order of the rows, the filters and the words of the
// "missing" drill-down.

import type { TargetAgencyRow, TargetValue, Track } from '../../api/types'
import { countsAgencies } from './targets'

export type AgencyCell = TargetAgencyRow['values'][number]

/** CellTone: met (green), below the threshold (orange), nothing counted (grey). */
export type CellTone = 'met' | 'below' | 'none'

/** cellTone: nothing counted (percent null) is grey whatever met says; then met green, else orange. */
export function cellTone(v: Pick<AgencyCell, 'percent' | 'met'>): CellTone {
  if (v.percent === null) return 'none'
  return v.met ? 'met' : 'below'
}

/** toneColor is the antd token name for each tone. */
export const toneToken: Record<CellTone, 'colorSuccess' | 'colorWarning' | 'colorTextQuaternary'> = {
  met: 'colorSuccess',
  below: 'colorWarning',
  none: 'colorTextQuaternary',
}

/** cellOf: a row's value for a target code (values come in the order of targetValues' items, but the code is what counts). */
export function cellOf(row: TargetAgencyRow, code: string): AgencyCell | undefined {
  return row.values.find((v) => v.code === code)
}

/**
 * compareByTarget orders rows by the percent of the target code; a row with nothing counted comes
 * before every counted one, ties by name so the order is stable.
 */
export function compareByTarget(code: string): (a: TargetAgencyRow, b: TargetAgencyRow) => number {
  return (a, b) => {
    const pa = cellOf(a, code)?.percent ?? null
    const pb = cellOf(b, code)?.percent ?? null
    if (pa === null && pb !== null) return -1
    if (pb === null && pa !== null) return 1
    if (pa !== null && pb !== null && pa !== pb) return pa - pb
    return a.name.localeCompare(b.name, 'vi')
  }
}

/** fold lowers a text and drops Vietnamese diacritics (đ too), for a search by name. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim()
}

/** filterRows keeps the rows of a level (all when none) whose name holds q, diacritics ignored. */
export function filterRows(rows: TargetAgencyRow[], level: TargetAgencyRow['level'] | undefined, q: string): TargetAgencyRow[] {
  const needle = fold(q)
  return rows.filter((r) => (!level || r.level === level) && (!needle || fold(r.name).includes(needle)))
}

/** certificationOf: the certification a holds_certificate target counts (params.certification), if any. */
export function certificationOf(target: Pick<TargetValue, 'metric' | 'params'>): string | undefined {
  if (target.metric !== 'holds_certificate') return undefined
  const c = target.params?.certification
  return typeof c === 'string' && c ? c : undefined
}

/** courseTrack: the course track that leads to a certification (email_internet → email-internet). */
export function courseTrack(certification: string | undefined): Track | undefined {
  switch (certification) {
    case 'email_internet':
      return 'email-internet'
    case 'it_basic':
      return 'it-basic'
    case 'cio':
      return 'cio'
    case 'it_specialist':
      return 'it-specialist'
    default:
      return undefined
  }
}

/** canEnrol: only people targets counting a certificate offer to enrol the missing people. */
export function canEnrol(target: Pick<TargetValue, 'metric' | 'params' | 'population'>): boolean {
  return !countsAgencies(target.population) && courseTrack(certificationOf(target)) !== undefined
}

export type MissingKind = 'people' | 'agencies'

/**
 * missingSentenceKey names the sentence above the drill-down list: people
 * lacking a certificate ("Cán bộ chưa có chứng nhận …"), people lacking
 * something else, or agencies not meeting the target ("Đơn vị chưa đạt …").
 */
export function missingSentenceKey(
  kind: MissingKind,
  target: Pick<TargetValue, 'metric' | 'params'>,
): 'targets.missing.sentence_cert' | 'targets.missing.sentence_people' | 'targets.missing.sentence_agencies' {
  if (kind === 'agencies') return 'targets.missing.sentence_agencies'
  return certificationOf(target) ? 'targets.missing.sentence_cert' : 'targets.missing.sentence_people'
}

/** missingKind: what a target's list holds before the server says it (kind of the answer wins). */
export function missingKind(target: Pick<TargetValue, 'population'>): MissingKind {
  return countsAgencies(target.population) ? 'agencies' : 'people'
}

/** ENROL_PAGE is the page size used to collect every missing person; ENROL_MAX the most enrolled at once. */
export const ENROL_PAGE = 200
export const ENROL_MAX = 2000

/**
 * collectIds fetches the pages of a list (ENROL_PAGE a page) until total is
 * reached or max ids are collected, and returns the ids with the total.
 */
export async function collectIds(
  fetchPage: (page: number, pageSize: number) => Promise<{ items: { id: number }[]; total: number }>,
  max = ENROL_MAX,
  pageSize = ENROL_PAGE,
): Promise<{ ids: number[]; total: number }> {
  const ids: number[] = []
  let total = 0
  for (let page = 1; ids.length < max; page++) {
    const r = await fetchPage(page, pageSize)
    total = r.total
    for (const it of r.items) if (ids.length < max && !ids.includes(it.id)) ids.push(it.id)
    if (r.items.length < pageSize || page * pageSize >= r.total) break
  }
  return { ids, total }
}

/** View is the tab of the targets screen: the cards (overview), the table by agency, or the targets' editing (manage). */
export type View = 'overview' | 'agencies' | 'manage'

export function readView(s: string | null): View {
  return s === 'agencies' || s === 'manage' ? s : 'overview'
}
