import { useEffect, useMemo, useState } from 'react'
import { Link } from 'react-router'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Progress,
  Radio,
  Result,
  Row,
  Space,
  Statistic,
  Steps,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd'
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ApiError, getImport, importTemplate, previewImport, startImport } from '../../api/client'
import type { FileFormat, ImportJob, ImportMode, ImportPreview, PreviewRow, RowError } from '../../api/types'
import { errorText } from '../../app/errors'
import { saveFile } from '../../lib/download'
import { fieldLabel, RowErrors, rowErrorText } from './rowErrors'

const POLL_MS = 500

export default function ImportPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [step, setStep] = useState(0)
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [onlyErrors, setOnlyErrors] = useState(false)
  const [mode, setMode] = useState<ImportMode>('valid_only')
  const [job, setJob] = useState<ImportJob | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const reset = () => {
    setStep(0)
    setFile(null)
    setPreview(null)
    setJob(null)
    setError(null)
    setOnlyErrors(false)
  }

  const template = async (format: FileFormat) => {
    try {
      saveFile(await importTemplate(format))
    } catch (e) {
      message.error(errorText(t, e))
    }
  }

  const check = async () => {
    if (!file) return
    setBusy(true)
    setError(null)
    try {
      const p = await previewImport(file)
      setPreview(p)
      setMode(p.invalid === 0 ? 'all' : 'valid_only')
      setOnlyErrors(p.invalid > 0)
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
      const j = await startImport(file, mode)
      setJob(j)
      setStep(j.status === 'done' || j.status === 'failed' ? 4 : 3)
    } catch (e) {
      setError(e)
      if (e instanceof ApiError && e.code === 'import_has_errors') setMode('valid_only')
    } finally {
      setBusy(false)
    }
  }

  // Poll the job until it is done or failed.
  const jobId = job?.id
  const finished = job?.status === 'done' || job?.status === 'failed'
  useEffect(() => {
    if (jobId === undefined || finished) return
    let live = true
    const id = setInterval(async () => {
      try {
        const j = await getImport(jobId)
        if (!live) return
        setJob(j)
        if (j.status === 'done' || j.status === 'failed') setStep(4)
      } catch (e) {
        if (!live) return
        setError(e)
        // A refused or vanished job will not come back: stop asking.
        if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
          live = false
          clearInterval(id)
        }
      }
    }, POLL_MS)
    return () => {
      live = false
      clearInterval(id)
    }
  }, [jobId, finished])

  const steps = ['file', 'preview', 'mode', 'progress', 'result'].map((s) => ({ title: t(`import.step.${s}`) }))

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Card>
        <Steps current={step} items={steps} size="small" style={{ marginBottom: 24 }} />
        {error ? (
          <Alert type="error" showIcon message={errorText(t, error)} style={{ marginBottom: 16 }} data-testid="import-error" />
        ) : null}
        {step === 0 && (
          <ChooseFile
            file={file}
            onFile={(f) => {
              setFile(f)
              setError(null)
            }}
            onTemplate={template}
            onNext={check}
            busy={busy}
          />
        )}
        {step === 1 && preview && (
          <PreviewStep
            preview={preview}
            onlyErrors={onlyErrors}
            setOnlyErrors={setOnlyErrors}
            onBack={() => setStep(0)}
            onNext={() => setStep(2)}
          />
        )}
        {step === 2 && preview && (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
              <Space direction="vertical">
                <Radio value="all" disabled={preview.invalid > 0} data-testid="mode-all">
                  {t('import.mode.all', { count: preview.total })}
                  {preview.invalid > 0 && (
                    <Typography.Text type="secondary"> — {t('import.mode.all_blocked', { count: preview.invalid })}</Typography.Text>
                  )}
                </Radio>
                <Radio value="valid_only" disabled={preview.valid === 0} data-testid="mode-valid-only">
                  {t('import.mode.valid_only', { count: preview.valid })}
                  {preview.invalid > 0 && (
                    <Typography.Text type="secondary"> — {t('import.mode.skipped', { count: preview.invalid })}</Typography.Text>
                  )}
                </Radio>
              </Space>
            </Radio.Group>
            <Space>
              <Button onClick={() => setStep(1)}>{t('common.back')}</Button>
              <Button type="primary" loading={busy} onClick={start} disabled={preview.valid === 0} data-testid="import-start">
                {t('import.start')}
              </Button>
            </Space>
          </Space>
        )}
        {step === 3 && job && <ProgressStep job={job} />}
        {step === 4 && job && <ResultStep job={job} onAgain={reset} />}
      </Card>
    </Space>
  )
}

function ChooseFile(props: {
  file: File | null
  onFile(f: File | null): void
  onTemplate(f: FileFormat): void
  onNext(): void
  busy: boolean
}) {
  const { t } = useTranslation()
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message={t('import.intro')}
        description={
          <Space wrap>
            <span>{t('import.template')}:</span>
            <Button size="small" icon={<DownloadOutlined />} onClick={() => props.onTemplate('csv')}>
              CSV
            </Button>
            <Button size="small" icon={<DownloadOutlined />} onClick={() => props.onTemplate('xlsx')}>
              Excel (XLSX)
            </Button>
          </Space>
        }
      />
      <div data-testid="import-file">
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          multiple={false}
          fileList={props.file ? [{ uid: 'f', name: props.file.name, status: 'done' }] : []}
          beforeUpload={(f) => {
            props.onFile(f)
            return false
          }}
          onRemove={() => props.onFile(null)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.drop_hint')}</p>
        </Upload.Dragger>
      </div>
      <Button type="primary" disabled={!props.file} loading={props.busy} onClick={props.onNext} data-testid="import-check">
        {t('import.check')}
      </Button>
    </Space>
  )
}

