import { useState } from 'react'
import { App, Form, Input, InputNumber, Modal, type ButtonProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { createLesson, createModule, updateModule } from '../../api/client'
import type { LessonEdit, Module } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'

interface TitleValues {
  title_vi: string
  title_en: string
}

/** ModuleModal adds a module to a course, or renames one. */
export function ModuleModal({ slug, module, onClose, onSaved }: { slug: string; module?: Module; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<TitleValues>()
  const [saving, setSaving] = useState(false)

  const submit = async () => {
    const v = await form.validateFields()
    const body = { title_vi: v.title_vi.trim(), title_en: (v.title_en ?? '').trim() }
    setSaving(true)
    try {
      if (module) await updateModule(module.id, body)
      else await createModule(slug, body)
      message.success(t(module ? 'common.saved' : 'common.created'))
      onSaved()
    } catch (e) {
      if (!applyFieldErrors(form, t, e)) message.error(errorText(t, e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title={module ? t('authoring.rename_module') : t('authoring.add_module')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'module-save' } as ButtonProps}
    >
      <Form<TitleValues> form={form} layout="vertical" initialValues={module ? { title_vi: module.title_vi, title_en: module.title_en } : {}}>
        <TitleFields />
      </Form>
    </Modal>
  )
}

interface LessonValues extends TitleValues {
  minutes: number
}

/** LessonModal adds a lesson at the end of a module and hands it to the lesson editor. */
export function LessonModal({ module, onClose, onCreated }: { module: Module; onClose(): void; onCreated(l: LessonEdit): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<LessonValues>()
  const [saving, setSaving] = useState(false)

  const submit = async () => {
    const v = await form.validateFields()
    setSaving(true)
    try {
      const l = await createLesson(module.id, {
        title_vi: v.title_vi.trim(),
        title_en: (v.title_en ?? '').trim(),
        minutes: v.minutes,
        body_md: '',
      })
      message.success(t('common.created'))
      onCreated(l)
    } catch (e) {
      if (!applyFieldErrors(form, t, e)) message.error(errorText(t, e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title={t('authoring.add_lesson_to', { module: module.title_vi })}
      okText={t('authoring.create_and_write')}
      cancelText={t('common.cancel')}
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'lesson-create' } as ButtonProps}
    >
      <Form<LessonValues> form={form} layout="vertical" initialValues={{ minutes: 10 }}>
        <TitleFields />
        <Form.Item name="minutes" label={t('authoring.field.minutes')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1} max={240} style={{ width: 140 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function TitleFields() {
  const { t } = useTranslation()
  return (
    <>
      <Form.Item
        name="title_vi"
        label={t('authoring.field.title_vi')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { max: 200, message: t('validation.max', { max: 200 }) },
        ]}
      >
        <Input maxLength={200} autoFocus />
      </Form.Item>
      <Form.Item name="title_en" label={t('authoring.field.title_en')} rules={[{ max: 200, message: t('validation.max', { max: 200 }) }]}>
        <Input maxLength={200} />
      </Form.Item>
    </>
  )
}
