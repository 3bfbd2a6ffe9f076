import type { BulkEnrolRequest, PersonKind } from '../../api/types'

export type EnrolMode = 'group' | 'people'

/** EnrolValues are the bulk-enrolment form's values (due_date is a dayjs date). */
export interface EnrolValues {
  mode: EnrolMode
  agency_id?: number
  include_sub: boolean
  kind?: PersonKind
  professional?: 'true' | 'false'
  person_ids?: number[]
  due_date?: { format(f: string): string } | null
}

/**
 * toRequest keeps the selectors of the chosen mode and returns null when none
 * is set (the server refuses an enrolment without a selector: it would mean
 * "everyone in my scope", which nobody means by accident).
 */
export function toRequest(v: EnrolValues): BulkEnrolRequest | null {
  const due = v.due_date ? v.due_date.format('YYYY-MM-DD') : undefined
  if (v.mode === 'people') {
    return v.person_ids && v.person_ids.length > 0 ? { person_ids: v.person_ids, due_date: due } : null
  }
  if (v.agency_id === undefined && !v.kind && v.professional === undefined) return null
  return {
    agency_id: v.agency_id,
    include_sub: v.agency_id !== undefined ? v.include_sub : undefined,
    kind: v.kind,
    professional: v.professional === undefined ? undefined : v.professional === 'true',
    due_date: due,
  }
}
