import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { Alert, App, Button, Card, Col, Descriptions, Row, Skeleton, Space, Table, Tag, Typography } from 'antd'
import { ArrowLeftOutlined, PlayCircleOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { getQuiz, startAttempt } from '../../api/client'
import type { AttemptSummary, Quiz } from '../../api/types'
import { errorText } from '../../app/errors'
import { formatDateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { pick } from '../course/progress'
import { AttemptStateTag, GradeText, PassedTag, quizErrorText } from './labels'

/** QuizIntroPage is a quiz's front page: its rules, my attempts and grade, and the button that starts or continues. */
export default function QuizIntroPage() {
  const { t, i18n } = useTranslation()
  const id = Number(useParams().id)
  const { data: quiz, error } = useLoad(() => getQuiz(id), [id])
  const lang = i18n.language

  if (error) {
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => history.back()} style={{ paddingLeft: 0 }}>
          {t('common.back')}
        </Button>
        <Alert type="error" showIcon message={errorText(t, error)} />
      </Space>
    )
  }
  if (!quiz) return <Skeleton active />

  const intro = pick(quiz.intro_vi, quiz.intro_en, lang)
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 1100 }}>
      <Link to={`/courses/${encodeURIComponent(quiz.course_slug)}`}>
        <ArrowLeftOutlined /> {pick(quiz.course_title_vi, quiz.course_title_en, lang)}
      </Link>
      <Card>
        <Row gutter={[24, 16]}>
          <Col xs={24} md={15} lg={16}>
            <Space size={4} wrap style={{ marginBottom: 8 }}>
              {quiz.required && <Tag color="gold">{t('quiz.required')}</Tag>}
            </Space>
            <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="quiz-title">
              {pick(quiz.title_vi, quiz.title_en, lang)}
            </Typography.Title>
            {intro && (
              <Typography.Paragraph style={{ fontSize: 16, whiteSpace: 'pre-wrap' }} data-testid="quiz-intro">
                {intro}
              </Typography.Paragraph>
            )}
          </Col>
          <Col xs={24} md={9} lg={8}>
            <StartPanel quiz={quiz} />
          </Col>
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Rules quiz={quiz} />
        </Col>
        <Col xs={24} lg={14}>
          <MyAttempts quiz={quiz} />
        </Col>
      </Row>
    </Space>
  )
}

/** StartPanel: my grade, and Start / Continue, or why not. */
function StartPanel({ quiz }: { quiz: Quiz }) {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const [starting, setStarting] = useState(false)
  const my = quiz.my
  const inProgress = my?.in_progress_attempt_id ?? null
  const finished = quiz.my_attempts.filter((a) => a.state === 'finished').length

  const start = async () => {
    setStarting(true)
    try {
      const a = await startAttempt(quiz.id)
      navigate(`/attempts/${a.id}`)
    } catch (e) {
      message.error(quizErrorText(t, e))
      setStarting(false)
    }
  }
  const onStart = () => {
    if (inProgress !== null) {
      navigate(`/attempts/${inProgress}`)
      return
    }
    if (quiz.time_limit_minutes) {
      modal.confirm({
        title: t('quiz.intro.start_confirm_title'),
        content: t('quiz.intro.start_confirm_timed', { minutes: quiz.time_limit_minutes }),
        okText: t('quiz.intro.start'),
        cancelText: t('common.cancel'),
        onOk: start,
      })
      return
    }
    void start()
  }

  const label = inProgress !== null ? t('quiz.intro.continue') : finished > 0 ? t('quiz.intro.start_again') : t('quiz.intro.start')
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {my && (
        <Space direction="vertical" size={4} data-testid="my-grade">
          <Typography.Text type="secondary">{t('quiz.intro.my_grade')}</Typography.Text>
          {my.percent === null ? (
            <Typography.Text>{t('quiz.intro.no_grade')}</Typography.Text>
          ) : (
            <Space size={8} wrap>
              <Typography.Text strong style={{ fontSize: 24 }}>
                <GradeText percent={my.percent} />
              </Typography.Text>
              <PassedTag passed={my.passed} />
            </Space>
          )}
          {my.passed_at && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('quiz.intro.passed_on', { date: formatDateTime(my.passed_at) })}
            </Typography.Text>
          )}
        </Space>
      )}
      <Button
        type="primary"
        size="large"
        block
        icon={<PlayCircleOutlined />}
        disabled={!quiz.can_start}
        loading={starting}
        onClick={onStart}
        data-testid="start-attempt"
      >
        {label}
      </Button>
      {!quiz.can_start && quiz.cannot_start && <CannotStartNote quiz={quiz} />}
    </Space>
  )
}

