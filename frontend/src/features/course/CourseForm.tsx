import { useEffect, useRef, useState } from 'react'
import { App, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd'
import { useTranslation } from 'react-i18next'
import { createCourse, listCourses, updateCourse } from '../../api/client'
import { LEVELS, TRACKS, type CourseDetail, type CourseInput, type CoursePatch, type CourseSummary } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { MarkdownEditor } from './MarkdownEditor'
import { pick, SLUG_MAX, SLUG_PATTERN, slugify } from './progress'

interface Props {
  /** the course to edit; a new course when absent */
  course?: CourseDetail
  onClose(): void
  onSaved(c: CourseDetail): void
}

export const CODE_PATTERN = /^[A-Za-z0-9._-]{1,20}$/

function toInput(c: CourseDetail): CourseInput {
  return {
    slug: c.slug,
    code: c.code,
    title_vi: c.title_vi,
    title_en: c.title_en,
    summary_vi: c.summary_vi,
    summary_en: c.summary_en,
    description_md: c.description_md,
    track: c.track,
    level: c.level,
    hours: c.hours,
    open: c.open,
    prerequisites: c.prerequisites.map((p) => p.slug),
  }
}

function clean(v: CourseInput): CourseInput {
  const s = (x: string | undefined) => (x ?? '').trim()
  return {
    ...v,
    slug: s(v.slug),
    code: s(v.code),
    title_vi: s(v.title_vi),
    title_en: s(v.title_en),
    summary_vi: s(v.summary_vi),
    summary_en: s(v.summary_en),
    description_md: v.description_md ?? '',
    hours: v.hours ?? 0,
    open: v.open ?? false,
    prerequisites: v.prerequisites ?? [],
  }
}

/** changedFields keeps what differs from the stored course, so a PATCH says what the author changed. */
export function changedFields(before: CourseInput, after: CourseInput): CoursePatch {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(after) as (keyof CourseInput)[]) {
    if (k === 'slug') continue
    const a = before[k]
    const b = after[k]
    const same = Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b
    if (!same) out[k] = b
  }
  return out as CoursePatch
}

/** CourseForm creates a course (a draft) or edits the fields of one. */
export function CourseForm({ course, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<CourseInput>()
  const [saving, setSaving] = useState(false)
  const [others, setOthers] = useState<CourseSummary[]>([])
  // The slug follows the Vietnamese title until the author types one.
  const slugTouched = useRef(!!course)
  const required = { required: true, whitespace: true, message: t('validation.required') }
  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) })

  useEffect(() => {
    listCourses({ page_size: 100 })
      .then((r) => setOthers(r.items.filter((c) => c.slug !== course?.slug)))
      .catch(() => undefined)
  }, [course?.slug])

  const submit = async () => {
    const v = clean(await form.validateFields())
    setSaving(true)
    try {
      let saved: CourseDetail
      if (course) {
        const patch = changedFields(toInput(course), v)
        saved = Object.keys(patch).length > 0 ? await updateCourse(course.slug, patch) : course
      } else {
        saved = await createCourse(v)
      }
      message.success(t(course ? 'common.saved' : 'common.created'))
      onSaved(saved)
    } catch (e) {
      applyFieldErrors(form, t, e)
      message.error(errorText(t, e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Drawer
      open
      width={860}
      title={course ? t('authoring.edit_title', { title: course.title_vi }) : t('authoring.create')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={submit} data-testid="course-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<CourseInput>
        form={form}
        layout="vertical"
        initialValues={
          course
            ? toInput(course)
            : { track: 'it-basic', level: 'basic', hours: 4, open: true, prerequisites: [], description_md: '' }
        }
        onValuesChange={(changed: Partial<CourseInput>) => {
          if ('slug' in changed) slugTouched.current = true
          if ('title_vi' in changed && !slugTouched.current) form.setFieldValue('slug', slugify(changed.title_vi ?? ''))
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="title_vi" label={t('authoring.field.title_vi')} rules={[required, max(200)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title_en" label={t('authoring.field.title_en')} rules={[max(200)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="slug"
              label={t('authoring.field.slug')}
              extra={course ? t('authoring.slug_fixed') : t('authoring.slug_hint')}
              rules={[required, { max: SLUG_MAX, message: t('validation.max', { max: SLUG_MAX }) }, { pattern: SLUG_PATTERN, message: t('authoring.slug_rule') }]}
            >
              <Input maxLength={SLUG_MAX} disabled={!!course} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('authoring.field.code')} rules={[{ pattern: CODE_PATTERN, message: t('authoring.code_rule') }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="summary_vi" label={t('authoring.field.summary_vi')} rules={[max(1000)]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="summary_en" label={t('authoring.field.summary_en')} rules={[max(1000)]}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="track" label={t('courses.field.track')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={TRACKS.map((k) => ({ value: k, label: t(`tracks.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="level" label={t('courses.field.level')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={LEVELS.map((k) => ({ value: k, label: t(`levels.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="hours" label={t('courses.field.hours')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={0} max={1000} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="open" label={t('authoring.field.open')} valuePropName="checked" tooltip={t('authoring.open_hint')}>
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="prerequisites" label={t('courses.prerequisites')}>
              <Select
                mode="multiple"
                allowClear
                optionFilterProp="label"
                placeholder={t('authoring.prerequisites_hint')}
                options={others.map((c) => ({
                  value: c.slug,
                  label: `${c.code ? `${c.code} · ` : ''}${pick(c.title_vi, c.title_en, i18n.language)}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description_md" label={t('authoring.field.description')}>
              <MarkdownEditor courseSlug={course?.slug} rows={10} layout="tabs" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  )
}
