import { describe, expect, it } from 'vitest'
import dayjs from 'dayjs'
import type { TargetDefinition } from '../../api/types'
import vi from '../../i18n/locales/vi.json'
import en from '../../i18n/locales/en.json'
import {
  AGENCY_METRICS,
  checkParams,
  fieldPath,
  keepParams,
  metricsFor,
  newTargetValues,
  nextPosition,
  paramsNeeded,
  PEOPLE_METRICS,
  POPULATIONS,
  TARGET_CODE,
  toInput,
  toValues,
} from './edit'

describe('target editing', () => {
  it('offers the metrics of agencies for agency populations, of people for people', () => {
    expect(metricsFor('in_scope_agencies')).toContain('has_mailbox')
    expect(metricsFor('in_scope_agencies')).not.toContain('holds_certificate')
    expect(metricsFor('professional_staff')).toEqual(['holds_certificate'])
    expect(metricsFor('whatever')).toEqual([])
    expect(metricsFor(undefined)).toEqual([])
  })

  it('asks only for the params the population and metric need', () => {
    expect(paramsNeeded('in_scope_agencies', 'has_mailbox')).toEqual([])
    expect(paramsNeeded('in_scope_agencies', 'position_certified')).toEqual(['role', 'certification'])
    expect(paramsNeeded('agencies_of_levels', 'position_degree')).toEqual(['levels', 'role', 'level'])
    expect(paramsNeeded('agencies_of_sectors', 'has_certified_person')).toEqual(['sectors', 'codes', 'certification'])
    expect(paramsNeeded('staff_of_levels', 'holds_certificate')).toEqual(['levels', 'certification'])
  })

  it('checks the params as the server does, naming the fields', () => {
    expect(checkParams('in_scope_agencies', 'position_certified', { role: 'cio' })).toEqual({ 'params.certification': 'invalid' })
    expect(checkParams('agencies_of_levels', 'has_mailbox', { levels: [] })).toEqual({ 'params.levels': 'invalid' })
    // Sectors or codes: either one will do.
    expect(checkParams('agencies_of_sectors', 'has_mailbox', { codes: ['SNV'] })).toEqual({})
    expect(checkParams('agencies_of_sectors', 'has_mailbox', {})).toEqual({ 'params.sectors': 'invalid' })
    expect(checkParams('agencies_of_levels', 'position_degree', { levels: ['commune'], role: 'it_specialist', level: 'university' })).toEqual({})
    expect(checkParams('staff', 'holds_certificate', { certification: 'it_basic' })).toEqual({})
  })

  it('drops the params a changed metric no longer needs', () => {
    expect(keepParams('in_scope_agencies', 'has_mailbox', { role: 'cio', certification: 'cio' })).toEqual({})
    expect(keepParams('agencies_of_sectors', 'has_position', { sectors: [], codes: ['SNV'], role: 'cio', level: 'master' })).toEqual({
      codes: ['SNV'],
      role: 'cio',
    })
  })

  it('turns the form into the input and back', () => {
    const d: TargetDefinition = {
      id: 3,
      code: 'CIO-70',
      text_vi: 'Trên 70% sở, ngành có CIO',
      text_en: 'Over 70% with a CIO',
      section: 'I.2.2.1',
      population: 'in_scope_agencies',
      metric: 'position_certified',
      params: { role: 'cio', certification: 'cio' },
      rule: 'gt',
      threshold: 70,
      deadline: '2010-12-31T00:00:00Z',
      position: 30,
      active: true,
      version: 4,
    }
    const v = toValues(d)
    expect(v.deadline.format('YYYY-MM-DD')).toBe('2010-12-31')
    const input = toInput({ ...v, code: ' cio-70 ', text_vi: ' Trên 70% ', metric: 'has_position' })
    expect(input).toEqual({
      code: 'CIO-70',
      text_vi: 'Trên 70%',
      text_en: 'Over 70% with a CIO',
      section: 'I.2.2.1',
      population: 'in_scope_agencies',
      metric: 'has_position',
      params: { role: 'cio' },
      rule: 'gt',
      threshold: 70,
      deadline: '2010-12-31',
      position: 30,
      active: true,
    })
  })

  it('starts a new target after the others, with a valid combination', () => {
    expect(nextPosition([{ position: 10 }, { position: 95 }])).toBe(105)
    expect(nextPosition([])).toBe(10)
    const v = newTargetValues(20)
    expect(checkParams(v.population, v.metric, v.params)).toEqual({})
    expect(v.deadline.isSame(dayjs('2010-12-31'), 'day')).toBe(true)
  })

  it('knows the code shape and the form path of a server field', () => {
    expect(TARGET_CODE.test('IT-DEGREE')).toBe(true)
    expect(TARGET_CODE.test('-X')).toBe(false)
    expect(TARGET_CODE.test('X')).toBe(false)
    expect(fieldPath('params.role')).toEqual(['params', 'role'])
    expect(fieldPath('code')).toEqual(['code'])
  })

  it('names every population and metric of the vocabulary in both languages', () => {
    type Tree = { [k: string]: string | Tree }
    const at = (tree: Tree, key: string) => key.split('.').reduce<unknown>((n, k) => (n as Tree | undefined)?.[k], tree)
    const keys = [...POPULATIONS.map((p) => `target_edit.population.${p}`), ...[...AGENCY_METRICS, ...PEOPLE_METRICS].map((m) => `target_edit.metric.${m}`)]
    for (const k of keys) {
      expect(typeof at(vi as Tree, k), k).toBe('string')
      expect(typeof at(en as Tree, k), k).toBe('string')
    }
  })
})
