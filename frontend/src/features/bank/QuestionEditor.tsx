import { useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Drawer, Form, Grid, Input, InputNumber, Select, Space, Spin, TreeSelect, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { ApiError, createQuestion, getQuestion, previewQuestion, updateQuestion } from '../../api/client'
import { TEXT_FORMATS, type QuestionCategory, type QuestionDetail, type QuestionPreview, type QuestionType } from '../../api/types'
import { fieldErrorText } from '../../app/errors'
import i18n from '../../i18n'
import { AnswerFields } from './AnswerFields'
import { contentOf, fieldPath, formOf, newForm, requestOf, type EditorForm } from './editor'
import { LearnerPreview } from './LearnerPreview'
import { bankErrorText, TypeTag } from './labels'
import { plainText, rangeText } from './questions'
import { buildCategoryTree, type CategoryNode } from './tree'

const PREVIEW_DELAY = 400

/** What the editor opens on: a new question of a type, or a stored one. */
export type EditorTarget = { type: QuestionType; categoryId?: number } | { question: QuestionDetail }

/** problemText says what is wrong with the answers as a whole ("answers": too_few ...). */
function problemText(t: TFunction, code: string): string {
  const key = `bank.editor.problem.${code}`
  return i18n.exists(key) ? t(key) : fieldErrorText(t, code)
}

/** answerLabels names each answer sent, for the feedback shown under the preview. */
function answerLabels(t: TFunction, f: EditorForm, lang: string): string[] {
  return contentOf(f).answers.map((a, i) => {
    switch (f.type) {
      case 'true_false':
        return t(a.text === 'true' ? 'bank.editor.true' : 'bank.editor.false')
      case 'numerical':
        return a.text === '*' ? t('bank.detail.any_number') : typeof a.value === 'number' ? rangeText(a.value, a.tolerance ?? 0, lang) : `${i + 1}`
    }
    return plainText(a.text ?? '', f.format) || t('bank.editor.option', { n: i + 1 })
  })
}

/**
 * QuestionEditor creates or edits one question of the bank in a drawer: the
 * form of its type beside a live preview of what learners will see (POST
 * /questions/preview, once typing pauses). Saving an edit adds a version
 * only when something changed; a stale version is refused and can be
 * reloaded.
 */
export function QuestionEditor(props: { target: EditorTarget; categories: QuestionCategory[]; onClose(): void; onSaved(q: QuestionDetail): void }) {
  const { t, i18n: inst } = useTranslation()
  const { message } = App.useApp()
  const mobile = Grid.useBreakpoint().lg === false
  const [stored, setStored] = useState<QuestionDetail | null>('question' in props.target ? props.target.question : null)
  const initial = useMemo(
    () => (stored ? formOf(stored) : newForm((props.target as { type: QuestionType }).type, (props.target as { categoryId?: number }).categoryId)),
    [stored, props.target],
  )
  const [form] = Form.useForm<EditorForm>()
  const [values, setValues] = useState<EditorForm>(initial)
  const [preview, setPreview] = useState<QuestionPreview | null>(null)
  const [previewing, setPreviewing] = useState(false)
  const [answersError, setAnswersError] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    form.resetFields()
    form.setFieldsValue(initial)
    setValues(initial)
  }, [form, initial])

  const content = useMemo(() => contentOf(values), [values])
  const contentKey = JSON.stringify(content)
  useEffect(() => {
    if (content.text.trim() === '') {
      setPreview(null)
      return
    }
    const ctl = new AbortController()
    const timer = setTimeout(() => {
      setPreviewing(true)
      previewQuestion(content, ctl.signal)
        .then(setPreview)
        .catch(() => undefined) // the form says what is wrong when saving
        .finally(() => !ctl.signal.aborted && setPreviewing(false))
    }, PREVIEW_DELAY)
    return () => {
      clearTimeout(timer)
      ctl.abort()
    }
    // contentKey stands for content: a new object with the same answers needs no new preview.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contentKey])

  const treeData = useMemo(() => {
    const map = (n: CategoryNode): object => ({ value: n.category.id, title: n.category.name, children: n.children.map(map) })
    return buildCategoryTree(props.categories.filter((c) => c.source === 'app')).map(map)
  }, [props.categories])

  const showErrors = (e: unknown): boolean => {
    if (!(e instanceof ApiError)) return false
    const all = form.getFieldsValue(true) as EditorForm
    let shown = false
    const fields: { name: (string | number)[]; errors: string[] }[] = []
    for (const [field, code] of Object.entries(e.fieldErrors)) {
      const path = fieldPath(all, field)
      if (!path) continue
      shown = true
      if (path.length === 1 && path[0] === 'answers') setAnswersError(problemText(t, code))
      else fields.push({ name: path, errors: [fieldErrorText(t, code)] })
    }
    form.setFields(fields as Parameters<typeof form.setFields>[0])
    return shown
  }

  const save = async () => {
    const f = form.getFieldsValue(true) as EditorForm
    setSaving(true)
    setError(null)
    setAnswersError(null)
    try {
      const body = requestOf(f)
      const q = stored ? await updateQuestion(stored.id, { ...body, version: stored.version }) : await createQuestion(body)
      if (!stored) message.success(t('bank.editor.created', { name: q.name }))
      else message.success(q.version === stored.version ? t('bank.editor.unchanged') : t('bank.editor.saved_version', { version: q.version }))
      props.onSaved(q)
    } catch (e) {
      if (!showErrors(e) || (e instanceof ApiError && e.code !== 'invalid_question')) setError(e)
    } finally {
      setSaving(false)
    }
  }

  const reload = async () => {
    if (!stored) return
    try {
      setStored(await getQuestion(stored.id))
      setError(null)
    } catch (e) {
      setError(e)
    }
  }

  const conflict = error instanceof ApiError && error.code === 'version_conflict'
  const problems = Object.entries(preview?.fields ?? {})
  const label = (field: string) =>
    field.startsWith('answers.') ? t('bank.editor.option', { n: Number(field.split('.')[1]) + 1 }) : t(`bank.editor.${field === 'category_id' ? 'category' : field}`)

  const formPane = (
    <Form<EditorForm>
      form={form}
      layout="vertical"
      initialValues={initial}
      onValuesChange={() => setValues(form.getFieldsValue(true) as EditorForm)}
      data-testid="question-editor-form"
    >
      <Form.Item name="category_id" label={t('bank.editor.category')} extra={t('bank.editor.category_hint')}>
        <TreeSelect treeData={treeData} treeDefaultExpandAll showSearch treeNodeFilterProp="title" data-testid="editor-category" />
      </Form.Item>
      <Form.Item name="name" label={t('bank.editor.name')} extra={t('bank.editor.name_hint')}>
        <Input maxLength={255} data-testid="editor-name" />
      </Form.Item>
      <Form.Item name="text" label={t('bank.editor.text')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 16 }} data-testid="editor-text" />
      </Form.Item>
      <Space wrap size={16} align="start">
        <Form.Item name="format" label={t('bank.editor.format')}>
          <Select style={{ width: 260 }} options={TEXT_FORMATS.map((f) => ({ value: f, label: t(`bank.editor.format_${f}`) }))} data-testid="editor-format" />
        </Form.Item>
        <Form.Item name="default_mark" label={t('bank.editor.default_mark')}>
          <InputNumber min={0.01} max={99999} step={0.5} decimalSeparator={inst.language === 'en' ? '.' : ','} data-testid="editor-mark" />
        </Form.Item>
      </Space>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('bank.editor.answers')}
      </Typography.Title>
      {answersError ? <Alert type="error" showIcon message={answersError} style={{ marginBottom: 12 }} data-testid="answers-error" /> : null}
      <AnswerFields type={values.type} />
      <Form.Item name="general_feedback" label={t('bank.editor.general_feedback')} extra={t('bank.editor.general_feedback_hint')} style={{ marginTop: 16 }}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="editor-general-feedback" />
      </Form.Item>
      <Form.Item name="tags" label={t('bank.editor.tags')}>
        <Select mode="tags" tokenSeparators={[',']} placeholder={t('bank.editor.tags_hint')} open={false} suffixIcon={null} data-testid="editor-tags" />
      </Form.Item>
    </Form>
  )

  const previewPane = (
    <div data-testid="editor-preview-pane">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('bank.editor.preview')} {previewing ? <Spin size="small" /> : null}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('bank.editor.preview_hint')}
      </Typography.Paragraph>
      {preview ? (
        <LearnerPreview preview={preview} labels={answerLabels(t, values, inst.language)} />
      ) : (
        <Typography.Text type="secondary">{t('bank.editor.preview_empty')}</Typography.Text>
      )}
      {problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          message={t('bank.editor.not_ready')}
          data-testid="preview-problems"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.map(([field, code]) => (
                <li key={field}>{field === 'answers' ? problemText(t, code) : `${label(field)}: ${fieldErrorText(t, code)}`}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  )

  return (
    <Drawer
      open
      width={mobile ? '100%' : 1120}
      title={
        <Space size={8} wrap>
          <TypeTag type={values.type} />
          {stored ? t('bank.editor.edit_title', { name: stored.name }) : t('bank.editor.new')}
        </Space>
      }
      onClose={props.onClose}
      destroyOnHidden
      data-testid="question-editor"
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={save} data-testid="editor-save">
            {t('bank.editor.save')}
          </Button>
        </Space>
      }
    >
      {stored ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('bank.editor.version_info', { version: stored.version, next: stored.version + 1 })} data-testid="editor-version" />
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={bankErrorText(t, error)}
          action={conflict ? <Button size="small" onClick={reload} data-testid="editor-reload">
                {t('bank.editor.reload')}
              </Button> : undefined}
          data-testid="editor-error"
        />
      ) : null}
      <div style={{ display: 'grid', gridTemplateColumns: mobile ? 'minmax(0, 1fr)' : 'minmax(0, 3fr) minmax(0, 2fr)', gap: 24 }}>
        {formPane}
        <div style={mobile ? undefined : { position: 'sticky', top: 0, alignSelf: 'start' }}>{previewPane}</div>
      </div>
    </Drawer>
  )
}