function CannotStartNote({ quiz }: { quiz: Quiz }) {
  const { t } = useTranslation()
  const reason = quiz.cannot_start
  let text = t(`quiz.cannot.${reason}`)
  if (reason === 'wait' && quiz.next_start_at) text = t('quiz.cannot.wait_until', { time: formatDateTime(quiz.next_start_at) })
  if (reason === 'not_open' && quiz.open_at) text = t('quiz.cannot.not_open_at', { time: formatDateTime(quiz.open_at) })
  return (
    <Alert
      type={reason === 'not_enrolled' ? 'info' : 'warning'}
      showIcon
      message={text}
      data-testid="cannot-start"
      description={
        reason === 'not_enrolled' ? (
          <Link to={`/courses/${encodeURIComponent(quiz.course_slug)}`}>{t('quiz.intro.enrol_link')}</Link>
        ) : undefined
      }
    />
  )
}

function Rules({ quiz }: { quiz: Quiz }) {
  const { t } = useTranslation()
  const left = quiz.attempts_allowed > 0 && quiz.my ? Math.max(0, quiz.attempts_allowed - quiz.my.attempts) : null
  return (
    <Card title={t('quiz.intro.rules')} size="small" data-testid="quiz-rules">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('quiz.intro.question_count')}>{quiz.question_count}</Descriptions.Item>
        <Descriptions.Item label={t('quiz.intro.time_limit')}>
          {quiz.time_limit_minutes ? t('quiz.minutes', { count: quiz.time_limit_minutes }) : t('quiz.no_time_limit')}
        </Descriptions.Item>
        {!quiz.open_at && !quiz.close_at && (
          <Descriptions.Item label={t('quiz.intro.window')}>{t('quiz.intro.always_open')}</Descriptions.Item>
        )}
        {quiz.open_at && <Descriptions.Item label={t('quiz.intro.opens')}>{formatDateTime(quiz.open_at)}</Descriptions.Item>}
        {quiz.close_at && <Descriptions.Item label={t('quiz.intro.closes')}>{formatDateTime(quiz.close_at)}</Descriptions.Item>}
        <Descriptions.Item label={t('quiz.intro.attempts_allowed')}>
          {quiz.attempts_allowed > 0 ? quiz.attempts_allowed : t('quiz.intro.unlimited')}
        </Descriptions.Item>
        {left !== null && <Descriptions.Item label={t('quiz.intro.attempts_left')}>{left}</Descriptions.Item>}
        {quiz.attempt_delay_minutes > 0 && (
          <Descriptions.Item label={t('quiz.intro.attempt_delay')}>
            {t('quiz.minutes', { count: quiz.attempt_delay_minutes })}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('quiz.intro.grading_method')}>{t(`quiz.grading.${quiz.grading_method}`)}</Descriptions.Item>
        <Descriptions.Item label={t('quiz.intro.pass_percent')}>{quiz.pass_percent}%</Descriptions.Item>
        <Descriptions.Item label={t('quiz.intro.navigation')}>{t(`quiz.navigation.${quiz.navigation}`)}</Descriptions.Item>
      </Descriptions>
    </Card>
  )
}

function MyAttempts({ quiz }: { quiz: Quiz }) {
  const { t } = useTranslation()
  const rows = [...quiz.my_attempts].sort((a, b) => b.number - a.number)
  return (
    <Card title={t('quiz.intro.my_attempts')} size="small" data-testid="my-attempts">
      <Table<AttemptSummary>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('quiz.attempt.none') }}
        columns={[
          { title: t('quiz.attempt.number'), dataIndex: 'number', width: 60 },
          {
            title: t('quiz.attempt.finished'),
            key: 'when',
            // An attempt in progress shows when it started.
            render: (_, a) => formatDateTime(a.finished_at ?? a.started_at),
          },
          { title: t('quiz.attempt.state'), key: 'state', render: (_, a) => <AttemptStateTag a={a} /> },
          {
            title: t('quiz.grade'),
            key: 'grade',
            render: (_, a) =>
              a.state !== 'finished' ? null : a.percent !== null ? (
                <Space size={4}>
                  <GradeText percent={a.percent} />
                  {a.passed !== null && <PassedTag passed={a.passed} />}
                </Space>
              ) : a.needs_grading ? (
                <Typography.Text type="secondary">{t('quiz.attempt.needs_grading')}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('quiz.attempt.hidden')}</Typography.Text>
              ),
          },
          {
            key: 'open',
            render: (_, a) =>
              a.state === 'finished' ? (
                <Link to={`/attempts/${a.id}/review`} data-testid={`review-${a.number}`}>
                  {t('quiz.attempt.review')}
                </Link>
              ) : quiz.cannot_start === null || quiz.can_start ? (
                <Link to={`/attempts/${a.id}`}>{t('quiz.attempt.continue')}</Link>
              ) : null,
          },
        ]}
      />
    </Card>
  )
}
