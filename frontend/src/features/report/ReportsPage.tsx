import { useEffect, useState } from 'react'
import { Alert, App, Button, Card, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd'
import { DiffOutlined, DownloadOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { listReports, reportFile } from '../../api/client'
import type { ReportFormat, ReportRun } from '../../api/types'
import { errorText } from '../../app/errors'
import { saveFile } from '../../lib/download'
import { formatDate, formatDateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { isPending, progress } from './reports'
import { PeriodLabel } from './PeriodLabel'
import { ReportForm } from './ReportForm'
import { CompareDrawer, RunDrawer } from './RunViews'

const PAGE_SIZE = 20
const FORMATS: ReportFormat[] = ['xlsx', 'pdf', 'csv']
const statusColors: Record<ReportRun['status'], string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' }

/**
 * ReportsPage ("Báo cáo 6 tháng") makes the six-monthly report on the
 * decision's targets and keeps every run: progress while the server makes
 * it, then its XLSX, PDF and CSV, its frozen figures, and two runs side by
 * side.
 */
export default function ReportsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [page, setPage] = useState(1)
  const [tick, setTick] = useState(0)
  const list = useLoad((signal) => listReports(page, PAGE_SIZE, signal), [page, tick])
  const [shown, setShown] = useState<number | null>(null)
  const [picked, setPicked] = useState<ReportRun[]>([])
  const [comparing, setComparing] = useState<[ReportRun, ReportRun] | null>(null)
  const [downloading, setDownloading] = useState<string | null>(null)

  // While a run is being made, the list follows its progress.
  const pending = (list.data?.items ?? []).some(isPending)
  useEffect(() => {
    if (!pending) return
    const timer = setTimeout(() => setTick((n) => n + 1), 1500)
    return () => clearTimeout(timer)
  }, [pending, list.data])

  const download = async (r: ReportRun, f: ReportFormat) => {
    setDownloading(`${r.id}.${f}`)
    try {
      saveFile(await reportFile(r.id, f))
    } catch (e) {
      message.error(errorText(t, e))
    } finally {
      setDownloading(null)
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('reports.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('reports.subtitle')}</Typography.Text>
      </div>
      <ReportForm
        onCreated={() => {
          setPage(1)
          setTick((n) => n + 1)
        }}
      />
      <Card
        size="small"
        title={t('reports.history')}
        extra={
          <Space>
            <Tooltip title={picked.length === 2 ? '' : t('reports.compare_hint')}>
              <Button
                icon={<DiffOutlined />}
                disabled={picked.length !== 2}
                onClick={() => setComparing([picked[0], picked[1]])}
                data-testid="report-compare-button"
              >
                {t('reports.compare')}
              </Button>
            </Tooltip>
            <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('reports.reload')} />
          </Space>
        }
      >
        {list.error !== null && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errorText(t, list.error)} />}
        <Table<ReportRun>
          size="small"
          rowKey="id"
          loading={list.loading && !list.data}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('reports.empty') }}
          data-testid="report-runs"
          rowSelection={{
            selectedRowKeys: picked.map((r) => r.id),
            getCheckboxProps: (r) => ({ disabled: r.status !== 'done' || (picked.length >= 2 && !picked.some((p) => p.id === r.id)) }),
            onChange: (_, rows) => setPicked(rows.slice(-2)),
            hideSelectAll: true,
          }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: t('reports.period'),
              render: (_, r) => (
                <span>
                  <PeriodLabel code={r.period} />
                  <br />
                  <Typography.Text type="secondary">{t('reports.as_of_short', { date: formatDate(r.as_of) })}</Typography.Text>
                </span>
              ),
            },
            { title: t('reports.scope'), render: (_, r) => r.agency_name ?? t('targets.province') },
            {
              title: t('reports.status_col'),
              width: 190,
              render: (_, r) =>
                isPending(r) ? (
                  <Space direction="vertical" size={0} style={{ width: 160 }} data-testid={`report-progress-${r.id}`}>
                    <Tag color={statusColors[r.status]}>{t(`reports.status.${r.status}`)}</Tag>
                    <Progress percent={progress(r)} size="small" />
                  </Space>
                ) : (
                  <Tooltip title={r.error ? t('reports.failed_hint') : ''}>
                    <Tag color={statusColors[r.status]} data-testid={`report-status-${r.id}`}>
                      {t(`reports.status.${r.status}`)}
                    </Tag>
                  </Tooltip>
                ),
            },
            {
              title: t('reports.created'),
              render: (_, r) => (
                <span>
                  {r.created_by || '—'}
                  <br />
                  <Typography.Text type="secondary">{formatDateTime(r.created_at)}</Typography.Text>
                </span>
              ),
            },
            {
              title: t('reports.files'),
              render: (_, r) =>
                r.status === 'done' ? (
                  <Space size={4} wrap>
                    {FORMATS.map((f) => (
                      <Button
                        key={f}
                        size="small"
                        icon={<DownloadOutlined />}
                        loading={downloading === `${r.id}.${f}`}
                        onClick={() => download(r, f)}
                        data-testid={`report-${f}-${r.id}`}
                      >
                        {f.toUpperCase()}
                      </Button>
                    ))}
                    <Button size="small" icon={<EyeOutlined />} onClick={() => setShown(r.id)} data-testid={`report-view-${r.id}`}>
                      {t('reports.view')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <RunDrawer id={shown} onClose={() => setShown(null)} />
      <CompareDrawer runs={comparing} onClose={() => setComparing(null)} />
    </Space>
  )
}
