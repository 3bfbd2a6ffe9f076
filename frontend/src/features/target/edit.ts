// The pure parts of editing targets: the vocabulary of package target
// (api/target/target.go), which params a population and metric need (as its
// Check says), and the form's values to and from what the API takes.

import dayjs, { type Dayjs } from 'dayjs'
import type { AgencyLevel, CertificationTarget, DegreeLevel, PositionRole, TargetDefinition, TargetInput, TargetParams } from '../../api/types'
import { AGENCY_LEVELS, POSITION_ROLES } from '../../api/types'
import { TARGETS } from '../certadmin/certadmin'
import { DEGREE_LEVELS } from '../facts/degrees'

export const AGENCY_POPULATION_LIST = ['in_scope_agencies', 'agencies_of_levels', 'agencies_of_sectors'] as const
export const PEOPLE_POPULATION_LIST = ['staff', 'professional_staff', 'staff_of_levels'] as const
export const POPULATIONS: string[] = [...AGENCY_POPULATION_LIST, ...PEOPLE_POPULATION_LIST]
export const AGENCY_METRICS = ['has_position', 'position_certified', 'position_degree', 'has_certified_person', 'has_mailbox']
export const PEOPLE_METRICS = ['holds_certificate']

/** metricsFor lists the metrics that fit a population: of agencies or of people; none for an unknown one. */
export function metricsFor(population: string | undefined): string[] {
  if ((AGENCY_POPULATION_LIST as readonly string[]).includes(population ?? '')) return AGENCY_METRICS
  if ((PEOPLE_POPULATION_LIST as readonly string[]).includes(population ?? '')) return PEOPLE_METRICS
  return []
}

/** Param names a target's params may have; sectors and codes go together (either one will do). */
export type ParamName = keyof TargetParams

/** paramsNeeded lists the params a population and metric need, in the form's order. */
export function paramsNeeded(population: string | undefined, metric: string | undefined): ParamName[] {
  const out: ParamName[] = []
  if (population === 'agencies_of_levels' || population === 'staff_of_levels') out.push('levels')
  if (population === 'agencies_of_sectors') out.push('sectors', 'codes')
  if (metric === 'has_position' || metric === 'position_certified' || metric === 'position_degree') out.push('role')
  if (metric === 'position_certified' || metric === 'has_certified_person' || metric === 'holds_certificate') out.push('certification')
  if (metric === 'position_degree') out.push('level')
  return out
}

/** keepParams keeps only the params the population and metric need, dropping empty lists. */
export function keepParams(population: string | undefined, metric: string | undefined, p: TargetParams | undefined): TargetParams {
  const out: Record<string, unknown> = {}
  for (const k of paramsNeeded(population, metric)) {
    const v = p?.[k]
    if (Array.isArray(v) ? v.length > 0 : v) out[k] = v
  }
  return out as TargetParams
}

/**
 * checkParams says, as the server's Check does, which params are missing or
 * wrong, by field name ("params.role"); {} when they fit.
 */
export function checkParams(population: string | undefined, metric: string | undefined, p: TargetParams | undefined): Record<string, string> {
  const f: Record<string, string> = {}
  const needs = paramsNeeded(population, metric)
  const bad = (name: ParamName, ok: boolean) => {
    if (needs.includes(name) && !ok) f[`params.${name}`] = 'invalid'
  }
  bad('levels', !!p?.levels?.length && p.levels.every((l) => AGENCY_LEVELS.includes(l)))
  if (needs.includes('sectors') && !(p?.sectors?.length || p?.codes?.length)) f['params.sectors'] = 'invalid'
  bad('role', POSITION_ROLES.includes(p?.role as PositionRole))
  bad('certification', TARGETS.includes(p?.certification as CertificationTarget))
  bad('level', DEGREE_LEVELS.includes(p?.level as DegreeLevel))
  return f
}

/** TARGET_CODE is the server's shape of a code, once upper-cased: letters, digits and dashes, 2-30 long. */
export const TARGET_CODE = /^[A-Z0-9][A-Z0-9-]{1,29}$/

/** The drawer's values: the input with the deadline as a picker. */
export interface TargetValues extends Omit<TargetInput, 'deadline'> {
  deadline: Dayjs
}

/** NEW_TARGET is what the drawer starts a new target from. */
export function newTargetValues(position: number): TargetValues {
  return {
    code: '',
    text_vi: '',
    text_en: '',
    section: '',
    population: 'in_scope_agencies',
    metric: 'has_position',
    params: { role: 'it_officer' },
    rule: 'ge',
    threshold: 100,
    deadline: dayjs('2010-12-31'),
    position,
    active: true,
  }
}

/** toValues turns a target as listed into the drawer's values. */
export function toValues(d: TargetDefinition): TargetValues {
  return {
    code: d.code,
    text_vi: d.text_vi,
    text_en: d.text_en,
    section: d.section,
    population: d.population,
    metric: d.metric,
    params: { ...d.params },
    rule: d.rule,
    threshold: d.threshold,
    deadline: dayjs(d.deadline.slice(0, 10)),
    position: d.position,
    active: d.active,
  }
}

/** toInput turns the drawer's values into what the API takes: trimmed, the code upper-cased, only the params needed. */
export function toInput(v: TargetValues): TargetInput {
  return {
    code: v.code.trim().toUpperCase(),
    text_vi: v.text_vi.trim(),
    text_en: (v.text_en ?? '').trim(),
    section: (v.section ?? '').trim(),
    population: v.population,
    metric: v.metric,
    params: keepParams(v.population, v.metric, v.params),
    rule: v.rule,
    threshold: Number(v.threshold),
    deadline: v.deadline.format('YYYY-MM-DD'),
    position: Number(v.position) || 0,
    active: v.active,
  }
}

/** fieldPath turns a field the server names ("params.role", "code") into the form's path. */
export function fieldPath(name: string): string[] {
  return name.split('.')
}

/** nextPosition places a new target after every other one, in steps of ten. */
export function nextPosition(items: Pick<TargetDefinition, 'position'>[]): number {
  return items.reduce((m, d) => Math.max(m, d.position), 0) + 10
}

/** LEVEL_OPTIONS, ROLE_OPTIONS...: the vocabulary the params are chosen from. */
export const PARAM_VOCABULARY = {
  levels: AGENCY_LEVELS as AgencyLevel[],
  role: POSITION_ROLES,
  certification: TARGETS,
  level: DEGREE_LEVELS,
}
