import { useState } from 'react'
import { Alert, Button, Col, Drawer, Grid, Result, Row, Select, Space, Statistic, Steps, Table, Typography, Upload } from 'antd'
import { InboxOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ApiError, importQuestions, previewQuestionImport } from '../../api/client'
import {
  QUESTION_IMPORT_FORMATS,
  type QuestionImportFormat,
  type QuestionImportPreview,
  type QuestionImportResult,
  type QuestionPreviewItem,
  type QuestionProblem,
} from '../../api/types'
import { bankErrorText, TypeTag } from './labels'
import { previewOf, sortedProblems } from './questions'

interface Props {
  categoryId: number
  /** the target category, root first */
  categoryPath: string[]
  onClose(): void
  /** called once questions were written, so that the tree and the list refresh */
  onImported(): void
}

/** Outcome is the result screen: what was written, or why nothing was. */
type Outcome = { ok: QuestionImportResult } | { refused: unknown; preview: QuestionImportPreview | null }

const ACCEPT = '.gift,.txt,.xml,.csv,.xlsx,text/plain,text/csv,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * ImportDrawer is the question import wizard, after the people import:
 * choose a file → check it (the server parses it and lists every problem by
 * line) → import the whole file into the selected category, or nothing.
 */
export function ImportDrawer({ categoryId, categoryPath, onClose, onImported }: Props) {
  const { t } = useTranslation()
  const mobile = Grid.useBreakpoint().md === false
  const [step, setStep] = useState(0)
  const [file, setFile] = useState<File | null>(null)
  const [format, setFormat] = useState<QuestionImportFormat | undefined>(undefined)
  const [preview, setPreview] = useState<QuestionImportPreview | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const reset = () => {
    setStep(0)
    setFile(null)
    setPreview(null)
    setOutcome(null)
    setError(null)
  }

  const check = async () => {
    if (!file) return
    setBusy(true)
    setError(null)
    try {
      setPreview(await previewQuestionImport(file, format))
      setStep(1)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const start = async () => {
    if (!file) return
    setBusy(true)
    setError(null)
    try {
      const r = await importQuestions(file, categoryId, format)
      setOutcome({ ok: r })
      setStep(2)
      onImported()
    } catch (e) {
      // The server refuses the whole file (it changed since the check, or holds nothing): say so on the result screen.
      if (e instanceof ApiError && (e.code === 'import_has_errors' || e.code === 'import_empty')) {
        setOutcome({ refused: e, preview: previewOf(e) })
        setStep(2)
      } else {
        setError(e)
      }
    } finally {
      setBusy(false)
    }
  }

  const steps = ['file', 'preview', 'result'].map((s) => ({ title: t(`bank.import.step.${s}`) }))
  const target = categoryPath.join(' / ')

  return (
    <Drawer
      open
      width={mobile ? '100%' : 880}
      title={t('bank.import.title')}
      onClose={onClose}
      destroyOnHidden
      data-testid="bank-import"
    >
      <Steps current={step} items={steps} size="small" responsive={false} style={{ marginBottom: 24 }} />
      {error ? <Alert type="error" showIcon message={bankErrorText(t, error)} style={{ marginBottom: 16 }} data-testid="bank-import-error" /> : null}
      {step === 0 && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            message={t('bank.import.target', { category: target })}
            description={t('bank.import.intro')}
            data-testid="bank-import-target"
          />
          <div data-testid="bank-import-file">
            <Upload.Dragger
              accept={ACCEPT}
              maxCount={1}
              multiple={false}
              fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
              beforeUpload={(f) => {
                setFile(f)
                setError(null)
                return false
              }}
              onRemove={() => setFile(null)}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">{t('bank.import.drop_hint')}</p>
            </Upload.Dragger>
          </div>
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text>{t('bank.import.format')}</Typography.Text>
            <Select<QuestionImportFormat>
              allowClear
              value={format}
              onChange={(v) => setFormat(v)}
              placeholder={t('bank.import.format_auto')}
              options={QUESTION_IMPORT_FORMATS.map((f) => ({ value: f, label: t(`bank.format.${f}`) }))}
              style={{ width: '100%', maxWidth: 320 }}
              data-testid="bank-import-format"
            />
          </Space>
          <Button type="primary" disabled={!file} loading={busy} onClick={check} data-testid="bank-import-check">
            {t('import.check')}
          </Button>
        </Space>
      )}
      {step === 1 && preview && (
        <PreviewStep preview={preview} busy={busy} onBack={reset} onImport={start} />
      )}
      {step === 2 && outcome && (
        <OutcomeStep outcome={outcome} target={target} filename={file?.name ?? ''} onAgain={reset} onClose={onClose} />
      )}
    </Drawer>
  )
}

function PreviewStep(props: { preview: QuestionImportPreview; busy: boolean; onBack(): void; onImport(): void }) {
  const { t } = useTranslation()
  const p = props.preview
  const problems = p.problems.length
  const empty = p.total === 0 && problems === 0
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="bank-preview">
      <Row gutter={[24, 12]}>
        <Col>
          <Statistic title={t('import.file')} value={p.filename} valueStyle={{ fontSize: 16, overflowWrap: 'anywhere' }} />
        </Col>
        <Col>
          <Statistic title={t('bank.import.format_found')} value={t(`bank.format.${p.format}`, { defaultValue: p.format })} valueStyle={{ fontSize: 16 }} />
        </Col>
        <Col>
          <Statistic title={t('bank.import.questions')} value={p.total} />
        </Col>
        <Col>
          <Statistic title={t('bank.import.problems')} value={problems} valueStyle={{ color: problems ? '#cf1322' : undefined }} />
        </Col>
      </Row>
      {problems > 0 ? (
        <>
          <Alert type="error" showIcon message={t('bank.import.has_problems')} data-testid="bank-preview-has-problems" />
          <ProblemTable problems={p.problems} />
        </>
      ) : empty ? (
        <Alert type="warning" showIcon message={t('bank.errors.import_empty')} />
      ) : (
        <Alert type="success" showIcon message={t('bank.import.no_problems', { count: p.total })} />
      )}
      {p.questions.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('bank.import.questions_found', { count: p.questions.length })}
          </Typography.Title>
          <QuestionTable questions={p.questions} />
        </>
      )}
      <Space wrap>
        <Button onClick={props.onBack}>{t('bank.import.other_file')}</Button>
        <Button
          type="primary"
          loading={props.busy}
          disabled={problems > 0 || p.total === 0}
          onClick={props.onImport}
          data-testid="bank-import-start"
        >
          {t('bank.import.start', { count: p.total })}
        </Button>
      </Space>
    </Space>
  )
}

