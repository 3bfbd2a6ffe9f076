import { useEffect, useState } from 'react'
import { Alert, AutoComplete, Card, Col, DatePicker, Row, Select, Space, Table, Tag, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { listAudit } from '../../api/client'
import { AUDIT_ACTIONS, type AuditEntry, type AuditQuery, type ListResponse } from '../../api/types'
import { errorText } from '../../app/errors'
import { DATE_FORMAT, formatDateTime } from '../../lib/format'
import { diffRows, show } from './diff'

const ENTITY_TYPES = ['user', 'person', 'agency', 'import']

export default function AuditPage() {
  const { t } = useTranslation()
  const [query, setQuery] = useState<AuditQuery>({ page: 1, page_size: 20 })
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null)
  const [entityType, setEntityType] = useState('')
  const [data, setData] = useState<ListResponse<AuditEntry> | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    let live = true
    setLoading(true)
    listAudit(query)
      .then((r) => {
        if (!live) return
        setData(r)
        setError(null)
      })
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [query])

  // Typing an entity type filters a moment after typing stops.
  useEffect(() => {
    if ((query.entity_type ?? '') === entityType.trim()) return
    const id = setTimeout(() => setQuery((q) => ({ ...q, entity_type: entityType.trim() || undefined, page: 1 })), 300)
    return () => clearTimeout(id)
  }, [entityType, query.entity_type])

  const actionLabel = (a: string) => t(`audit.actions.${a}`, { defaultValue: a })

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card size="small">
        <Space wrap size="middle">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.filter.action')}
            style={{ width: 260 }}
            value={query.action}
            onChange={(v) => setQuery((q) => ({ ...q, action: v, page: 1 }))}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
          />
          <AutoComplete
            allowClear
            placeholder={t('audit.filter.entity_type')}
            style={{ width: 200 }}
            value={entityType}
            onChange={(v) => setEntityType(v ?? '')}
            options={ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entities.${e}`, { defaultValue: e }) }))}
          />
          <DatePicker.RangePicker
            format={DATE_FORMAT}
            value={range}
            placeholder={[t('audit.filter.from'), t('audit.filter.to')]}
            onChange={(r) => {
              setRange(r)
              setQuery((q) => ({
                ...q,
                from: r?.[0]?.format('YYYY-MM-DD'),
                to: r?.[1]?.format('YYYY-MM-DD'),
                page: 1,
              }))
            }}
          />
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      <div data-testid="audit-table">
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{
            current: query.page,
            pageSize: query.page_size,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('common.total', { count: n }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, page_size: pageSize })),
          }}
          expandable={{
            expandedRowRender: (r) => <Change entry={r} />,
            rowExpandable: (r) => r.before != null || r.after != null,
          }}
          columns={[
            { title: t('audit.field.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v, true) },
            { title: t('audit.field.actor'), dataIndex: 'actor_name', render: (v: string) => v || '—' },
            { title: t('audit.field.action'), dataIndex: 'action', render: (a: string) => <Tag color={actionColor(a)}>{actionLabel(a)}</Tag> },
            {
              title: t('audit.field.entity'),
              key: 'entity',
              render: (_, r) =>
                r.entity_type
                ? `${t(`audit.entities.${r.entity_type}`, { defaultValue: r.entity_type })}${r.entity_id ? ` #${r.entity_id}` : ''}`
                : '—',
            },
            { title: t('audit.field.client'), dataIndex: 'client', ellipsis: true },
            {
              title: t('audit.field.request_id'),
              dataIndex: 'request_id',
              ellipsis: true,
              render: (v: string) => <Typography.Text type="secondary" className="mono">{v}</Typography.Text>,
            },
          ]}
        />
      </div>
    </Space>
  )
}

function actionColor(action: string): string | undefined {
  if (action.endsWith('_failed')) return 'red'
  if (action.endsWith('.created') || action.endsWith('.activated') || action.endsWith('.imported')) return 'green'
  if (action.endsWith('.deactivated') || action.endsWith('password_reset')) return 'orange'
  if (action.endsWith('.updated') || action.endsWith('password_changed')) return 'blue'
  return undefined
}

/** Change shows an entry's before and after side by side, changed keys highlighted. */
function Change({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation()
  const rows = diffRows(entry.before, entry.after)
  if (!rows) {
    return (
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <pre className="mono">{show(entry.before)}</pre>
        </Col>
        <Col span={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <pre className="mono">{show(entry.after)}</pre>
        </Col>
      </Row>
    )
  }
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      rowClassName={(r) => (r.changed ? 'audit-changed' : '')}
      columns={[
        { title: t('audit.key'), dataIndex: 'key', width: 200, render: (k: string) => <span className="mono">{k}</span> },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: unknown) => <span className="mono">{entry.before == null ? '' : show(v)}</span>,
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: unknown) => <span className="mono">{entry.after == null ? '' : show(v)}</span>,
        },
      ]}
    />
  )
}
