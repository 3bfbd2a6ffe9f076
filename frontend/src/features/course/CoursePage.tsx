import { useCallback, useEffect, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { Alert, App, Button, Card, Col, Descriptions, List, Row, Skeleton, Space, Tag, Typography } from 'antd'
import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  EditOutlined,
  ExclamationCircleOutlined,
  FieldTimeOutlined,
  PlayCircleOutlined,
  ReadOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ApiError, enrol, getCourse } from '../../api/client'
import type { CourseDetail } from '../../api/types'
import { errorText } from '../../app/errors'
import { formatDay } from '../../lib/format'
import { useMe } from '../auth/AuthContext'
import { canEnrolOthers } from '../auth/access'
import { CourseQuizList } from '../quiz/CourseQuizList'
import { CourseLearners } from './CourseLearners'
import { EnrolDrawer } from './EnrolDrawer'
import { CourseProgress, DueDate, EnrolmentStatus, LevelTag, PublishedTag, TrackTag } from './labels'
import { enrolmentState, pick, resumeLessonId, totalMinutes } from './progress'
import './course.css'

export default function CoursePage() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const me = useMe()
  const slug = useParams().slug ?? ''
  const [course, setCourse] = useState<CourseDetail | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [enrolling, setEnrolling] = useState(false)
  const [drawer, setDrawer] = useState(false)
  const [learnersTick, setLearnersTick] = useState(0)
  const lang = i18n.language

  const load = useCallback(() => {
    return getCourse(slug).then(
      (c) => {
        setCourse(c)
        setError(null)
      },
      (e) => setError(e),
    )
  }, [slug])

  useEffect(() => {
    setCourse(null)
    void load()
  }, [load])

  const selfEnrol = async () => {
    setEnrolling(true)
    try {
      await enrol(slug)
      message.success(t('courses.enrolled'))
      await load()
    } catch (e) {
      // Already enrolled (another tab): just show the enrolment.
      if (e instanceof ApiError && e.code === 'already_enrolled') await load()
      else message.error(errorText(t, e))
    } finally {
      setEnrolling(false)
    }
  }

  if (error) {
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <BackToCatalogue />
        <Alert type="error" showIcon message={errorText(t, error)} />
      </Space>
    )
  }
  if (!course) return <Skeleton active />

  const title = pick(course.title_vi, course.title_en, lang)
  const enrolment = course.enrolment
  const canRead = enrolment !== null || course.can_edit
  const resumeId = resumeLessonId(course)
  const missing = course.prerequisites.filter((p) => !p.met)
  const minutes = totalMinutes(course)
  const modules = [...course.modules].sort((a, b) => a.position - b.position)

  const action = (() => {
    if (enrolment) {
      const state = enrolmentState(enrolment)
      return (
        <Space direction="vertical" size={10} style={{ width: '100%' }} data-testid="my-enrolment">
          <CourseProgress enrolment={enrolment} />
          <Space size={[8, 4]} wrap>
            <EnrolmentStatus enrolment={enrolment} />
            <DueDate due={enrolment.due_date} completedAt={enrolment.completed_at} />
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(enrolment.source === 'assigned' ? 'courses.assigned_on' : 'courses.enrolled_on', { date: formatDay(enrolment.enrolled_at) })}
          </Typography.Text>
          {resumeId !== null && (
            <Button
              type="primary"
              size="large"
              block
              icon={<PlayCircleOutlined />}
              onClick={() => navigate(`/lessons/${resumeId}`)}
              data-testid="resume"
            >
              {t(state === 'completed' ? 'courses.review' : state === 'in_progress' ? 'courses.continue' : 'courses.start')}
            </Button>
          )}
        </Space>
      )
    }
    if (course.can_self_enrol) {
      return (
        <Button type="primary" size="large" block icon={<UserAddOutlined />} loading={enrolling} onClick={selfEnrol} data-testid="enrol">
          {t('courses.enrol')}
        </Button>
      )
    }
    if (missing.length > 0) {
      return <Alert type="warning" showIcon message={t('courses.need_prerequisites')} data-testid="not-enrollable" />
    }
    return (
      <Alert
        type="info"
        showIcon
        message={t('courses.closed')}
        description={t('courses.closed_hint')}
        data-testid="not-enrollable"
      />
    )
  })()

  const outlineCard = (
    <Card title={t('courses.content')} size="small" data-testid="course-outline">
      {modules.length === 0 ? (
        <Typography.Text type="secondary">{t('courses.no_lessons')}</Typography.Text>
      ) : (
        modules.map((m, mi) => (
          <div key={m.id} style={{ marginBottom: mi < modules.length - 1 ? 16 : 0 }}>
            <Typography.Title level={5} style={{ margin: '4px 0 4px' }}>
              {t('courses.module_n', { n: mi + 1, title: pick(m.title_vi, m.title_en, lang) })}
            </Typography.Title>
            <List
              size="small"
              dataSource={[...m.lessons].sort((a, b) => a.position - b.position)}
              renderItem={(l, li) => (
                <List.Item data-testid={`outline-lesson-${l.id}`} style={{ paddingInline: 4 }}>
                  <div style={{ display: 'flex', gap: 8, width: '100%', alignItems: 'baseline' }}>
                    <Typography.Text type="secondary" style={{ minWidth: 30, flex: 'none' }}>
                      {mi + 1}.{li + 1}
                    </Typography.Text>
                    <span style={{ flex: 1, minWidth: 0 }}>
                      {canRead ? (
                        <Link to={`/lessons/${l.id}`}>{pick(l.title_vi, l.title_en, lang)}</Link>
                      ) : (
                        <Typography.Text>{pick(l.title_vi, l.title_en, lang)}</Typography.Text>
                      )}
                    </span>
                    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 13, flex: 'none' }}>
                      {t('courses.minutes', { count: l.minutes })}
                    </Typography.Text>
                    <span style={{ width: 16, flex: 'none' }}>
                      {l.completed && (
                        <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('lesson.done')} data-testid="lesson-tick" />
                      )}
                    </span>
                  </div>
                </List.Item>
              )}
            />
          </div>
        ))
      )}
    </Card>
  )

  const descriptionCard = course.description_html ? (
    <Card title={t('courses.description')} size="small">
      {/* Rendered from Markdown and sanitised by the server. */}
      <div className="lesson-body lesson-body-compact" lang="vi" dangerouslySetInnerHTML={{ __html: course.description_html }} />
    </Card>
  ) : null

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <BackToCatalogue />
      <Card>
        <Row gutter={[24, 16]}>
          <Col xs={24} md={15} lg={16}>
            <Space size={4} wrap style={{ marginBottom: 8 }}>
              {course.code && <Typography.Text type="secondary" strong>{course.code}</Typography.Text>}
              <TrackTag track={course.track} />
              <LevelTag level={course.level} />
              {!course.published && <PublishedTag published={false} />}
            </Space>
            <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="course-title">
              {title}
            </Typography.Title>
            <Typography.Paragraph style={{ fontSize: 16 }}>{pick(course.summary_vi, course.summary_en, lang)}</Typography.Paragraph>
            <Space size={[16, 4]} wrap>
              <Typography.Text type="secondary">
                <FieldTimeOutlined /> {t('courses.hours', { count: course.hours })}
              </Typography.Text>
              <Typography.Text type="secondary">
                <ReadOutlined /> {t('courses.lessons', { count: course.lessons_count })}
                {minutes > 0 && ` · ${t('courses.reading_minutes', { count: minutes })}`}
              </Typography.Text>
            </Space>
          </Col>
          <Col xs={24} md={9} lg={8}>
            <Space direction="vertical" size={12} style={{ width: '100%' }}>
              {action}
              {canEnrolOthers(me.role) && (
                <Button block icon={<TeamOutlined />} onClick={() => setDrawer(true)} data-testid="enrol-others">
                  {t('enrol.open')}
                </Button>
              )}
              {course.can_edit && course.source === 'app' && (
                <Button block icon={<EditOutlined />} onClick={() => navigate(`/authoring/${encodeURIComponent(course.slug)}`)}>
                  {t('authoring.edit_course')}
                </Button>
              )}
            </Space>
          </Col>
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {/* Learners who are enrolled come for the lessons; others first read what the course is about. */}
            {enrolment ? outlineCard : descriptionCard}
            <CourseQuizList course={course} />
            {enrolment ? descriptionCard : outlineCard}
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={t('courses.prerequisites')} size="small" data-testid="prerequisites">
              {course.prerequisites.length === 0 ? (
                <Typography.Text type="secondary">{t('courses.no_prerequisites')}</Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={course.prerequisites}
                  renderItem={(p) => (
                    <List.Item style={{ paddingInline: 0 }}>
                      <Space align="start">
                        {p.met ? (
                          <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('courses.prerequisite_met')} />
                        ) : (
                          <ExclamationCircleOutlined style={{ color: '#d46b08' }} aria-label={t('courses.prerequisite_missing')} />
                        )}
                        <Link to={`/courses/${encodeURIComponent(p.slug)}`}>{pick(p.title_vi, p.title_en, lang)}</Link>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <Card title={t('courses.about')} size="small">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('courses.field.track')}>{t(`tracks.${course.track}`)}</Descriptions.Item>
                <Descriptions.Item label={t('courses.field.level')}>{t(`levels.${course.level}`)}</Descriptions.Item>
                <Descriptions.Item label={t('courses.field.hours')}>{course.hours}</Descriptions.Item>
                <Descriptions.Item label={t('courses.field.enrolment')}>
                  {course.open ? <Tag color="green">{t('courses.open')}</Tag> : <Tag>{t('courses.assigned')}</Tag>}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Space>
        </Col>
      </Row>
      {canEnrolOthers(me.role) && (
        <Card title={t('learners.title')} size="small">
          <CourseLearners slug={course.slug} tick={learnersTick} />
        </Card>
      )}
      {drawer && (
        <EnrolDrawer
          slug={course.slug}
          title={title}
          onClose={() => setDrawer(false)}
          onDone={() => {
            // The manager may have enrolled themselves too.
            setLearnersTick((n) => n + 1)
            void load()
          }}
        />
      )}
    </Space>
  )
}

function BackToCatalogue() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/courses')} style={{ paddingLeft: 0 }}>
      {t('courses.catalogue')}
    </Button>
  )
}