function ProblemTable({ problems }: { problems: QuestionProblem[] }) {
  const { t } = useTranslation()
  return (
    <div data-testid="bank-problems">
      <Table<QuestionProblem & { key: number }>
        size="small"
        dataSource={sortedProblems(problems).map((pr, i) => ({ ...pr, key: i }))}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          {
            key: 'line',
            title: t('bank.import.line'),
            dataIndex: 'line',
            width: 80,
            render: (l: number) => (l > 0 ? l : <Typography.Text type="secondary">{t('bank.import.whole_file')}</Typography.Text>),
          },
          { key: 'message', title: t('bank.import.problem'), dataIndex: 'message' },
        ]}
      />
    </div>
  )
}

function QuestionTable({ questions }: { questions: QuestionPreviewItem[] }) {
  const { t } = useTranslation()
  return (
    <div data-testid="bank-preview-questions">
      <Table<QuestionPreviewItem & { key: number }>
        size="small"
        dataSource={questions.map((q, i) => ({ ...q, key: i }))}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { key: 'line', title: t('bank.import.line'), dataIndex: 'line', width: 70 },
          {
            key: 'name',
            title: t('bank.field.question'),
            render: (_, q) => (
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{q.name}</Typography.Text>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                  {q.text}
                </Typography.Paragraph>
              </div>
            ),
          },
          { key: 'type', title: t('bank.field.type'), dataIndex: 'type', width: 130, render: (ty) => <TypeTag type={ty} /> },
          {
            key: 'category',
            title: t('bank.import.sub_category'),
            dataIndex: 'category',
            width: 180,
            responsive: ['md'],
            render: (c: string) => c || <Typography.Text type="secondary">—</Typography.Text>,
          },
        ]}
      />
    </div>
  )
}

function OutcomeStep(props: { outcome: Outcome; target: string; filename: string; onAgain(): void; onClose(): void }) {
  const { t } = useTranslation()
  const { outcome } = props
  const actions = [
    <Button key="again" onClick={props.onAgain} data-testid="bank-import-again">
      {t('bank.import.again')}
    </Button>,
    <Button key="close" type="primary" onClick={props.onClose} data-testid="bank-import-close">
      {t('bank.import.close')}
    </Button>,
  ]
  if ('ok' in outcome) {
    const r = outcome.ok
    return (
      <div data-testid="bank-import-result">
        <Result
          status="success"
          title={t('bank.import.done', { count: r.created })}
          subTitle={
            <>
              {t('bank.import.done_into', { file: props.filename, category: props.target })}
              {r.categories_created > 0 && (
                <>
                  <br />
                  {t('bank.import.categories_created', { count: r.categories_created })}
                </>
              )}
            </>
          }
          extra={actions}
        />
      </div>
    )
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="bank-import-result">
      <Result status="error" title={t('bank.import.refused')} subTitle={bankErrorText(t, outcome.refused)} extra={actions} />
      {outcome.preview && outcome.preview.problems.length > 0 && <ProblemTable problems={outcome.preview.problems} />}
    </Space>
  )
}
