import { useEffect, useState } from 'react'
import { Alert, App, Button, Card, DatePicker, Input, Select, Space, Table, Tooltip, Typography } from 'antd'
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table'
import { CheckCircleOutlined, DownloadOutlined, SearchOutlined, StopOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { certificatePDF, listCertificates, listCertifications } from '../../api/client'
import type { Certificate, CertificateQuery } from '../../api/types'
import { errorText } from '../../app/errors'
import { useMe } from '../auth/AuthContext'
import { canRevokeCertificates } from '../auth/access'
import { AgencyTreeSelect } from '../org/AgencyTreeSelect'
import { saveFile } from '../../lib/download'
import { DATE_FORMAT, formatDate } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { useUrlQuery } from '../../lib/useUrlQuery'
import { pick } from '../course/progress'
import { ERROR_DAYS, WARN_DAYS } from './cert'
import { ExpiresOn, ExpiryTag, StatusTag, certName } from './labels'
import { ReasonModal, type ReasonAction } from './ReasonModal'
import { CertificatesToolbar, EvidenceButton } from '../certadmin/CertificateActions'

const STATUSES = ['valid', 'expired', 'revoked'] as const
type Status = (typeof STATUSES)[number]

/** readQuery turns the page's address into the list query, so filters survive reloads and links. */
function readQuery(sp: URLSearchParams): CertificateQuery & { page: number; page_size: number } {
  const num = (k: string) => (sp.get(k) && Number.isFinite(Number(sp.get(k))) ? Number(sp.get(k)) : undefined)
  const date = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(sp.get(k) ?? '') ? (sp.get(k) as string) : undefined)
  const status = sp.get('status') as Status | null
  const within = num('expires_within')
  return {
    q: sp.get('q') ?? undefined,
    agency_id: num('agency_id'),
    certification_id: num('certification_id'),
    status: status && STATUSES.includes(status) ? status : undefined,
    expires_within: within === WARN_DAYS || within === ERROR_DAYS ? within : undefined,
    from: date('from'),
    to: date('to'),
    page: num('page') ?? 1,
    page_size: num('page_size') ?? 20,
  }
}

