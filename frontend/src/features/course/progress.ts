// Rules for showing courses and enrolments: what state an enrolment is in,
// whether its due date has passed, the order of "my courses", and small text
// helpers the course screens share. Dates are calendar dates ("YYYY-MM-DD")
// compared as strings, "today" being the date in Vietnam (lib/format.todayISO).

import type { CourseDetail, Enrolment, LessonRef, MyCourse } from '../../api/types'
import { fold } from '../../lib/fold'

export type EnrolmentState = 'not_started' | 'in_progress' | 'completed'

/** enrolmentState: completed once the server says so; started once a lesson is read or opened. */
export function enrolmentState(e: Pick<Enrolment, 'completed_at' | 'completed_lessons' | 'last_lesson_id' | 'progress'>): EnrolmentState {
  if (e.completed_at) return 'completed'
  if (e.completed_lessons > 0 || e.last_lesson_id !== null || e.progress > 0) return 'in_progress'
  return 'not_started'
}

/** percent clamps a progress value to a whole number from 0 to 100. */
export function percent(n: number | null | undefined): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) return 0
  return Math.min(100, Math.max(0, Math.round(n)))
}

export type DueState = 'none' | 'ok' | 'soon' | 'overdue'

/** SOON_DAYS: a due date this many days away or fewer is shown as coming soon. */
export const SOON_DAYS = 7

/** daysUntil counts calendar days from today to day (negative when past). */
export function daysUntil(day: string, today: string): number {
  const d = Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10))
  const t = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10))
  return Math.round((d - t) / 86_400_000)
}

/**
 * dueState: a finished course is never overdue; the due date itself is the
 * last day allowed, so it is overdue from the day after.
 */
export function dueState(due: string | null, completedAt: string | null, today: string): DueState {
  if (!due || completedAt) return 'none'
  const days = daysUntil(due, today)
  if (days < 0) return 'overdue'
  if (days <= SOON_DAYS) return 'soon'
  return 'ok'
}

const stateRank: Record<EnrolmentState, number> = { in_progress: 0, not_started: 1, completed: 2 }

/**
 * sortMyCourses puts what is still to do first: overdue, then by due date
 * (none last), courses in progress before those not started; finished courses
 * last, the most recently finished first.
 */
export function sortMyCourses(items: MyCourse[], today: string): MyCourse[] {
  return [...items].sort((a, b) => {
    const sa = enrolmentState(a)
    const sb = enrolmentState(b)
    if ((sa === 'completed') !== (sb === 'completed')) return sa === 'completed' ? 1 : -1
    if (sa === 'completed') return (b.completed_at ?? '').localeCompare(a.completed_at ?? '')
    const oa = dueState(a.due_date, a.completed_at, today) === 'overdue'
    const ob = dueState(b.due_date, b.completed_at, today) === 'overdue'
    if (oa !== ob) return oa ? -1 : 1
    if (a.due_date !== b.due_date) {
      if (!a.due_date) return 1
      if (!b.due_date) return -1
      return a.due_date.localeCompare(b.due_date)
    }
    return stateRank[sa] - stateRank[sb] || b.enrolled_at.localeCompare(a.enrolled_at)
  })
}

/** pick returns the text in the interface language, falling back to Vietnamese. */
export function pick(vi: string, en: string | null | undefined, lang: string): string {
  return lang.startsWith('en') && en ? en : vi
}

/** allLessons lists a course's lessons in reading order. */
export function allLessons(c: Pick<CourseDetail, 'modules'>): LessonRef[] {
  return [...c.modules]
    .sort((a, b) => a.position - b.position)
    .flatMap((m) => [...m.lessons].sort((a, b) => a.position - b.position))
}

/**
 * resumeLessonId is where "continue" goes: the server decides (the lesson
 * last opened if unread, else the next unread one).
 */
export function resumeLessonId(c: Pick<CourseDetail, 'resume_lesson_id'>): number | null {
  return c.resume_lesson_id
}

/**
 * moveUpdates says which positions to write to move items[from] to index
 * to: the new order numbered from 1, for the items whose position changes
 * (positions need not be unique or gapless on the server).
 */
export function moveUpdates<T extends { id: number; position: number }>(
  items: T[],
  from: number,
  to: number,
): { id: number; position: number }[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return []
  const order = [...items]
  const [moved] = order.splice(from, 1)
  order.splice(to, 0, moved)
  return order.flatMap((x, i) => (x.position === i + 1 ? [] : [{ id: x.id, position: i + 1 }]))
}

/** totalMinutes adds up the reading time of a course's lessons. */
export function totalMinutes(c: Pick<CourseDetail, 'modules'>): number {
  return c.modules.reduce((n, m) => n + m.lessons.reduce((k, l) => k + (l.minutes || 0), 0), 0)
}

/** SLUG_PATTERN: lower case ASCII words joined by single hyphens (the same rule as course folders). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
export const SLUG_MAX = 80

/** slugify makes a slug from a Vietnamese title: "Thư điện tử công vụ" → "thu-dien-tu-cong-vu". */
export function slugify(title: string): string {
  const s = fold(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (s.length <= SLUG_MAX) return s
  return s.slice(0, SLUG_MAX).replace(/-[^-]*$/, '').replace(/-+$/, '') || s.slice(0, SLUG_MAX)
}

/** insertAt puts snippet in place of text[start:end] and says where the cursor goes after it. */
export function insertAt(text: string, start: number, end: number, snippet: string): { text: string; cursor: number } {
  const a = Math.max(0, Math.min(start, text.length))
  const b = Math.max(a, Math.min(end, text.length))
  return { text: text.slice(0, a) + snippet + text.slice(b), cursor: a + snippet.length }
}

/**
 * imageMarkdown is the Markdown for an uploaded picture, on a line of its
 * own: the alt text is the file name without extension (the author should
 * replace it with a description).
 */
export function imageMarkdown(fileName: string, url: string, before: string): string {
  const alt = fileName.replace(/\.[^.]+$/, '').replace(/[[\]\\]/g, ' ').replace(/[-_]+/g, ' ').trim() || 'image'
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n'
  return `${lead}![${alt}](${url})\n`
}
