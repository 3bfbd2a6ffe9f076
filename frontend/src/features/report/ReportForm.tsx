import { useEffect, useMemo, useState } from 'react'
import { Alert, App, Button, Card, Collapse, Form, Input, Select, Space, Tag, Typography } from 'antd'
import { FileAddOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { createReport, reportDefaults } from '../../api/client'
import type { ReportParams, ReportRun } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { formatDate, todayISO } from '../../lib/format'
import { useMe } from '../auth/AuthContext'
import { canPickTargetAgency } from '../auth/access'
import { AgencyTreeSelect } from '../org/AgencyTreeSelect'
import { halves, recipientsOf, recipientsText } from './reports'
import { periodText } from './PeriodLabel'

/** The form's values: the document's fields, recipients as one per line. */
interface Values {
  period: string
  number: string
  authority: string
  issuer: string
  place: string
  signer_title: string
  signer_name: string
  recipients: string
  basis: string
  comment: string
}

const documentFields = ['number', 'authority', 'issuer', 'place', 'signer_title', 'signer_name'] as const

/**
 * ReportForm asks for the six-monthly report: a half year (one that is still
 * running is reported up to today), the scope (a manager's is their agency),
 * and the document's heading and signature, prefilled from the last report of
 * the same scope or from the agency tree.
 */
export function ReportForm({ onCreated }: { onCreated: (r: ReportRun) => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const me = useMe()
  const picker = canPickTargetAgency(me.role)
  const today = todayISO()
  const periods = useMemo(() => halves(today), [today])
  const [form] = Form.useForm<Values>()
  const [agencyId, setAgencyId] = useState<number | undefined>()
  const [error, setError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)
  const period = Form.useWatch('period', form) ?? ''
  const running = periods.find((p) => p.code === period && !p.ended)

  // The document's fields follow the scope: each scope has its own last report.
  useEffect(() => {
    const ctl = new AbortController()
    reportDefaults(agencyId, ctl.signal)
      .then((d: ReportParams) => {
        const v: Partial<Values> = { recipients: recipientsText(d.recipients), basis: d.basis ?? '' }
        for (const f of documentFields) v[f] = d[f]
        if (!form.getFieldValue('period')) v.period = d.period
        form.setFieldsValue(v)
      })
      .catch((e) => {
        if (!ctl.signal.aborted) setError(e)
      })
    return () => ctl.abort()
  }, [agencyId, form])

  const submit = async (v: Values) => {
    setSaving(true)
    setError(null)
    try {
      const r = await createReport({
        period: v.period,
        as_of: running ? today : undefined,
        agency_id: agencyId ?? null,
        number: v.number,
        authority: v.authority,
        issuer: v.issuer,
        place: v.place,
        signer_title: v.signer_title,
        signer_name: v.signer_name,
        recipients: recipientsOf(v.recipients ?? ''),
        basis: v.basis,
        comment: v.comment,
      })
      message.success(t('reports.queued'))
      form.setFieldValue('comment', '')
      onCreated(r)
    } catch (e) {
      if (!applyFieldErrors(form, t, e)) setError(e)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card size="small" title={t('reports.new')}>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" data-testid="report-form">
        <Space wrap size="middle" align="start">
          <Form.Item name="period" label={t('reports.period')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              style={{ width: 260 }}
              showSearch
              optionFilterProp="label"
              data-testid="report-period"
              options={periods.map((p) => ({ value: p.code, label: periodText(t, p.code) }))}
            />
          </Form.Item>
          <Form.Item label={t('reports.scope')}>
            {picker ? (
              <span data-testid="report-agency-select">
                <AgencyTreeSelect value={agencyId} onChange={setAgencyId} placeholder={t('targets.province')} style={{ width: 320, maxWidth: '100%' }} />
              </span>
            ) : (
              <Tag color="blue">{me.agency_name || '—'}</Tag>
            )}
          </Form.Item>
        </Space>
        {running && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('reports.running_period', { date: formatDate(today) })} />}
        <Collapse
          size="small"
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'document',
              label: t('reports.document'),
              forceRender: true,
              children: (
                <>
                  <Space wrap size="middle" align="start">
                    <Form.Item name="authority" label={t('reports.field.authority')} style={{ width: 300 }}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name="issuer" label={t('reports.field.issuer')} style={{ width: 300 }} rules={[{ required: true, message: t('validation.required') }]}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name="number" label={t('reports.field.number')} extra={t('reports.number_hint')} style={{ width: 200 }}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name="place" label={t('reports.field.place')} style={{ width: 200 }}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Space>
                  <Space wrap size="middle" align="start">
                    <Form.Item name="signer_title" label={t('reports.field.signer_title')} style={{ width: 300 }}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name="signer_name" label={t('reports.field.signer_name')} style={{ width: 300 }}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Space>
                  <Form.Item name="basis" label={t('reports.field.basis')} extra={t('reports.basis_hint')}>
                    <Input maxLength={1000} />
                  </Form.Item>
                  <Form.Item name="recipients" label={t('reports.field.recipients')} extra={t('reports.recipients_hint')}>
                    <Input.TextArea rows={3} />
                  </Form.Item>
                  <Form.Item name="comment" label={t('reports.field.comment')} extra={t('reports.comment_hint')}>
                    <Input.TextArea rows={4} maxLength={5000} showCount />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
        {error !== null && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errorText(t, error)} />}
        <Space>
          <Button type="primary" htmlType="submit" icon={<FileAddOutlined />} loading={saving} data-testid="report-create">
            {t('reports.create')}
          </Button>
          <Typography.Text type="secondary">{t('reports.create_hint')}</Typography.Text>
        </Space>
      </Form>
    </Card>
  )
}
