// The quiz settings form and the QuizInput the API takes: what the author
// sees (a time limit switch, a delay in minutes, hours or days, open and close
// times on Vietnam's clock) against what the server stores.

import dayjs, { type Dayjs } from 'dayjs'
import type { GradingMethod, Navigation, Quiz, QuizInput, QuizSlotInput, ReviewItem } from '../../api/types'
import { TIME_ZONE } from '../../lib/format'

export type DelayUnit = 'minutes' | 'hours' | 'days'
export const DELAY_UNITS: DelayUnit[] = ['minutes', 'hours', 'days']
const unitMinutes: Record<DelayUnit, number> = { minutes: 1, hours: 60, days: 1440 }

/** The server's bounds (migrations/0008_quizzes.up.sql): time limit 60 s..24 h, delay up to a year, 0..100 attempts. */
export const TIME_LIMIT_MAX = 1440
export const DELAY_MAX_MINUTES = 525600
export const ATTEMPTS_MAX = 100
export const QUIZ_SLUG_MAX = 80

/** QuizFormValues are the fields of the settings form. */
export interface QuizFormValues {
  slug: string
  title_vi: string
  title_en: string
  intro_vi: string
  intro_en: string
  /** "" stands for the course as a whole (a Select cannot hold null) */
  module_slug: string
  published: boolean
  required: boolean
  timed: boolean
  time_limit_minutes: number | null
  open_at: Dayjs | null
  close_at: Dayjs | null
  attempts_allowed: number
  attempt_delay: number
  attempt_delay_unit: DelayUnit
  grading_method: GradingMethod
  pass_percent: number
  navigation: Navigation
  shuffle_questions: boolean
  shuffle_answers: boolean
  review_attempt: ReviewItem[]
  review_closed: ReviewItem[]
}

/** WallClock is a date and time as read on a clock in Vietnam. */
export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** vnWallClock reads an instant on Vietnam's clock. */
export function vnWallClock(instant: string | number | Date): WallClock | null {
  const d = new Date(instant)
  if (Number.isNaN(d.getTime())) return null
  const p = Object.fromEntries(clock.formatToParts(d).map((x) => [x.type, Number(x.value)]))
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute }
}

/** vnInstant is the instant (RFC 3339, UTC) at which Vietnam's clock shows w. */
export function vnInstant(w: WallClock): string {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)
  const seen = vnWallClock(guess) as WallClock
  const offset = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute) - guess
  return new Date(guess - offset).toISOString().replace('.000Z', 'Z')
}

/**
 * toPicker gives the date picker (which works in the browser's zone) a value
 * whose fields are Vietnam's wall clock, so an author abroad still types
 * Vietnam time.
 */
export function toPicker(instant: string | null): Dayjs | null {
  const w = instant ? vnWallClock(instant) : null
  return w ? dayjs(new Date(w.year, w.month - 1, w.day, w.hour, w.minute)) : null
}

/** fromPicker reads the picker's fields as Vietnam time. */
export function fromPicker(d: Dayjs | null | undefined): string | null {
  if (!d || !d.isValid()) return null
  return vnInstant({ year: d.year(), month: d.month() + 1, day: d.date(), hour: d.hour(), minute: d.minute() })
}

/** splitDelay shows a delay in minutes in the largest unit that holds it whole. */
export function splitDelay(minutes: number): { value: number; unit: DelayUnit } {
  const m = Math.max(0, Math.round(minutes || 0))
  if (m > 0 && m % 1440 === 0) return { value: m / 1440, unit: 'days' }
  if (m > 0 && m % 60 === 0) return { value: m / 60, unit: 'hours' }
  return { value: m, unit: 'minutes' }
}

export function delayMinutes(value: number | null | undefined, unit: DelayUnit): number {
  return Math.round((value ?? 0) * unitMinutes[unit])
}

