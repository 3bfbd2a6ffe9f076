import { useCallback, useEffect, useState } from 'react'
import { Link, useBlocker, useParams } from 'react-router'
import { Alert, App, Breadcrumb, Button, Card, Col, Form, Input, InputNumber, Row, Skeleton, Space, Tag, Typography } from 'antd'
import { SaveOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { getCourse, getLessonSource, updateLesson } from '../../api/client'
import type { CourseDetail, LessonEdit, LessonPatch } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { MarkdownEditor } from './MarkdownEditor'
import { pick } from './progress'

type Values = Pick<LessonEdit, 'title_vi' | 'title_en' | 'minutes' | 'body_md'>

function patchOf(before: LessonEdit, v: Values): LessonPatch {
  const out: LessonPatch = {}
  const title_vi = v.title_vi.trim()
  const title_en = (v.title_en ?? '').trim()
  if (title_vi !== before.title_vi) out.title_vi = title_vi
  if (title_en !== before.title_en) out.title_en = title_en
  if (v.minutes !== before.minutes) out.minutes = v.minutes
  if (v.body_md !== before.body_md) out.body_md = v.body_md
  return out
}

export default function LessonEditorPage() {
  const { t, i18n } = useTranslation()
  const { message, modal } = App.useApp()
  const id = Number(useParams().id)
  const [lesson, setLesson] = useState<LessonEdit | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)
  const [form] = Form.useForm<Values>()
  const values = Form.useWatch([], form) as Values | undefined
  const dirty = !!lesson && !!values && Object.keys(patchOf(lesson, { ...lesson, ...values })).length > 0
  const courseSlug = lesson?.course_slug
  // The course, for the breadcrumb (course › module › lesson).
  const [course, setCourse] = useState<CourseDetail | null>(null)

  useEffect(() => {
    if (!courseSlug) return
    let live = true
    getCourse(courseSlug)
      .then((c) => live && setCourse(c))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [courseSlug])

  useEffect(() => {
    let live = true
    setLesson(null)
    getLessonSource(id)
      .then((l) => {
        if (!live) return
        setLesson(l)
        form.setFieldsValue({ title_vi: l.title_vi, title_en: l.title_en, minutes: l.minutes, body_md: l.body_md })
      })
      .catch((e) => live && setError(e))
    return () => {
      live = false
    }
  }, [id, form])

  const save = useCallback(async () => {
    if (!lesson) return
    const v = await form.validateFields()
    const patch = patchOf(lesson, v)
    if (Object.keys(patch).length === 0) return
    setSaving(true)
    try {
      const saved = await updateLesson(lesson.id, patch)
      setLesson({ ...saved, course_slug: saved.course_slug ?? lesson.course_slug })
      message.success(t('common.saved'))
    } catch (e) {
      if (!applyFieldErrors(form, t, e)) message.error(errorText(t, e))
    } finally {
      setSaving(false)
    }
  }, [lesson, form, message, t])

  // Ctrl+S (⌘S) saves; leaving with unsaved changes asks first.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault()
        void save()
      }
    }
    const onUnload = (e: BeforeUnloadEvent) => {
      if (dirty) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    window.addEventListener('beforeunload', onUnload)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('beforeunload', onUnload)
    }
  }, [save, dirty])

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname)
  useEffect(() => {
    if (blocker.state !== 'blocked') return
    modal.confirm({
      title: t('authoring.unsaved_title'),
      content: t('authoring.unsaved_text'),
      okText: t('authoring.leave'),
      cancelText: t('authoring.stay'),
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    })
  }, [blocker, modal, t])

  if (error) return <Alert type="error" showIcon message={errorText(t, error)} />
  if (!lesson) return <Skeleton active paragraph={{ rows: 12 }} />

  const mod = course?.modules.find((m) => m.id === lesson.module_id)
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        data-testid="editor-breadcrumb"
        items={[
          { title: <Link to="/authoring">{t('authoring.title')}</Link> },
          ...(courseSlug
            ? [
                {
                  title: (
                    <Link to={`/authoring/${encodeURIComponent(courseSlug)}`}>
                      {course ? pick(course.title_vi, course.title_en, i18n.language) : courseSlug}
                    </Link>
                  ),
                },
              ]
            : []),
          ...(mod ? [{ title: pick(mod.title_vi, mod.title_en, i18n.language) }] : []),
          { title: lesson.title_vi },
        ]}
      />
      <Row justify="space-between" align="middle" style={{ rowGap: 8, columnGap: 16 }}>
        <Space size={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('authoring.lesson_editor')}
          </Typography.Title>
          {dirty ? <Tag color="orange">{t('authoring.unsaved')}</Tag> : <Tag color="green">{t('authoring.all_saved')}</Tag>}
        </Space>
        <Space wrap>
          <Link to={`/lessons/${lesson.id}`}>{t('authoring.view_as_learner')}</Link>
          <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!dirty} onClick={save} data-testid="lesson-save">
            {t('common.save')}
          </Button>
        </Space>
      </Row>
      <Card size="small">
        <Form<Values> form={form} layout="vertical">
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item
                name="title_vi"
                label={t('authoring.field.title_vi')}
                rules={[
                  { required: true, whitespace: true, message: t('validation.required') },
                  { max: 200, message: t('validation.max', { max: 200 }) },
                ]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="title_en" label={t('authoring.field.title_en')} rules={[{ max: 200, message: t('validation.max', { max: 200 }) }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="minutes" label={t('authoring.field.minutes')} rules={[{ required: true, message: t('validation.required') }]}>
                <InputNumber min={1} max={240} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="body_md" label={t('authoring.field.body')} style={{ marginBottom: 0 }}>
                <MarkdownEditor courseSlug={courseSlug} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
    </Space>
  )
}
