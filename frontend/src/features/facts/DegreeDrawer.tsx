import { useState } from 'react'
import { Alert, App, Button, DatePicker, Drawer, Form, Grid, Input, Select, Space, Switch, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { addQualification } from '../../api/client'
import type { DegreeLevel, Qualification } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { DATE_FORMAT, todayISO } from '../../lib/format'
import { isEvidence } from '../certadmin/certadmin'
import { EvidenceUpload } from '../certadmin/RecordModal'
import { DEGREE_LEVELS, degreeKey, degreeRequest } from './degrees'

interface FormValues {
  level: DegreeLevel
  field: string
  it_field: boolean
  awarded_on: Dayjs
  institution?: string
  evidence?: File
}

interface Props {
  personId: number
  personName: string
  onClose(): void
  onDone(q: Qualification): void
}

/** DegreeDrawer records a person's degree (Thêm bằng cấp): level, field, whether it is in IT, award day, institution and the scanned diploma. */
export function DegreeDrawer({ personId, personName, onClose, onDone }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<FormValues>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const phone = Grid.useBreakpoint().md === false
  const today = dayjs(todayISO())
  const required = { required: true, message: t('validation.required') }

  const submit = async (v: FormValues) => {
    setBusy(true)
    setError(null)
    try {
      const q = await addQualification(personId, degreeRequest({ ...v, awarded_on: v.awarded_on.format('YYYY-MM-DD') }))
      message.success(t('degrees.added', { name: personName }))
      onDone(q)
    } catch (e) {
      if (!applyFieldErrors(form, t, e)) setError(errorText(t, e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Drawer
      open
      width={phone ? '100%' : 520}
      title={t('degrees.add_title', { name: personName })}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="degree-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('degrees.add_intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} data-testid="degree-error" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark
        onFinish={submit}
        initialValues={{ level: 'university', it_field: true, field: '', institution: '' }}
        data-testid="degree-form"
      >
        <Form.Item name="level" label={t('degrees.field.level')} rules={[required]}>
          <Select options={DEGREE_LEVELS.map((l) => ({ value: l, label: t(degreeKey(l)) }))} data-testid="degree-level" />
        </Form.Item>
        <Form.Item
          name="field"
          label={t('degrees.field.field')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 200, message: t('validation.max', { max: 200 }) },
          ]}
        >
          <Input maxLength={200} placeholder={t('degrees.field_placeholder')} data-testid="degree-field" />
        </Form.Item>
        <Form.Item name="it_field" label={t('degrees.field.it_field')} valuePropName="checked" extra={t('degrees.it_field_hint')}>
          <Switch data-testid="degree-it-field" />
        </Form.Item>
        <Form.Item name="awarded_on" label={t('degrees.field.awarded_on')} extra={t('degrees.awarded_on_hint')} rules={[required]}>
          <DatePicker
            format={DATE_FORMAT}
            placeholder={t('common.date_placeholder')}
            disabledDate={(d) => d.isAfter(today, 'day')}
            data-testid="degree-awarded-on"
          />
        </Form.Item>
        <Form.Item name="institution" label={t('degrees.field.institution')} rules={[{ max: 200, message: t('validation.max', { max: 200 }) }]}>
          <Input maxLength={200} placeholder={t('degrees.institution_placeholder')} data-testid="degree-institution" />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('degrees.field.evidence')}
          extra={t('degrees.evidence_hint')}
          rules={[
            {
              validator: (_, f: File | undefined) =>
                !f || isEvidence(f) ? Promise.resolve() : Promise.reject(new Error(t('degrees.evidence_type'))),
            },
          ]}
        >
          <EvidenceUpload testId="degree-evidence" />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
