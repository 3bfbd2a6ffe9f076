import { describe, expect, it } from 'vitest'
import type { CourseDetail, MyCourse } from '../../api/types'
import {
  daysUntil,
  moveUpdates,
  dueState,
  enrolmentState,
  imageMarkdown,
  insertAt,
  percent,
  pick,
  resumeLessonId,
  slugify,
  sortMyCourses,
  totalMinutes,
} from './progress'

const base: MyCourse = {
  course_id: 1,
  course_slug: 'a',
  enrolled_at: '2026-01-05T02:00:00Z',
  due_date: null,
  source: 'self',
  completed_lessons: 0,
  total_lessons: 10,
  progress: 0,
  completed_at: null,
  last_lesson_id: null,
  title_vi: 'A',
  title_en: 'A',
  track: 'it-basic',
  code: 'A',
}
const course = (over: Partial<MyCourse>): MyCourse => ({ ...base, ...over })

describe('enrolmentState', () => {
  it('is not started before any lesson is opened', () => {
    expect(enrolmentState(base)).toBe('not_started')
  })
  it('is in progress once a lesson is opened or read', () => {
    expect(enrolmentState(course({ last_lesson_id: 7 }))).toBe('in_progress')
    expect(enrolmentState(course({ completed_lessons: 1, progress: 10 }))).toBe('in_progress')
  })
  it('is completed only when the server says so, even at 100%', () => {
    expect(enrolmentState(course({ completed_lessons: 10, progress: 100 }))).toBe('in_progress')
    expect(enrolmentState(course({ completed_lessons: 10, progress: 100, completed_at: '2026-02-01T03:00:00Z' }))).toBe('completed')
  })
})

describe('percent', () => {
  it.each([
    [0, 0],
    [33.4, 33],
    [66.5, 67],
    [140, 100],
    [-3, 0],
    [Number.NaN, 0],
    [null, 0],
  ])('%s -> %s', (n, want) => {
    expect(percent(n as number)).toBe(want)
  })
})

describe('dueState', () => {
  const today = '2026-03-10'
  it('counts calendar days across months and years', () => {
    expect(daysUntil('2026-03-10', today)).toBe(0)
    expect(daysUntil('2026-04-01', today)).toBe(22)
    expect(daysUntil('2026-03-09', today)).toBe(-1)
    expect(daysUntil('2027-01-01', '2026-12-31')).toBe(1)
  })
  it('is overdue from the day after the due date', () => {
    expect(dueState('2026-03-09', null, today)).toBe('overdue')
    expect(dueState('2026-03-10', null, today)).toBe('soon')
    expect(dueState('2026-03-17', null, today)).toBe('soon')
    expect(dueState('2026-03-18', null, today)).toBe('ok')
  })
  it('is never overdue once completed, nor without a due date', () => {
    expect(dueState('2026-01-01', '2026-01-05T00:00:00Z', today)).toBe('none')
    expect(dueState(null, null, today)).toBe('none')
  })
})

describe('sortMyCourses', () => {
  it('puts overdue first, then by due date, finished last', () => {
    const list = [
      course({ course_id: 1, completed_at: '2026-02-01T00:00:00Z', progress: 100 }),
      course({ course_id: 2 }),
      course({ course_id: 3, due_date: '2026-04-01' }),
      course({ course_id: 4, due_date: '2026-03-01' }),
      course({ course_id: 5, completed_at: '2026-03-01T00:00:00Z', progress: 100 }),
      course({ course_id: 6, last_lesson_id: 3, progress: 20 }),
      course({ course_id: 7, due_date: '2026-03-20' }),
    ]
    expect(sortMyCourses(list, '2026-03-10').map((c) => c.course_id)).toEqual([4, 7, 3, 6, 2, 5, 1])
  })
})

describe('pick', () => {
  it('uses English when asked and present', () => {
    expect(pick('Thư', 'Mail', 'en')).toBe('Mail')
    expect(pick('Thư', '', 'en')).toBe('Thư')
    expect(pick('Thư', 'Mail', 'vi')).toBe('Thư')
  })
})

