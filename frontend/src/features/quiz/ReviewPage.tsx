import { Link, Navigate, useParams } from 'react-router'
import { Alert, Card, Descriptions, Skeleton, Space, Typography } from 'antd'
import { ArrowLeftOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ApiError, getReview } from '../../api/client'
import type { AttemptReview } from '../../api/types'
import { errorText } from '../../app/errors'
import { formatDateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { pick } from '../course/progress'
import { durationParts, formatMark } from './format'
import { AttemptStateTag, GradeText, PassedTag } from './labels'
import { QuestionView } from './QuestionView'
import { visibleReview } from './review'
import './quiz.css'

/** ReviewPage shows a finished attempt: the score, then every question as the review options allow. */
export default function ReviewPage() {
  const { t } = useTranslation()
  const id = Number(useParams().id)
  const { data, error } = useLoad(() => getReview(id), [id])
  // An attempt not submitted yet has no review: back to answering it.
  if (error instanceof ApiError && error.code === 'attempt_in_progress') return <Navigate to={`/attempts/${id}`} replace />
  if (error) return <Alert type="error" showIcon message={errorText(t, error)} />
  if (!data) return <Skeleton active />
  return <Review review={data} />
}

function Review({ review }: { review: AttemptReview }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const a = review.attempt
  const showsScore = review.shows.includes('score')
  const took = a.finished_at ? durationParts(a.started_at, a.finished_at) : null
  const tookText = !took ? '' : took.h > 0 ? t('quiz.review.duration_hms', took) : t('quiz.review.duration_ms', took)

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }} data-testid="review-page">
      <Link to={`/quizzes/${a.quiz_id}`}>
        <ArrowLeftOutlined /> {t('quiz.review.back_to_quiz')}
      </Link>
      <Card>
        <Typography.Text type="secondary">{t('quiz.review.title')}</Typography.Text>
        <Typography.Title level={3} style={{ marginTop: 4 }} data-testid="review-title">
          {pick(a.quiz_title_vi, a.quiz_title_en, lang)}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" data-testid="review-summary">
          <Descriptions.Item label={t('quiz.attempt.number')}>{a.number}</Descriptions.Item>
          <Descriptions.Item label={t('quiz.attempt.state')}>
            <AttemptStateTag a={a} />
          </Descriptions.Item>
          <Descriptions.Item label={t('quiz.review.started_at')}>{formatDateTime(a.started_at)}</Descriptions.Item>
          <Descriptions.Item label={t('quiz.review.finished_at')}>{formatDateTime(a.finished_at)}</Descriptions.Item>
          {tookText && <Descriptions.Item label={t('quiz.review.duration')}>{tookText}</Descriptions.Item>}
          {showsScore && a.score !== null && a.max_score !== null && (
            <Descriptions.Item label={t('quiz.review.score')}>
              <span data-testid="review-score">
                {t('quiz.review.score_of', { score: formatMark(a.score, lang), max: formatMark(a.max_score, lang) })}
              </span>
            </Descriptions.Item>
          )}
          {showsScore && a.percent !== null && (
            <Descriptions.Item label={t('quiz.review.percent')}>
              <Typography.Text strong data-testid="review-percent">
                <GradeText percent={a.percent} />
              </Typography.Text>
            </Descriptions.Item>
          )}
          {showsScore && a.passed !== null && (
            <Descriptions.Item label={t('quiz.review.result')}>
              <PassedTag passed={a.passed} />
            </Descriptions.Item>
          )}
        </Descriptions>
        {a.needs_grading && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('quiz.review.needs_grading')} data-testid="needs-grading" />
        )}
        {!a.needs_grading && (!showsScore || a.percent === null) && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('quiz.review.score_hidden')} />
        )}
      </Card>
      {review.questions.length === 0 ? (
        <Alert type="info" showIcon message={t('quiz.review.nothing_shown')} />
      ) : (
        review.questions.map((q) => (
          <Card
            key={q.slot}
            size="small"
            title={t('quiz.take.question_n', { n: q.slot + 1 })}
            data-testid={`review-question-${q.slot + 1}`}
          >
            <QuestionView question={q} response={q.response} review={visibleReview(q, review.shows)} />
          </Card>
        ))
      )}
    </Space>
  )
}
