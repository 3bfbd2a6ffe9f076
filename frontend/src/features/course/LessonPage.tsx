import { useEffect, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { Alert, App, Breadcrumb, Button, Card, Progress, Skeleton, Space, Tag, Typography } from 'antd'
import { CheckCircleFilled, CheckOutlined, FieldTimeOutlined, LeftOutlined, RightOutlined, TrophyOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { completeLesson, getLesson } from '../../api/client'
import type { Lesson } from '../../api/types'
import { errorText } from '../../app/errors'
import { formatDay } from '../../lib/format'
import { percent, pick } from './progress'
import './course.css'

export default function LessonPage() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const id = Number(useParams().id)
  const [lesson, setLesson] = useState<Lesson | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)
  const [finishedOn, setFinishedOn] = useState<string | null>(null)
  const lang = i18n.language

  useEffect(() => {
    let live = true
    setLesson(null)
    setError(null)
    setFinishedOn(null)
    getLesson(id)
      .then((l) => {
        if (!live) return
        setLesson(l)
        window.scrollTo({ top: 0 })
      })
      .catch((e) => live && setError(e))
    return () => {
      live = false
    }
  }, [id])

  const markDone = async () => {
    if (!lesson) return
    setSaving(true)
    try {
      const r = await completeLesson(lesson.id)
      setLesson({ ...lesson, completed: true, course_progress: r.course_progress })
      if (r.course_completed_at) setFinishedOn(r.course_completed_at)
      else message.success(t('lesson.marked'))
    } catch (e) {
      message.error(errorText(t, e))
    } finally {
      setSaving(false)
    }
  }

  if (error) {
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="error" showIcon message={errorText(t, error)} />
        <Link to="/my-courses">{t('courses.mine')}</Link>
      </Space>
    )
  }
  if (!lesson) return <Skeleton active paragraph={{ rows: 12 }} />

  const courseHref = `/courses/${encodeURIComponent(lesson.course_slug)}`
  const courseTitle = pick(lesson.course_title_vi, lesson.course_title_en, lang)
  const p = percent(lesson.course_progress)

  return (
    <div className="lesson-page">
      <Breadcrumb
        items={[
          { title: <Link to={courseHref}>{courseTitle}</Link> },
          { title: pick(lesson.module_title_vi, lesson.module_title_en, lang) },
        ]}
        style={{ marginBottom: 8 }}
        data-testid="lesson-breadcrumb"
      />
      <div className="lesson-progress" data-testid="lesson-course-progress" data-percent={p}>
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {t('lesson.course_progress')}
        </Typography.Text>
        <Progress percent={p} size="small" status={finishedOn ? 'success' : 'normal'} style={{ margin: 0, flex: 1 }} />
      </div>
      <Card className="lesson-card" styles={{ body: { padding: 0 } }}>
        <article className="lesson-body">
          <h1 data-testid="lesson-title">{pick(lesson.title_vi, lesson.title_en, lang)}</h1>
          <div className="lesson-meta">
            <span>
              <FieldTimeOutlined /> {t('courses.minutes', { count: lesson.minutes })}
            </span>
            {lesson.completed && (
              <Tag color="success" icon={<CheckCircleFilled />} data-testid="lesson-done">
                {t('lesson.done')}
              </Tag>
            )}
          </div>
          {/* Rendered from Markdown and sanitised by the server. */}
          {/* Lessons are written in Vietnamese whatever the interface language. */}
          <div lang="vi" dangerouslySetInnerHTML={{ __html: lesson.html }} data-testid="lesson-html" />
        </article>
        {finishedOn && (
          <Alert
            type="success"
            showIcon
            icon={<TrophyOutlined />}
            style={{ margin: '0 24px 16px' }}
            message={t('lesson.course_finished', { date: formatDay(finishedOn) })}
            action={
              <Button size="small" onClick={() => navigate(courseHref)}>
                {t('lesson.back_to_course')}
              </Button>
            }
            data-testid="course-finished"
          />
        )}
        <div className="lesson-nav">
          <Button
            icon={<LeftOutlined />}
            disabled={lesson.prev_id === null}
            onClick={() => lesson.prev_id !== null && navigate(`/lessons/${lesson.prev_id}`)}
            data-testid="lesson-prev"
          >
            {t('lesson.prev')}
          </Button>
          {!lesson.enrolled ? null : lesson.completed ? (
            <Button icon={<CheckOutlined />} disabled className="lesson-nav-main">
              {t('lesson.done')}
            </Button>
          ) : (
            <Button type="primary" icon={<CheckOutlined />} loading={saving} onClick={markDone} className="lesson-nav-main" data-testid="lesson-complete">
              {t('lesson.mark_done')}
            </Button>
          )}
          <Button
            type={lesson.completed && lesson.next_id !== null ? 'primary' : 'default'}
            disabled={lesson.next_id === null}
            onClick={() => lesson.next_id !== null && navigate(`/lessons/${lesson.next_id}`)}
            data-testid="lesson-next"
          >
            {t('lesson.next')} <RightOutlined />
          </Button>
        </div>
      </Card>
    </div>
  )
}
