import { describe, expect, it } from 'vitest'
import dayjs from 'dayjs'
import type { Quiz } from '../../api/types'
import {
  closesBeforeOpening,
  delayMinutes,
  formField,
  fromPicker,
  newQuizValues,
  splitDelay,
  toForm,
  toInput,
  toPicker,
  vnInstant,
  vnWallClock,
} from './settings'

const stored: Quiz = {
  id: 7,
  slug: 'kiem-tra-cuoi-khoa',
  title_vi: 'Kiểm tra cuối khóa',
  title_en: 'Final test',
  intro_vi: 'Làm bài trong 45 phút.',
  intro_en: '',
  module_slug: 'mo-dun-2',
  published: true,
  required: true,
  time_limit_minutes: 45,
  open_at: '2026-12-01T01:30:00Z',
  close_at: '2026-12-15T16:59:00Z',
  attempts_allowed: 3,
  attempt_delay_minutes: 2880,
  grading_method: 'average',
  pass_percent: 70,
  navigation: 'sequential',
  shuffle_questions: false,
  shuffle_answers: true,
  review_attempt: ['correctness', 'score'],
  review_closed: ['score', 'correctness', 'feedback', 'answers'],
  course_slug: 'iu01',
  course_title_vi: 'IU01',
  course_title_en: 'IU01',
  source: 'app',
  version: 4,
  question_count: 10,
  server_time: '2026-11-26T00:00:00Z',
  can_start: false,
  cannot_start: null,
  next_start_at: null,
  my: null,
  my_attempts: [],
}

describe('Vietnam time', () => {
  it('reads an instant on the clock in Hà Nội, whatever the browser zone', () => {
    expect(vnWallClock('2026-12-01T01:30:00Z')).toEqual({ year: 2026, month: 12, day: 1, hour: 8, minute: 30 })
    expect(vnWallClock('2026-12-31T17:00:00Z')).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 0 })
    expect(vnWallClock('nonsense')).toBeNull()
  })
  it('turns the clock in Hà Nội back into the instant', () => {
    expect(vnInstant({ year: 2026, month: 12, day: 1, hour: 8, minute: 30 })).toBe('2026-12-01T01:30:00Z')
    expect(vnInstant({ year: 2027, month: 1, day: 1, hour: 0, minute: 0 })).toBe('2026-12-31T17:00:00Z')
  })
  it('gives the picker Vietnam wall-clock fields and reads them back', () => {
    const d = toPicker('2026-12-15T16:59:00Z')
    expect(d?.format('DD/MM/YYYY HH:mm')).toBe('15/12/2026 23:59')
    expect(fromPicker(d)).toBe('2026-12-15T16:59:00Z')
    expect(toPicker(null)).toBeNull()
    expect(fromPicker(null)).toBeNull()
    expect(fromPicker(dayjs(new Date(2026, 0, 2, 7, 0)))).toBe('2026-01-02T00:00:00Z')
  })
  it('knows a close time must come after the open time', () => {
    const open = toPicker('2026-12-01T01:30:00Z')
    expect(closesBeforeOpening(open, toPicker('2026-12-01T01:30:00Z'))).toBe(true)
    expect(closesBeforeOpening(open, toPicker('2026-12-01T01:00:00Z'))).toBe(true)
    expect(closesBeforeOpening(open, toPicker('2026-12-01T02:00:00Z'))).toBe(false)
    expect(closesBeforeOpening(null, toPicker('2026-12-01T02:00:00Z'))).toBe(false)
  })
})

describe('delay between attempts', () => {
  it('is shown in the largest whole unit', () => {
    expect(splitDelay(0)).toEqual({ value: 0, unit: 'minutes' })
    expect(splitDelay(45)).toEqual({ value: 45, unit: 'minutes' })
    expect(splitDelay(90)).toEqual({ value: 90, unit: 'minutes' })
    expect(splitDelay(120)).toEqual({ value: 2, unit: 'hours' })
    expect(splitDelay(2880)).toEqual({ value: 2, unit: 'days' })
  })
  it('is sent in minutes', () => {
    expect(delayMinutes(2, 'days')).toBe(2880)
    expect(delayMinutes(1.5, 'hours')).toBe(90)
    expect(delayMinutes(null, 'hours')).toBe(0)
  })
})

describe('form and QuizInput', () => {
  it('round-trips a stored quiz', () => {
    const v = toForm(stored)
    expect(v.timed).toBe(true)
    expect(v.attempt_delay).toBe(2)
    expect(v.attempt_delay_unit).toBe('days')
    expect(v.open_at?.format('DD/MM/YYYY HH:mm')).toBe('01/12/2026 08:30')
    const input = toInput(v, [{ question_id: 3, mark: 2 }], stored.version)
    expect(input).toEqual({
      slug: 'kiem-tra-cuoi-khoa',
      title_vi: 'Kiểm tra cuối khóa',
      title_en: 'Final test',
      intro_vi: 'Làm bài trong 45 phút.',
      intro_en: '',
      module_slug: 'mo-dun-2',
      published: true,
      required: true,
      time_limit_minutes: 45,
      open_at: '2026-12-01T01:30:00Z',
      close_at: '2026-12-15T16:59:00Z',
      attempts_allowed: 3,
      attempt_delay_minutes: 2880,
      grading_method: 'average',
      pass_percent: 70,
      navigation: 'sequential',
      shuffle_questions: false,
      shuffle_answers: true,
      // in the contract's order, whatever the order ticked
      review_attempt: ['score', 'correctness'],
      review_closed: ['score', 'correctness', 'feedback', 'answers'],
      slots: [{ question_id: 3, mark: 2 }],
      version: 4,
    })
  })
  it('sends no time limit when the switch is off, and null for the whole course', () => {
    const v = { ...newQuizValues(), title_vi: '  Bài kiểm tra 1 ', slug: 'bai-1', timed: false, time_limit_minutes: 30 }
    const input = toInput(v, [])
    expect(input.time_limit_minutes).toBeNull()
    expect(input.module_slug).toBeNull()
    expect(input.title_vi).toBe('Bài kiểm tra 1')
    expect(input.open_at).toBeNull()
    expect(input.attempts_allowed).toBe(0)
    expect('version' in input).toBe(false)
  })
  it('treats a quiz without a time limit as untimed', () => {
    const v = toForm({ ...stored, time_limit_minutes: null, module_slug: null, attempt_delay_minutes: 0 })
    expect(v.timed).toBe(false)
    expect(v.module_slug).toBe('')
    expect(toInput({ ...v, timed: true, time_limit_minutes: null }, []).time_limit_minutes).toBeNull()
  })
  it('puts a server error on the delay field', () => {
    expect(formField('attempt_delay_minutes')).toBe('attempt_delay')
    expect(formField('title_vi')).toBe('title_vi')
  })
})
