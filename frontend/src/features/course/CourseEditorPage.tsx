import { useCallback, useEffect, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { Alert, App, Button, Card, Descriptions, Empty, List, Popconfirm, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd'
import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowUpOutlined,
  CloudUploadOutlined,
  EditOutlined,
  EyeOutlined,
  PlusOutlined,
  StopOutlined,
} from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { getCourse, publishCourse, unpublishCourse, updateLesson, updateModule } from '../../api/client'
import type { CourseDetail, LessonRef, Module } from '../../api/types'
import { errorText } from '../../app/errors'
import { CourseForm } from './CourseForm'
import { FilesTag, LevelTag, PublishedTag, TrackTag } from './labels'
import { LessonModal, ModuleModal } from './OutlineForms'
import { CourseQuizzes } from '../quizadmin/CourseQuizzes'
import { moveUpdates, pick } from './progress'

const byPosition = <T extends { position: number }>(xs: T[]) => [...xs].sort((a, b) => a.position - b.position)

export default function CourseEditorPage() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const slug = useParams().slug ?? ''
  const [course, setCourse] = useState<CourseDetail | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [editing, setEditing] = useState(false)
  const [moduleForm, setModuleForm] = useState<{ module?: Module } | null>(null)
  const [lessonFor, setLessonFor] = useState<Module | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const lang = i18n.language

  const load = useCallback(
    () =>
      getCourse(slug).then(
        (c) => {
          setCourse(c)
          setError(null)
        },
        (e) => setError(e),
      ),
    [slug],
  )

  useEffect(() => {
    setCourse(null)
    void load()
  }, [load])

  /** run does one change, then reloads the course so the outline shows the server's order. */
  const run = async (key: string, fn: () => Promise<unknown>, done?: string) => {
    setBusy(key)
    try {
      await fn()
      if (done) message.success(done)
      await load()
    } catch (e) {
      message.error(errorText(t, e))
    } finally {
      setBusy(null)
    }
  }

  // The server stores positions as given; a move writes the new order of the items that change place.
  const moveModule = (list: Module[], from: number, to: number) =>
    run(`m${list[from].id}`, () => Promise.all(moveUpdates(list, from, to).map((u) => updateModule(u.id, { position: u.position }))))
  const moveLesson = (list: LessonRef[], from: number, to: number) =>
    run(`l${list[from].id}`, () => Promise.all(moveUpdates(list, from, to).map((u) => updateLesson(u.id, { position: u.position }))))

  if (error) {
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <BackToAuthoring />
        <Alert type="error" showIcon message={errorText(t, error)} />
      </Space>
    )
  }
  if (!course) return <Skeleton active />

  const readOnly = course.source === 'files' || !course.can_edit
  const modules = byPosition(course.modules)
  const lessonsCount = modules.reduce((n, m) => n + m.lessons.length, 0)
  const editorHref = (id: number) => `/authoring/lessons/${id}`

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <BackToAuthoring />
      {readOnly && (
        <Alert
          type="info"
          showIcon
          message={t(course.source === 'files' ? 'errors.managed_by_files' : 'authoring.not_yours')}
          data-testid="read-only"
        />
      )}
      <Card>
        <Row justify="space-between" align="top" style={{ rowGap: 12, columnGap: 16 }}>
          <Space direction="vertical" size={6} style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Space size={4} wrap>
              {course.code && <Typography.Text type="secondary" strong>{course.code}</Typography.Text>}
              <PublishedTag published={course.published} />
              {course.source === 'files' && <FilesTag />}
            </Space>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="editor-title">
              {pick(course.title_vi, course.title_en, lang)}
            </Typography.Title>
          </Space>
          <Space wrap>
            <Button icon={<EyeOutlined />} onClick={() => navigate(`/courses/${encodeURIComponent(course.slug)}`)}>
              {t('authoring.view')}
            </Button>
            {!readOnly && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="course-edit">
                  {t('authoring.edit_info')}
                </Button>
                {course.published ? (
                  <Popconfirm
                    title={t('authoring.confirm_unpublish')}
                    okText={t('common.yes')}
                    cancelText={t('common.no')}
                    onConfirm={() => run('publish', () => unpublishCourse(course.slug), t('authoring.unpublished'))}
                  >
                    <Button danger icon={<StopOutlined />} loading={busy === 'publish'} data-testid="course-unpublish">
                      {t('authoring.unpublish')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Tooltip title={lessonsCount === 0 ? t('authoring.publish_needs_lesson') : undefined}>
                    <Button
                      type="primary"
                      icon={<CloudUploadOutlined />}
                      loading={busy === 'publish'}
                      disabled={lessonsCount === 0}
                      onClick={() => run('publish', () => publishCourse(course.slug), t('authoring.published_done'))}
                      data-testid="course-publish"
                    >
                      {t('authoring.publish')}
                    </Button>
                  </Tooltip>
                )}
              </>
            )}
          </Space>
        </Row>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('authoring.field.slug')}>
            <Typography.Text code>{course.slug}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('courses.field.track')}>
            <TrackTag track={course.track} />
          </Descriptions.Item>
          <Descriptions.Item label={t('courses.field.level')}>
            <LevelTag level={course.level} />
          </Descriptions.Item>
          <Descriptions.Item label={t('courses.field.hours')}>{course.hours}</Descriptions.Item>
          <Descriptions.Item label={t('courses.field.enrolment')}>
            {course.open ? <Tag color="green">{t('courses.open')}</Tag> : <Tag>{t('courses.assigned')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('courses.prerequisites')}>
            {course.prerequisites.length === 0 ? '—' : course.prerequisites.map((p) => pick(p.title_vi, p.title_en, lang)).join('; ')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Row justify="space-between" align="middle" style={{ rowGap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('authoring.outline')}
        </Typography.Title>
        {!readOnly && (
          <Button icon={<PlusOutlined />} onClick={() => setModuleForm({})} data-testid="module-add">
            {t('authoring.add_module')}
          </Button>
        )}
      </Row>
      {modules.length === 0 && (
        <Card>
          <Empty description={t('authoring.no_modules')} />
        </Card>
      )}
      {modules.map((m, mi) => {
        const lessons = byPosition(m.lessons)
        return (
          <Card
            key={m.id}
            size="small"
            data-testid={`module-${m.id}`}
            title={
              <Typography.Text strong style={{ whiteSpace: 'normal' }}>
                {t('courses.module_n', { n: mi + 1, title: pick(m.title_vi, m.title_en, lang) })}
              </Typography.Text>
            }
            extra={
              !readOnly && (
                <Space size={4}>
                  <Tooltip title={t('authoring.move_up')}>
                    <Button
                      size="small"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('authoring.move_up')}
                      disabled={mi === 0 || busy !== null}
                      onClick={() => moveModule(modules, mi, mi - 1)}
                    />
                  </Tooltip>
                  <Tooltip title={t('authoring.move_down')}>
                    <Button
                      size="small"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('authoring.move_down')}
                      disabled={mi === modules.length - 1 || busy !== null}
                      onClick={() => moveModule(modules, mi, mi + 1)}
                    />
                  </Tooltip>
                  <Tooltip title={t('authoring.rename_module')}>
                    <Button size="small" icon={<EditOutlined />} aria-label={t('authoring.rename_module')} onClick={() => setModuleForm({ module: m })} />
                  </Tooltip>
                </Space>
              )
            }
          >
            <List
              size="small"
              dataSource={lessons}
              locale={{ emptyText: t('authoring.no_lessons') }}
              renderItem={(l, li) => (
                <List.Item style={{ paddingInline: 4 }} data-testid={`editor-lesson-${l.id}`}>
                  <div style={{ display: 'flex', gap: 8, width: '100%', alignItems: 'center' }}>
                    <Typography.Text type="secondary" style={{ minWidth: 30, flex: 'none' }}>
                      {mi + 1}.{li + 1}
                    </Typography.Text>
                    <span style={{ flex: 1, minWidth: 0 }}>
                      <Link to={readOnly ? `/lessons/${l.id}` : editorHref(l.id)}>{pick(l.title_vi, l.title_en, lang)}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8, whiteSpace: 'nowrap' }}>
                        {t('courses.minutes', { count: l.minutes })}
                      </Typography.Text>
                    </span>
                    {!readOnly && (
                      <Space size={0} style={{ flex: 'none' }}>
                        <Button
                          size="small"
                          type="text"
                          icon={<ArrowUpOutlined />}
                          aria-label={t('authoring.move_up')}
                          title={t('authoring.move_up')}
                          disabled={li === 0 || busy !== null}
                          onClick={() => moveLesson(lessons, li, li - 1)}
                        />
                        <Button
                          size="small"
                          type="text"
                          icon={<ArrowDownOutlined />}
                          aria-label={t('authoring.move_down')}
                          title={t('authoring.move_down')}
                          disabled={li === lessons.length - 1 || busy !== null}
                          onClick={() => moveLesson(lessons, li, li + 1)}
                        />
                      </Space>
                    )}
                  </div>
                </List.Item>
              )}
            />
            {!readOnly && (
              <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setLessonFor(m)} data-testid="lesson-add">
                {t('authoring.add_lesson')}
              </Button>
            )}
          </Card>
        )
      })}

      <CourseQuizzes course={course} readOnly={readOnly} />

      {editing && (
        <CourseForm
          course={course}
          onClose={() => setEditing(false)}
          onSaved={(c) => {
            setCourse(c)
            setEditing(false)
          }}
        />
      )}
      {moduleForm && (
        <ModuleModal
          slug={course.slug}
          module={moduleForm.module}
          onClose={() => setModuleForm(null)}
          onSaved={() => {
            setModuleForm(null)
            void load()
          }}
        />
      )}
      {lessonFor && (
        <LessonModal module={lessonFor} onClose={() => setLessonFor(null)} onCreated={(l) => navigate(editorHref(l.id))} />
      )}
    </Space>
  )
}

function BackToAuthoring() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/authoring')} style={{ paddingLeft: 0 }}>
      {t('authoring.title')}
    </Button>
  )
}
