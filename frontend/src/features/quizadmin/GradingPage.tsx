import { useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'
import { Alert, App, Button, Card, Collapse, Empty, Form, Input, InputNumber, Row, Select, Skeleton, Space, Typography } from 'antd'
import { CheckOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { gradeAnswer, gradingQueue } from '../../api/client'
import type { GradingItem } from '../../api/types'
import { formatDateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { pick } from '../course/progress'
import { Html } from '../quiz/QuestionView'
import { quizErrorText } from './labels'
import { numberText } from './stats'

const keyOf = (i: Pick<GradingItem, 'attempt_id' | 'slot'>) => `${i.attempt_id}:${i.slot}`

/** GradingPage (/grading): essay answers waiting for a trainer's marks, oldest first as the server sends them. */
export default function GradingPage() {
  const { t, i18n } = useTranslation()
  const [sp, setSp] = useSearchParams()
  const quizId = Number(sp.get('quiz')) || undefined
  const { data, loading, error } = useLoad(() => gradingQueue(quizId), [quizId])
  const [done, setDone] = useState<Set<string>>(new Set())
  // The quizzes seen in any load, so the filter keeps its choices once one is picked.
  const [quizzes, setQuizzes] = useState<Map<number, string>>(new Map())
  const lang = i18n.language

  useEffect(() => {
    if (!data) return
    setQuizzes((prev) => {
      const next = new Map(prev)
      for (const it of data) next.set(it.quiz_id, pick(it.quiz_title_vi, it.quiz_title_en, lang))
      return next
    })
  }, [data, lang])

  const items = useMemo(() => (data ?? []).filter((i) => !done.has(keyOf(i))), [data, done])
  const options = [...quizzes.entries()].map(([value, label]) => ({ value, label }))
  if (quizId !== undefined && !quizzes.has(quizId)) options.push({ value: quizId, label: t('quizadmin.grading.quiz_n', { id: quizId }) })

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" style={{ rowGap: 12, columnGap: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('quizadmin.grading.title')}
        </Typography.Title>
        <Select<number>
          allowClear
          placeholder={t('quizadmin.grading.all_quizzes')}
          value={quizId}
          onChange={(v) => setSp(v ? { quiz: String(v) } : {}, { replace: true })}
          options={options}
          style={{ minWidth: 260, maxWidth: '100%' }}
          data-testid="grading-quiz"
        />
      </Row>
      {error ? <Alert type="error" showIcon message={quizErrorText(t, error)} /> : null}
      {loading && !data ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('quizadmin.grading.none')} />
        </Card>
      ) : (
        <>
          <Typography.Text type="secondary" data-testid="grading-count">
            {t('quizadmin.grading.waiting', { count: items.length })}
          </Typography.Text>
          {items.map((it) => (
            <GradeCard key={keyOf(it)} item={it} lang={lang} onGraded={() => setDone((s) => new Set(s).add(keyOf(it)))} />
          ))}
        </>
      )}
    </Space>
  )
}

interface GradeValues {
  awarded: number | null
  comment: string
}

function GradeCard({ item, lang, onGraded }: { item: GradingItem; lang: string; onGraded(): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<GradeValues>()
  const [saving, setSaving] = useState(false)

  const submit = async (v: GradeValues) => {
    setSaving(true)
    try {
      const r = await gradeAnswer(item.attempt_id, { slot: item.slot, awarded: v.awarded ?? 0, comment: (v.comment ?? '').trim() })
      message.success(
        r.needs_grading || r.percent === null
          ? t('quizadmin.grading.saved')
          : t('quizadmin.grading.saved_result', {
              name: item.person_name,
              percent: numberText(r.percent, lang),
              result: t(r.passed ? 'quizadmin.attempts.pass' : 'quizadmin.attempts.fail'),
            }),
      )
      onGraded()
    } catch (e) {
      message.error(quizErrorText(t, e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card
      size="small"
      data-testid="grading-item"
      title={
        <span style={{ whiteSpace: 'normal' }}>
          {pick(item.quiz_title_vi, item.quiz_title_en, lang)}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {' · '}
            {t('quizadmin.grading.question_n', { n: item.slot + 1, name: item.question_name })}
          </Typography.Text>
        </span>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.person_name} · {formatDateTime(item.finished_at)}
        </Typography.Text>
      }
    >
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Html html={item.text} />
        {item.grader_info && (
          <Collapse
            size="small"
            items={[
              {
                key: 'info',
                label: t('quizadmin.grading.grader_info'),
                children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{item.grader_info}</Typography.Paragraph>,
              },
            ]}
          />
        )}
        <div>
          <Typography.Text strong>{t('quizadmin.grading.answer', { name: item.person_name })}</Typography.Text>
          <div
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', background: 'rgba(0,0,0,0.03)', padding: '8px 12px', borderRadius: 6, marginTop: 4 }}
            lang="vi"
            data-testid="grading-answer"
          >
            {item.response_text || <Typography.Text type="secondary">{t('quizadmin.grading.no_answer')}</Typography.Text>}
          </div>
        </div>
        <Form<GradeValues> form={form} layout="vertical" onFinish={submit} initialValues={{ awarded: null, comment: '' }}>
          <Row gutter={16} align="bottom">
            <Form.Item
              name="awarded"
              label={t('quizadmin.grading.awarded', { mark: numberText(item.mark, lang, 2) })}
              rules={[{ required: true, message: t('validation.required') }]}
              style={{ paddingInline: 8 }}
            >
              <InputNumber min={0} max={item.mark} step={0.25} style={{ width: 140 }} suffix={`/ ${numberText(item.mark, lang, 2)}`} data-testid="grading-awarded" />
            </Form.Item>
            <Form.Item name="comment" label={t('quizadmin.grading.comment')} style={{ flex: '1 1 280px', paddingInline: 8 }} rules={[{ max: 5000, message: t('validation.max', { max: 5000 }) }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={5000} />
            </Form.Item>
            <Form.Item style={{ paddingInline: 8 }}>
              <Button type="primary" htmlType="submit" icon={<CheckOutlined />} loading={saving} data-testid="grading-save">
                {t('quizadmin.grading.save')}
              </Button>
            </Form.Item>
          </Row>
        </Form>
      </Space>
    </Card>
  )
}
