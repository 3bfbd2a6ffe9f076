import { Alert, Descriptions, Drawer, Spin, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { getReport } from '../../api/client'
import type { ReportRun, TargetValue } from '../../api/types'
import { errorText } from '../../app/errors'
import { formatDate, formatDateTime, formatPercent } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { pick } from '../course/progress'
import { shownStatus, statusColor } from '../target/targets'
import { compare, ordered, previousOf } from './reports'
import { PeriodLabel } from './PeriodLabel'

function Value({ v }: { v: TargetValue | null | undefined }) {
  const { i18n } = useTranslation()
  if (!v) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <span>
      <Typography.Text strong={v.met}>{formatPercent(v.percent, i18n.language)}</Typography.Text>{' '}
      <Typography.Text type="secondary">
        ({v.numerator}/{v.denominator})
      </Typography.Text>
    </span>
  )
}

function Status({ v }: { v: TargetValue | null | undefined }) {
  const { t } = useTranslation()
  if (!v) return null
  const s = shownStatus(v)
  return <Tag color={statusColor[s]}>{t(`targets.status.${s}`)}</Tag>
}

/** RunDrawer shows a finished run's frozen figures: each target now and in the previous period. */
export function RunDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation()
  const run = useLoad((signal) => (id === null ? Promise.resolve(null) : getReport(id, signal)), [id])
  const d = run.data?.data
  return (
    <Drawer open={id !== null} onClose={onClose} width={900} title={t('reports.figures')} destroyOnClose>
      {run.error !== null && <Alert type="error" showIcon message={errorText(t, run.error)} />}
      {run.loading && !d && <Spin />}
      {run.data && d && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('reports.period')}>
              <PeriodLabel code={d.period} />
            </Descriptions.Item>
            <Descriptions.Item label={t('reports.scope')}>{d.scope.name}</Descriptions.Item>
            <Descriptions.Item label={t('reports.as_of')}>{formatDate(d.as_of)}</Descriptions.Item>
            <Descriptions.Item label={t('reports.previous')}>{formatDate(d.previous.end)}</Descriptions.Item>
            <Descriptions.Item label={t('reports.computed')}>{formatDateTime(d.created)}</Descriptions.Item>
            <Descriptions.Item label={t('reports.created_by')}>{run.data.created_by || '—'}</Descriptions.Item>
          </Descriptions>
          <Table<TargetValue>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={d.targets}
            data-testid="report-figures"
            columns={[
              { title: t('reports.col.target'), render: (_, v) => <><Typography.Text code>{v.code}</Typography.Text> {pick(v.text_vi, v.text_en, i18n.language)}</> },
              { title: t('reports.col.previous'), width: 130, render: (_, v) => <Value v={previousOf(d, v.code)} /> },
              { title: t('reports.col.now'), width: 130, render: (_, v) => <Value v={v} /> },
              { title: t('reports.col.status'), width: 140, render: (_, v) => <Status v={v} /> },
            ]}
          />
        </>
      )}
    </Drawer>
  )
}

/** CompareDrawer puts two runs' figures side by side, the earlier on the left, with the change in points. */
export function CompareDrawer({ runs, onClose }: { runs: [ReportRun, ReportRun] | null; onClose: () => void }) {
  const { t, i18n } = useTranslation()
  const pair = runs ? ordered(runs[0], runs[1]) : null
  const loaded = useLoad(
    (signal) => (pair ? Promise.all([getReport(pair[0].id, signal), getReport(pair[1].id, signal)]) : Promise.resolve(null)),
    [pair?.[0].id, pair?.[1].id],
  )
  const [a, b] = loaded.data ?? [null, null]
  const rows = a?.data && b?.data ? compare(a.data, b.data) : []
  const heading = (r: ReportRun) => (
    <span>
      <PeriodLabel code={r.period} />
      <br />
      <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
        {r.agency_name ?? t('targets.province')} · {formatDate(r.as_of)}
      </Typography.Text>
    </span>
  )
  return (
    <Drawer open={runs !== null} onClose={onClose} width={960} title={t('reports.compare_title')} destroyOnClose>
      {loaded.error !== null && <Alert type="error" showIcon message={errorText(t, loaded.error)} />}
      {loaded.loading && <Spin />}
      {a && b && (
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={rows}
          data-testid="report-compare"
          columns={[
            { title: t('reports.col.target'), render: (_, r) => <><Typography.Text code>{r.code}</Typography.Text> {pick(r.text_vi, r.text_en, i18n.language)}</> },
            { title: heading(a), width: 170, render: (_, r) => <Value v={r.a} /> },
            { title: heading(b), width: 170, render: (_, r) => <Value v={r.b} /> },
            {
              title: t('reports.col.change'),
              width: 110,
              render: (_, r) =>
                r.delta === null ? (
                  '—'
                ) : (
                  <Typography.Text type={r.delta > 0 ? 'success' : r.delta < 0 ? 'danger' : undefined} data-testid={`delta-${r.code}`}>
                    {r.delta > 0 ? '+' : ''}
                    {formatPercent(r.delta, i18n.language).replace('%', '')} {t('reports.points')}
                  </Typography.Text>
                ),
            },
            { title: t('reports.col.status'), width: 140, render: (_, r) => <Status v={r.b} /> },
          ]}
        />
      )}
    </Drawer>
  )
}
