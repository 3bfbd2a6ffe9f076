import { Progress, Space, Tag, Typography } from 'antd'
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { Enrolment, Level, Track } from '../../api/types'
import { formatDate, formatDay, todayISO } from '../../lib/format'
import { dueState, enrolmentState, percent } from './progress'

const trackColors: Record<Track, string> = {
  'it-basic': 'blue',
  'email-internet': 'cyan',
  cio: 'purple',
  'it-specialist': 'geekblue',
  other: 'default',
}

export function TrackTag({ track }: { track: Track }) {
  const { t } = useTranslation()
  return <Tag color={trackColors[track] ?? 'default'}>{t(`tracks.${track}`)}</Tag>
}

const levelColors: Record<Level, string> = { basic: 'green', intermediate: 'gold', advanced: 'volcano' }

export function LevelTag({ level }: { level: Level }) {
  const { t } = useTranslation()
  return <Tag color={levelColors[level] ?? 'default'}>{t(`levels.${level}`)}</Tag>
}

/** PublishedTag: a draft is visible to its authors only. */
export function PublishedTag({ published }: { published: boolean }) {
  const { t } = useTranslation()
  return published ? <Tag color="green">{t('courses.published')}</Tag> : <Tag color="orange">{t('courses.draft')}</Tag>
}

export function FilesTag() {
  const { t } = useTranslation()
  return <Tag color="default">{t('courses.managed_by_files')}</Tag>
}

type EnrolmentLike = Pick<Enrolment, 'completed_at' | 'completed_lessons' | 'last_lesson_id' | 'progress'>

/** EnrolmentStatus: chưa bắt đầu / đang học / hoàn thành (with the date). */
export function EnrolmentStatus({ enrolment }: { enrolment: EnrolmentLike }) {
  const { t } = useTranslation()
  const state = enrolmentState(enrolment)
  if (state === 'completed') {
    return (
      <Tag color="success" icon={<CheckCircleFilled />} data-testid="enrolment-status">
        {t('courses.state.completed_on', { date: formatDay(enrolment.completed_at) })}
      </Tag>
    )
  }
  return (
    <Tag color={state === 'in_progress' ? 'processing' : 'default'} data-testid="enrolment-status">
      {t(`courses.state.${state}`)}
    </Tag>
  )
}

/** DueDate shows a due date, red once it has passed and orange in the last week; bare: the date alone (in tables). */
export function DueDate({ due, completedAt, bare = false }: { due: string | null; completedAt: string | null; bare?: boolean }) {
  const { t } = useTranslation()
  if (!due) return null
  const state = dueState(due, completedAt, todayISO())
  return (
    <Typography.Text
      type={state === 'overdue' ? 'danger' : state === 'soon' ? 'warning' : 'secondary'}
      strong={state === 'overdue'}
      data-testid="due-date"
      data-state={state}
    >
      <Space size={4}>
        <ClockCircleOutlined />
        {bare ? formatDate(due) : t(state === 'overdue' ? 'courses.due_overdue' : 'courses.due', { date: formatDate(due) })}
      </Space>
    </Typography.Text>
  )
}

/** CourseProgress is the progress bar of an enrolment with "n/m bài". */
export function CourseProgress({ enrolment, size = 'default' }: { enrolment: Enrolment; size?: 'default' | 'small' }) {
  const { t } = useTranslation()
  const p = percent(enrolment.progress)
  return (
    <div data-testid="course-progress" data-percent={p}>
      <Progress
        percent={p}
        size={size}
        status={enrolment.completed_at ? 'success' : 'normal'}
        aria-label={t('courses.progress')}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('courses.lessons_done', { done: enrolment.completed_lessons, total: enrolment.total_lessons })}
      </Typography.Text>
    </div>
  )
}