describe('course outline', () => {
  const lesson = (id: number, position: number, completed = false, minutes = 10) => ({
    id,
    slug: `l${id}`,
    position,
    title_vi: `Bài ${id}`,
    title_en: `Lesson ${id}`,
    minutes,
    completed,
  })
  const c = (resume: number | null, done: number[]): Pick<CourseDetail, 'modules' | 'resume_lesson_id'> => ({
    resume_lesson_id: resume,
    modules: [
      { id: 2, slug: 'm2', position: 2, title_vi: 'M2', title_en: 'M2', lessons: [lesson(21, 1, done.includes(21))] },
      {
        id: 1,
        slug: 'm1',
        position: 1,
        title_vi: 'M1',
        title_en: 'M1',
        lessons: [lesson(12, 2, done.includes(12), 15), lesson(11, 1, done.includes(11))],
      },
    ],
  })
  it('resumes where the server says', () => {
    expect(resumeLessonId(c(21, []))).toBe(21)
    expect(resumeLessonId({ resume_lesson_id: null })).toBe(null)
  })
  it('adds up the minutes', () => {
    expect(totalMinutes(c(null, []))).toBe(35)
  })
})

describe('slugify', () => {
  it.each([
    ['Thư điện tử công vụ', 'thu-dien-tu-cong-vu'],
    ['  Đảm bảo AN TOÀN thông tin (2026)!  ', 'dam-bao-an-toan-thong-tin-2026'],
    ['IU01 – Hiểu biết CNTT cơ bản', 'iu01-hieu-biet-cntt-co-ban'],
    ['', ''],
  ])('%s -> %s', (title, want) => {
    expect(slugify(title)).toBe(want)
  })
  it('cuts long titles at a word boundary', () => {
    const s = slugify('Hướng dẫn '.repeat(20))
    expect(s.length).toBeLessThanOrEqual(80)
    expect(s.endsWith('-')).toBe(false)
    expect(s.endsWith('dan')).toBe(true)
  })
})

describe('insertAt', () => {
  it('replaces the selection and puts the cursor after the snippet', () => {
    expect(insertAt('abcdef', 2, 4, 'XY')).toEqual({ text: 'abXYef', cursor: 4 })
    expect(insertAt('abc', 10, 12, '!')).toEqual({ text: 'abc!', cursor: 4 })
    expect(insertAt('abc', 0, 0, '>')).toEqual({ text: '>abc', cursor: 1 })
  })
  it('puts an image on a line of its own', () => {
    expect(imageMarkdown('so-do_mang.png', '/u/1.png', '')).toBe('![so do mang](/u/1.png)\n')
    expect(imageMarkdown('a.png', '/u/a.png', 'Text')).toBe('\n\n![a](/u/a.png)\n')
    expect(imageMarkdown('a.png', '/u/a.png', 'Text\n')).toBe('\n![a](/u/a.png)\n')
    expect(imageMarkdown('[x].png', '/u/x.png', 'T\n\n')).toBe('![x](/u/x.png)\n')
  })
})

describe('moveUpdates', () => {
  const items = (...positions: number[]) => positions.map((position, i) => ({ id: i + 1, position }))
  it('swaps neighbours', () => {
    expect(moveUpdates(items(1, 2, 3), 2, 1)).toEqual([
      { id: 3, position: 2 },
      { id: 2, position: 3 },
    ])
    expect(moveUpdates(items(1, 2, 3), 0, 1)).toEqual([
      { id: 2, position: 1 },
      { id: 1, position: 2 },
    ])
  })
  it('renumbers gaps and duplicates', () => {
    expect(moveUpdates(items(1, 1, 5), 2, 1)).toEqual([
      { id: 3, position: 2 },
      { id: 2, position: 3 },
    ])
  })
  it('does nothing for a move out of range or in place', () => {
    expect(moveUpdates(items(1, 2), 0, -1)).toEqual([])
    expect(moveUpdates(items(1, 2), 1, 2)).toEqual([])
    expect(moveUpdates(items(1, 2), 1, 1)).toEqual([])
  })
})
