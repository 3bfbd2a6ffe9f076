import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useBlocker, useNavigate, useParams } from 'react-router'
import { Alert, App, Button, Card, Col, Form, Row, Skeleton, Space, Tag, Typography } from 'antd'
import { ArrowLeftOutlined, BarChartOutlined, PlusOutlined, SaveOutlined, ThunderboltOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ApiError, createQuiz, getCourse, getQuiz, updateQuiz } from '../../api/client'
import type { CourseDetail, Quiz } from '../../api/types'
import { fieldErrorText } from '../../app/errors'
import { pick } from '../course/progress'
import { useCategories } from '../bank/useCategories'
import { quizErrorText, QuizFilesTag, QuizStateTag, slotFieldText } from './labels'
import { QuestionPicker } from './QuestionPicker'
import { RandomDrawModal } from './RandomDrawModal'
import { formField, newQuizValues, toForm, toInput, type QuizFormValues } from './settings'
import { SettingsForm } from './SettingsForm'
import { SlotList } from './SlotList'
import { fixedRow, fromQuizSlots, isRandom, randomRow, toSlotInputs, withAvailable, type SlotRow } from './slots'

/** QuizBuilderPage creates a quiz in a course (/authoring/:slug/quizzes/new) or edits one (/authoring/quizzes/:id). */
export default function QuizBuilderPage() {
  const { t, i18n } = useTranslation()
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const params = useParams()
  const id = params.id ? Number(params.id) : undefined
  const [form] = Form.useForm<QuizFormValues>()
  const [quiz, setQuiz] = useState<Quiz | null>(null)
  const [course, setCourse] = useState<CourseDetail | null>(null)
  const [rows, setRows] = useState<SlotRow[]>([])
  const [error, setError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)
  const [dirty, setDirtyState] = useState(false)
  // The blocker reads the ref: a save that navigates must not be stopped by the render before it.
  const dirtyRef = useRef(false)
  const setDirty = useCallback((v: boolean) => {
    dirtyRef.current = v
    setDirtyState(v)
  }, [])
  const [conflict, setConflict] = useState(false)
  const [otherErrors, setOtherErrors] = useState<string[]>([])
  const [picking, setPicking] = useState(false)
  const [drawing, setDrawing] = useState(false)
  const { items: categories } = useCategories()

  const load = useCallback(async () => {
    setError(null)
    setConflict(false)
    try {
      if (id !== undefined) {
        const q = await getQuiz(id)
        const c = await getCourse(q.course_slug)
        setQuiz(q)
        setCourse(c)
        setRows(fromQuizSlots(q.slots))
      } else {
        setQuiz(null)
        setCourse(await getCourse(params.slug ?? ''))
        setRows([])
      }
      setDirty(false)
    } catch (e) {
      setError(e)
    }
  }, [id, params.slug, setDirty])

  useEffect(() => {
    setCourse(null)
    void load()
  }, [load])

  // The form shows the stored quiz: once loaded, after a reload and after a save (the server's values).
  useEffect(() => {
    if (quiz) form.setFieldsValue(toForm(quiz))
  }, [quiz, form])

  // The category list tells how many questions each draw can take now.
  useEffect(() => setRows((rs) => withAvailable(rs, categories)), [categories])

  // Leaving the page with unsaved changes asks first: inside the app through the router...
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirtyRef.current && currentLocation.pathname !== nextLocation.pathname)
  const blockerRef = useRef(blocker)
  blockerRef.current = blocker
  useEffect(() => {
    if (blocker.state !== 'blocked') return
    modal.confirm({
      title: t('quizadmin.leave_title'),
      content: t('quizadmin.leave_text'),
      okText: t('quizadmin.leave'),
      cancelText: t('quizadmin.stay'),
      okButtonProps: { danger: true },
      onOk: () => blockerRef.current.proceed?.(),
      onCancel: () => blockerRef.current.reset?.(),
    })
  }, [blocker.state, modal, t])

  // ...and closing the tab or reloading through the browser.
  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  const initial = useMemo(() => (quiz ? toForm(quiz) : newQuizValues()), [quiz])
  const taken = useMemo(() => new Set(rows.filter((r) => !isRandom(r)).map((r) => r.question_id as number)), [rows])

  if (error) {
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <BackToCourse slug={params.slug ?? quiz?.course_slug} />
        <Alert type="error" showIcon message={quizErrorText(t, error)} />
      </Space>
    )
  }
  if (!course || (id !== undefined && !quiz)) return <Skeleton active />

  const fromFiles = quiz?.source === 'files' || course.source === 'files'
  const readOnly = fromFiles || !course.can_edit
  const lang = i18n.language

  const changeRows = (next: SlotRow[]) => {
    setRows(next)
    setDirty(true)
    setOtherErrors([])
  }

  const save = async () => {
    let v: QuizFormValues
    try {
      v = await form.validateFields()
    } catch {
      message.error(t('quizadmin.fix_fields'))
      return
    }
    setSaving(true)
    setOtherErrors([])
    try {
      const body = toInput(v, toSlotInputs(rows), quiz?.version)
      const saved = quiz ? await updateQuiz(quiz.id, body) : await createQuiz(course.slug, body)
      setDirty(false)
      if (!quiz) {
        message.success(t('quizadmin.created'))
        navigate(`/authoring/quizzes/${saved.id}`, { replace: true })
        return
      }
      message.success(t('common.saved'))
      setQuiz(saved)
      if (saved.slots) setRows(withAvailable(fromQuizSlots(saved.slots), categories))
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version_conflict') setConflict(true)
      const fields = e instanceof ApiError ? Object.entries(e.fieldErrors) : []
      const known = new Set(Object.keys(form.getFieldsValue(true) as object))
      const onForm = fields.filter(([f]) => known.has(formField(f)))
      form.setFields(onForm.map(([f, code]) => ({ name: formField(f) as keyof QuizFormValues, errors: [fieldErrorText(t, code)] })))
      // The rest (a slot, the list as a whole) is listed above the form.
      setOtherErrors(fields.filter(([f]) => !known.has(formField(f))).map(([f, code]) => slotFieldText(t, f, code) ?? `${f}: ${fieldErrorText(t, code)}`))
      message.error(fields.length > 0 ? t('quizadmin.fix_fields') : quizErrorText(t, e))
    } finally {
      setSaving(false)
    }
  }

  const title = quiz ? pick(quiz.title_vi, quiz.title_en, lang) : t('quizadmin.new_title')

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <BackToCourse slug={course.slug} title={pick(course.title_vi, course.title_en, lang)} />
      {fromFiles && <Alert type="info" showIcon message={t('quizadmin.files_read_only')} data-testid="quiz-read-only" />}
      {!fromFiles && readOnly && <Alert type="info" showIcon message={t('authoring.not_yours')} data-testid="quiz-read-only" />}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          message={t('quizadmin.errors.version_conflict')}
          action={
            <Button size="small" onClick={() => void load()}>
              {t('quizadmin.reload')}
            </Button>
          }
          data-testid="quiz-conflict"
        />
      )}
      <Row justify="space-between" align="middle" style={{ rowGap: 12, columnGap: 16 }}>
        <Space direction="vertical" size={2} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Space size={4} wrap>
            <Typography.Text type="secondary">{t('quizadmin.quiz')}</Typography.Text>
            {quiz && <QuizStateTag published={quiz.published} />}
            {fromFiles && <QuizFilesTag />}
            {dirty && <Tag color="gold">{t('quizadmin.unsaved')}</Tag>}
          </Space>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="quiz-title-heading">
            {title}
          </Typography.Title>
        </Space>
        <Space wrap>
          {quiz && (
            <Button icon={<BarChartOutlined />} onClick={() => navigate(`/authoring/quizzes/${quiz.id}/results`)} data-testid="quiz-results">
              {t('quizadmin.results.open')}
            </Button>
          )}
          {!readOnly && (
            <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={save} data-testid="quiz-save">
              {quiz ? t('common.save') : t('quizadmin.create')}
            </Button>
          )}
        </Space>
      </Row>
      {otherErrors.length > 0 && (
        <Alert type="error" showIcon message={otherErrors.map((s) => <div key={s}>{s}</div>)} data-testid="quiz-errors" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card title={t('quizadmin.section.settings')} size="small">
            <SettingsForm
              form={form}
              initial={initial}
              modules={[...course.modules].sort((a, b) => a.position - b.position)}
              isNew={!quiz}
              readOnly={readOnly}
              onChange={() => setDirty(true)}
            />
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Card
            title={t('quizadmin.section.questions')}
            size="small"
            extra={
              !readOnly && (
                <Space wrap size={8}>
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setPicking(true)} data-testid="add-fixed">
                    {t('quizadmin.add_fixed')}
                  </Button>
                  <Button size="small" icon={<ThunderboltOutlined />} onClick={() => setDrawing(true)} data-testid="add-random">
                    {t('quizadmin.add_random')}
                  </Button>
                </Space>
              )
            }
          >
            <SlotList rows={rows} categories={categories} readOnly={readOnly} onChange={changeRows} />
          </Card>
        </Col>
      </Row>
      {picking && (
        <QuestionPicker
          categories={categories}
          taken={taken}
          onClose={() => setPicking(false)}
          onPick={(qs) => {
            changeRows([...rows, ...qs.map((q) => fixedRow(q))])
            setPicking(false)
          }}
        />
      )}
      {drawing && (
        <RandomDrawModal
          categories={categories}
          onClose={() => setDrawing(false)}
          onAdd={(d) => {
            changeRows([...rows, randomRow(d.category, d.count, d.include_sub, d.available, d.mark)])
            setDrawing(false)
          }}
        />
      )}
    </Space>
  )
}

function BackToCourse({ slug, title }: { slug?: string; title?: string }) {
  const { t } = useTranslation()
  return (
    <Link to={slug ? `/authoring/${encodeURIComponent(slug)}` : '/authoring'} style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      <ArrowLeftOutlined /> {title ?? t('authoring.title')}
    </Link>
  )
}