function PreviewStep(props: {
  preview: ImportPreview
  onlyErrors: boolean
  setOnlyErrors(v: boolean): void
  onBack(): void
  onNext(): void
}) {
  const { t } = useTranslation()
  const { preview: p } = props
  const rows = useMemo(() => (props.onlyErrors ? p.rows.filter((r) => r.errors.length > 0) : p.rows), [p, props.onlyErrors])
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col>
          <Statistic title={t('import.file')} value={p.filename} valueStyle={{ fontSize: 16 }} />
        </Col>
        <Col>
          <Statistic title={t('import.total')} value={p.total} />
        </Col>
        <Col>
          <Statistic title={t('import.valid')} value={p.valid} valueStyle={{ color: '#389e0d' }} />
        </Col>
        <Col>
          <Statistic title={t('import.invalid')} value={p.invalid} valueStyle={{ color: p.invalid ? '#cf1322' : undefined }} />
        </Col>
      </Row>
      {p.ignored_columns && p.ignored_columns.length > 0 && (
        <Alert type="info" showIcon message={t('import.ignored_columns', { columns: p.ignored_columns.join(', ') })} />
      )}
      {p.invalid > 0 ? (
        <Alert type="warning" showIcon message={t('import.has_errors', { count: p.invalid })} data-testid="preview-has-errors" />
      ) : (
        <Alert type="success" showIcon message={t('import.no_errors')} />
      )}
      <Space>
        <Switch checked={props.onlyErrors} onChange={props.setOnlyErrors} data-testid="only-errors" />
        <Typography.Text>{t('import.only_errors')}</Typography.Text>
      </Space>
      <div data-testid="preview-table">
        <Table<PreviewRow>
          rowKey="row"
          size="small"
          dataSource={rows}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            { title: t('import.row'), dataIndex: 'row', width: 70 },
            { title: t('people.field.code'), dataIndex: 'code', width: 120 },
            { title: t('people.field.full_name'), dataIndex: 'full_name' },
            { title: t('import.agency_code'), dataIndex: 'agency_code', width: 120 },
            {
              title: t('import.action'),
              dataIndex: 'action',
              width: 110,
              render: (a: string, r) => (
                <Tooltip
                  title={
                    a === 'update' && r.changes
                      ? r.changes.length
                        ? t('import.changes', { fields: r.changes.map((f) => fieldLabel(t, f)).join(', ') })
                        : t('import.no_changes')
                      : undefined
                  }
                >
                  <Tag color={a === 'create' ? 'green' : 'blue'}>{t(`import.action_${a}`)}</Tag>
                </Tooltip>
              ),
            },
            { title: t('import.errors'), dataIndex: 'errors', render: (e: RowError[]) => <RowErrors errors={e} /> },
          ]}
        />
      </div>
      <Space>
        <Button onClick={props.onBack}>{t('common.back')}</Button>
        <Button type="primary" onClick={props.onNext} disabled={p.valid === 0} data-testid="preview-next">
          {t('common.next')}
        </Button>
      </Space>
    </Space>
  )
}

function ProgressStep({ job }: { job: ImportJob }) {
  const { t } = useTranslation()
  const percent = job.total > 0 ? Math.floor((job.processed / job.total) * 100) : job.status === 'done' ? 100 : 0
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 640 }}>
      <Typography.Text>{t(`import.status.${job.status}`)}</Typography.Text>
      <Progress percent={percent} status="active" data-testid="import-progress" />
      <Typography.Text type="secondary">{t('import.processed', { processed: job.processed, total: job.total })}</Typography.Text>
    </Space>
  )
}

interface FlatError extends RowError {
  key: string
  row: number
}

function ResultStep({ job, onAgain }: { job: ImportJob; onAgain(): void }) {
  const { t } = useTranslation()
  const errors: FlatError[] = job.report.flatMap((r) =>
    r.errors.map((e, i) => ({ ...e, row: r.row, key: `${r.row}-${i}` })),
  )
  const failed = job.status === 'failed'
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="import-result">
      <Result
        status={failed ? 'error' : errors.length ? 'warning' : 'success'}
        title={t(failed ? 'import.result.failed' : 'import.result.done')}
        subTitle={failed ? job.error : job.filename}
        extra={[
          <Button key="again" type="primary" onClick={onAgain}>
            {t('import.again')}
          </Button>,
          <Link key="people" to="/people">
            <Button>{t('import.to_people')}</Button>
          </Link>,
        ]}
      />
      <Row gutter={32} justify="center">
        <Col>
          <Statistic title={t('import.result.created')} value={job.created} />
        </Col>
        <Col>
          <Statistic title={t('import.result.updated')} value={job.updated} />
        </Col>
        {job.unchanged !== undefined && job.unchanged > 0 && (
          <Col>
            <Statistic title={t('import.result.unchanged')} value={job.unchanged} />
          </Col>
        )}
        <Col>
          <Statistic title={t('import.result.skipped')} value={job.skipped} />
        </Col>
      </Row>
      {errors.length > 0 && (
        <>
          <Typography.Title level={5}>{t('import.report')}</Typography.Title>
          <div data-testid="import-report">
            <Table<FlatError>
              size="small"
              dataSource={errors}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 80 },
                { title: t('import.field'), dataIndex: 'field', width: 200, render: (f: string) => fieldLabel(t, f) },
                { title: t('import.message'), key: 'message', render: (_, e) => rowErrorText(t, e) },
              ]}
            />
          </div>
        </>
      )}
    </Space>
  )
}
