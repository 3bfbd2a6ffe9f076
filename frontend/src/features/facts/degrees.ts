import type { addQualification } from '../../api/client'
import type { DegreeLevel, Qualification } from '../../api/types'
import { viCollator } from '../../lib/fold'
import { day } from './positions'

/** DEGREE_LEVELS in rising order, as the API's vocabulary (package target) has them. */
export const DEGREE_LEVELS: DegreeLevel[] = ['vocational', 'college', 'university', 'master', 'doctorate']

/** degreeKey is the i18n key of a degree level's name: Trung cấp, Cao đẳng, Đại học, Thạc sĩ, Tiến sĩ. */
export function degreeKey(level: DegreeLevel): string {
  return `degrees.level.${level}`
}

/** The add form's values; names are the API's, so the server's field errors land on them. */
export interface DegreeValues {
  level: DegreeLevel
  field: string
  it_field: boolean
  /** yyyy-mm-dd */
  awarded_on: string
  institution?: string
  evidence?: File
}

/** degreeRequest trims the texts and leaves out an empty institution and a missing file. */
export function degreeRequest(v: DegreeValues): Parameters<typeof addQualification>[1] {
  const institution = (v.institution ?? '').trim()
  return {
    level: v.level,
    field: v.field.trim(),
    it_field: v.it_field,
    awarded_on: v.awarded_on,
    ...(institution ? { institution } : {}),
    ...(v.evidence ? { evidence: v.evidence } : {}),
  }
}

/** sortDegrees: the latest award first, then the higher level, then the field. */
export function sortDegrees(items: Qualification[]): Qualification[] {
  const rank = (l: DegreeLevel) => DEGREE_LEVELS.indexOf(l)
  return [...items].sort(
    (a, b) =>
      day(b.awarded_on)!.localeCompare(day(a.awarded_on)!) ||
      rank(b.level) - rank(a.level) ||
      viCollator.compare(a.field, b.field) ||
      a.id - b.id,
  )
}