/** newQuizValues: a draft with the server's defaults, counted towards completion, passed at 50%. */
export function newQuizValues(): QuizFormValues {
  return {
    slug: '',
    title_vi: '',
    title_en: '',
    intro_vi: '',
    intro_en: '',
    module_slug: '',
    published: false,
    required: true,
    timed: false,
    time_limit_minutes: null,
    open_at: null,
    close_at: null,
    attempts_allowed: 0,
    attempt_delay: 0,
    attempt_delay_unit: 'minutes',
    grading_method: 'highest',
    pass_percent: 50,
    navigation: 'free',
    shuffle_questions: true,
    shuffle_answers: true,
    review_attempt: ['score'],
    review_closed: ['score', 'correctness', 'feedback', 'answers'],
  }
}

/** toForm turns a stored quiz into the form's values. */
export function toForm(q: Quiz): QuizFormValues {
  const delay = splitDelay(q.attempt_delay_minutes)
  return {
    slug: q.slug,
    title_vi: q.title_vi,
    title_en: q.title_en ?? '',
    intro_vi: q.intro_vi ?? '',
    intro_en: q.intro_en ?? '',
    module_slug: q.module_slug ?? '',
    published: q.published,
    required: q.required,
    timed: q.time_limit_minutes !== null && q.time_limit_minutes > 0,
    time_limit_minutes: q.time_limit_minutes,
    open_at: toPicker(q.open_at),
    close_at: toPicker(q.close_at),
    attempts_allowed: q.attempts_allowed,
    attempt_delay: delay.value,
    attempt_delay_unit: delay.unit,
    grading_method: q.grading_method,
    pass_percent: q.pass_percent,
    navigation: q.navigation,
    shuffle_questions: q.shuffle_questions,
    shuffle_answers: q.shuffle_answers,
    review_attempt: [...(q.review_attempt ?? [])],
    review_closed: [...(q.review_closed ?? [])],
  }
}

const reviewOrder = (items: ReviewItem[] | undefined) =>
  (['score', 'correctness', 'feedback', 'answers'] as ReviewItem[]).filter((r) => (items ?? []).includes(r))

/** toInput turns the form's values and the question list into the body of POST and PUT. */
export function toInput(v: QuizFormValues, slots: QuizSlotInput[], version?: number): QuizInput {
  const s = (x: string | undefined | null) => (x ?? '').trim()
  const timed = v.timed && v.time_limit_minutes !== null && v.time_limit_minutes !== undefined && v.time_limit_minutes > 0
  const input: QuizInput = {
    slug: s(v.slug),
    title_vi: s(v.title_vi),
    title_en: s(v.title_en),
    intro_vi: s(v.intro_vi),
    intro_en: s(v.intro_en),
    module_slug: v.module_slug ? v.module_slug : null,
    published: !!v.published,
    required: !!v.required,
    time_limit_minutes: timed ? Math.round(v.time_limit_minutes as number) : null,
    open_at: fromPicker(v.open_at),
    close_at: fromPicker(v.close_at),
    attempts_allowed: Math.max(0, Math.round(v.attempts_allowed ?? 0)),
    attempt_delay_minutes: delayMinutes(v.attempt_delay, v.attempt_delay_unit ?? 'minutes'),
    grading_method: v.grading_method,
    pass_percent: v.pass_percent ?? 0,
    navigation: v.navigation,
    shuffle_questions: !!v.shuffle_questions,
    shuffle_answers: !!v.shuffle_answers,
    review_attempt: reviewOrder(v.review_attempt),
    review_closed: reviewOrder(v.review_closed),
    slots,
  }
  if (version !== undefined) input.version = version
  return input
}

/** closesBeforeOpening: a close time must come after the open time (the server's check). */
export function closesBeforeOpening(open: Dayjs | null | undefined, close: Dayjs | null | undefined): boolean {
  const o = fromPicker(open)
  const c = fromPicker(close)
  return o !== null && c !== null && Date.parse(c) <= Date.parse(o)
}

/** formField names the form field a server field error belongs to (the delay is typed in a unit). */
export function formField(serverField: string): string {
  if (serverField === 'attempt_delay_minutes') return 'attempt_delay'
  return serverField
}
