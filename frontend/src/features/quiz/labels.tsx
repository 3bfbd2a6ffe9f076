import { Tag } from 'antd'
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/client'
import type { AttemptSummary, MyQuizStatus } from '../../api/types'
import { errorText } from '../../app/errors'
import i18n from '../../i18n'
import { formatPercent } from './format'

/** PassedTag says Đạt / Chưa đạt. */
export function PassedTag({ passed }: { passed: boolean }) {
  const { t } = useTranslation()
  return passed ? (
    <Tag color="success" icon={<CheckCircleOutlined />} data-testid="passed-tag">
      {t('quiz.passed')}
    </Tag>
  ) : (
    <Tag color="error" icon={<CloseCircleOutlined />} data-testid="passed-tag">
      {t('quiz.failed')}
    </Tag>
  )
}

/** GradeText is a grade as a percentage, with a dash when there is none. */
export function GradeText({ percent }: { percent: number | null }) {
  const { i18n: i } = useTranslation()
  return <>{percent === null ? '—' : formatPercent(percent, i.language)}</>
}

/** AttemptStateTag: in progress, submitted, submitted at the deadline, awaiting grading. */
export function AttemptStateTag({ a }: { a: Pick<AttemptSummary, 'state' | 'auto_finished' | 'needs_grading'> }) {
  const { t } = useTranslation()
  if (a.state === 'in_progress') return <Tag color="processing">{t('quiz.attempt.in_progress')}</Tag>
  if (a.needs_grading) return <Tag color="warning">{t('quiz.attempt.needs_grading')}</Tag>
  if (a.auto_finished) return <Tag>{t('quiz.attempt.auto_finished')}</Tag>
  return <Tag color="default">{t('quiz.attempt.done')}</Tag>
}

/** MyStatus is a learner's standing in one quiz as tags: not attempted, in progress, grade, passed. */
export function MyStatus({ my, allowed }: { my: MyQuizStatus; allowed: number }) {
  const { t } = useTranslation()
  return (
    <>
      {my.attempts === 0 && !my.in_progress_attempt_id && <Tag>{t('quiz.not_attempted')}</Tag>}
      {my.in_progress_attempt_id !== null && <Tag color="processing">{t('quiz.in_progress')}</Tag>}
      {my.attempts > 0 && (
        <Tag>
          {allowed > 0
            ? t('quiz.attempts_used', { used: my.attempts, allowed })
            : t('quiz.attempts_used_unlimited', { used: my.attempts })}
        </Tag>
      )}
      {my.percent !== null && (
        <Tag color="blue">
          {t('quiz.grade')}: <GradeText percent={my.percent} />
        </Tag>
      )}
      {my.percent !== null && <PassedTag passed={my.passed} />}
    </>
  )
}

/** quizErrorText prefers the quiz screens' own wording of an error code. */
export function quizErrorText(t: TFunction, e: unknown): string {
  if (e instanceof ApiError && i18n.exists(`quiz.errors.${e.code}`)) return t(`quiz.errors.${e.code}`)
  return errorText(t, e)
}
