import { useState } from 'react'
import { Alert, Button, DatePicker, Form, Input, Modal, Typography, Upload } from 'antd'
import { UploadOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { recordCertificate } from '../../api/client'
import type { Certificate } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { DATE_FORMAT, todayISO } from '../../lib/format'
import { EVIDENCE_ACCEPT, isEvidence } from './certadmin'
import { CertificationSelect, PersonField, alreadyHolds } from './IssueModal'


interface RecordValues {
  person_id: number
  certification_id: number
  prior_title: string
  prior_issuer: string
  issued_on: Dayjs
  evidence: File
  reason?: string
}

/** EvidenceUpload holds one chosen file (not sent until the form is); testId names its box for the browser tests. */
export function EvidenceUpload({
  value,
  onChange,
  testId = 'record-evidence',
}: {
  value?: File
  onChange?: (f: File | undefined) => void
  testId?: string
}) {
  const { t } = useTranslation()
  return (
    <div data-testid={testId}>
      <Upload
        accept={EVIDENCE_ACCEPT}
        maxCount={1}
        multiple={false}
        fileList={value ? [{ uid: 'evidence', name: value.name, status: 'done' }] : []}
        beforeUpload={(f) => {
          onChange?.(f)
          return false
        }}
        onRemove={() => onChange?.(undefined)}
      >
        <Button icon={<UploadOutlined />}>{t('certadmin.record.choose_file')}</Button>
      </Upload>
    </div>
  )
}

/**
 * RecordModal records a certificate a person earned elsewhere (tin học A/B/C,
 * an older programme) as equivalent to a certification, with the document
 * it rests on.
 */
export function RecordModal({ certificationId, onClose, onDone }: { certificationId?: number; onClose(): void; onDone(c: Certificate): void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<RecordValues>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const today = dayjs(todayISO())
  const required = { required: true, whitespace: true, message: t('validation.required') }
  const max = { max: 500, message: t('validation.max', { max: 500 }) }

  const submit = async (v: RecordValues) => {
    setBusy(true)
    setError(null)
    try {
      onDone(
        await recordCertificate({
          person_id: v.person_id,
          certification_id: v.certification_id,
          issued_on: v.issued_on.format('YYYY-MM-DD'),
          prior_title: v.prior_title.trim(),
          prior_issuer: v.prior_issuer.trim(),
          reason: v.reason?.trim() || undefined,
          evidence: v.evidence,
        }),
      )
    } catch (e) {
      if (alreadyHolds(e)) setError(t('certadmin.already_holds'))
      else if (!applyFieldErrors(form, t, e)) setError(errorText(t, e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      width={620}
      title={t('certadmin.record.title')}
      okText={t('certadmin.record.ok')}
      okButtonProps={{ loading: busy }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('certadmin.record.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} data-testid="record-error" />}
      <Form<RecordValues> form={form} layout="vertical" onFinish={submit} requiredMark initialValues={{ certification_id: certificationId }} data-testid="record-form">
        <Form.Item name="person_id" label={t('certadmin.field.person')} rules={[{ required: true, message: t('validation.required') }]}>
          <PersonField />
        </Form.Item>
        <Form.Item
          name="certification_id"
          label={t('certadmin.record.equivalent_to')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <CertificationSelect />
        </Form.Item>
        <Form.Item name="prior_title" label={t('certadmin.record.prior_title')} rules={[required, max]}>
          <Input maxLength={500} placeholder={t('certadmin.record.prior_title_placeholder')} data-testid="record-prior-title" />
        </Form.Item>
        <Form.Item name="prior_issuer" label={t('certadmin.record.prior_issuer')} rules={[required, max]}>
          <Input maxLength={500} placeholder={t('certadmin.record.prior_issuer_placeholder')} data-testid="record-prior-issuer" />
        </Form.Item>
        <Form.Item name="issued_on" label={t('certadmin.record.issued_on')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format={DATE_FORMAT} disabledDate={(d) => d.isAfter(today, 'day')} />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('certadmin.record.evidence')}
          extra={t('certadmin.record.evidence_hint')}
          rules={[
            { required: true, message: t('certadmin.record.evidence_required') },
            {
              validator: (_, f: File | undefined) =>
                !f || isEvidence(f) ? Promise.resolve() : Promise.reject(new Error(t('certadmin.record.evidence_type'))),
            },
          ]}
        >
          <EvidenceUpload />
        </Form.Item>
        <Form.Item name="reason" label={t('certadmin.record.reason')} rules={[max]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