/** CertificatesPage lists the certificates issued in the caller's scope; Home Affairs and admins revoke and reinstate them. */
export default function CertificatesPage() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const me = useMe()
  const { query, update, typed, setTyped } = useUrlQuery(readQuery)
  const { data, loading, error } = useLoad((signal) => listCertificates(query, signal), [query])
  const { data: certifications } = useLoad(() => listCertifications(), [])
  // Rows changed here since the page loaded: a revocation shows without reloading the page.
  const [changed, setChanged] = useState<Record<number, Certificate>>({})
  const [downloading, setDownloading] = useState<number | null>(null)
  const [acting, setActing] = useState<{ cert: Certificate; action: ReasonAction } | null>(null)
  const mayRevoke = canRevokeCertificates(me.role)

  useEffect(() => setChanged({}), [data])

  const rows = (data?.items ?? []).map((c) => changed[c.id] ?? c)

  const download = async (c: Certificate) => {
    setDownloading(c.id)
    try {
      saveFile(await certificatePDF(c.id))
    } catch (e) {
      message.error(errorText(t, e))
    } finally {
      setDownloading(null)
    }
  }

  const columns: ColumnsType<Certificate> = [
    { key: 'holder', title: t('cert.field.holder'), dataIndex: 'holder_name', fixed: 'left', width: 190 },
    { key: 'agency', title: t('cert.field.agency'), dataIndex: 'agency_name', ellipsis: { showTitle: true }, width: 220 },
    {
      key: 'certification',
      title: t('cert.field.certification'),
      render: (_, c) => certName(c, i18n.language),
      ellipsis: { showTitle: true },
      width: 240,
    },
    { key: 'serial', title: t('cert.field.serial'), dataIndex: 'serial', width: 170 },
    { key: 'register', title: t('cert.field.register_no'), dataIndex: 'register_no', width: 120 },
    { key: 'issued', title: t('cert.field.issued_on'), dataIndex: 'issued_on', render: (d: string) => formatDate(d), width: 110 },
    { key: 'expires', title: t('cert.field.expires_on'), dataIndex: 'expires_on', render: (d: string | null) => <ExpiresOn date={d} />, width: 120 },
    {
      key: 'status',
      title: t('cert.field.status'),
      width: 190,
      render: (_, c) => (
        <Space size={[4, 4]} wrap>
          <StatusTag cert={c} withReason />
          <ExpiryTag cert={c} />
        </Space>
      ),
    },
    {
      key: 'actions',
      title: '',
      fixed: 'right',
      width: mayRevoke ? 128 : 88,
      render: (_, c) => (
        <Space size={4}>
          {c.kind !== 'recorded' && (
            <Tooltip title={t('cert.download_pdf')}>
              <Button
                size="small"
                icon={<DownloadOutlined />}
                loading={downloading === c.id}
                onClick={() => download(c)}
                aria-label={t('cert.download_pdf')}
                data-testid="cert-pdf"
              />
            </Tooltip>
          )}
          <EvidenceButton cert={c} />
          {mayRevoke &&
            (c.status === 'revoked' ? (
              <Tooltip title={t('cert.reinstate.button')}>
                <Button
                  size="small"
                  icon={<CheckCircleOutlined />}
                  onClick={() => setActing({ cert: c, action: 'reinstate' })}
                  aria-label={t('cert.reinstate.button')}
                  data-testid="cert-reinstate"
                />
              </Tooltip>
            ) : (
              <Tooltip title={t('cert.revoke.button')}>
                <Button
                  size="small"
                  danger
                  icon={<StopOutlined />}
                  onClick={() => setActing({ cert: c, action: 'revoke' })}
                  aria-label={t('cert.revoke.button')}
                  data-testid="cert-revoke"
                />
              </Tooltip>
            ))}
        </Space>
      ),
    },
  ]

  const onTableChange = (pg: TablePaginationConfig) =>
    update({ page: pg.current === 1 ? undefined : pg.current, page_size: pg.pageSize === 20 ? undefined : pg.pageSize }, false)

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('cert.issued_title')}
        </Typography.Title>
        <CertificatesToolbar query={query} onIssued={(c) => setTyped(c.serial)} />
      </Space>
      <Card size="small">
        <Space wrap size="middle">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('cert.search')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            style={{ width: 280 }}
            data-testid="cert-search"
          />
          <AgencyTreeSelect value={query.agency_id} onChange={(id) => update({ agency_id: id })} style={{ width: 300 }} />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('cert.filter.certification')}
            value={query.certification_id}
            onChange={(v) => update({ certification_id: v })}
            options={(certifications ?? []).map((d) => ({ value: d.id, label: pick(d.name_vi, d.name_en, i18n.language) }))}
            loading={!certifications}
            popupMatchSelectWidth={false}
            style={{ width: 260 }}
            data-testid="cert-certification-filter"
          />
          <Select
            allowClear
            placeholder={t('cert.filter.status')}
            value={query.status}
            onChange={(v) => update({ status: v })}
            options={STATUSES.map((s) => ({ value: s, label: t(`cert.status.${s}`) }))}
            style={{ width: 170 }}
            data-testid="cert-status-filter"
          />
          <Select
            allowClear
            placeholder={t('cert.filter.expiring')}
            value={query.expires_within}
            onChange={(v) => update({ expires_within: v })}
            options={[WARN_DAYS, ERROR_DAYS].map((d) => ({ value: d, label: t('cert.filter.expiring_within', { count: d }) }))}
            style={{ width: 200 }}
          />
          <DatePicker.RangePicker
            format={DATE_FORMAT}
            allowEmpty={[true, true]}
            value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
            placeholder={[t('cert.filter.issued_from'), t('cert.filter.issued_to')]}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      <div data-testid="cert-table">
        <Table<Certificate>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={loading}
          onChange={onTableChange}
          scroll={{ x: 1460 }}
          locale={{ emptyText: t('cert.none_issued') }}
          pagination={{
            current: query.page,
            pageSize: query.page_size,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('common.total', { count: n }),
          }}
        />
      </div>
      {acting && (
        <ReasonModal
          cert={acting.cert}
          action={acting.action}
          onClose={() => setActing(null)}
          onDone={(c) => {
            setActing(null)
            setChanged((m) => ({ ...m, [c.id]: c }))
            message.success(t(acting.action === 'revoke' ? 'cert.revoke.done' : 'cert.reinstate.done', { serial: c.serial }))
          }}
        />
      )}
    </Space>
  )
}
