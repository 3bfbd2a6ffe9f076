import { useState } from 'react'
import { Alert, DatePicker, Form, Input, Modal, Select, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { ApiError, issueCertificate, listCertifications } from '../../api/client'
import type { Certificate } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { DATE_FORMAT, todayISO } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { pick } from '../course/progress'
import { PersonPicker } from '../users/PersonPicker'

/** CertificationSelect picks an active certification, by name or code. */
export function CertificationSelect({ value, onChange, id }: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const { t, i18n } = useTranslation()
  const { data } = useLoad(() => listCertifications(), [])
  return (
    <Select
      id={id}
      showSearch
      optionFilterProp="label"
      value={value}
      onChange={onChange}
      loading={!data}
      placeholder={t('certadmin.pick_certification')}
      options={(data ?? [])
        .filter((c) => c.active || c.id === value)
        .map((c) => ({ value: c.id, label: `${c.code} · ${pick(c.name_vi, c.name_en, i18n.language)}` }))}
      data-testid="pick-certification"
    />
  )
}

/** The issue form's values. */
interface IssueValues {
  person_id: number
  certification_id: number
  issued_on: Dayjs
  reason: string
}

/** alreadyHolds tells the 409 of a person who holds a current certificate of the certification. */
export const alreadyHolds = (e: unknown) => e instanceof ApiError && e.code === 'already_holds'

/**
 * IssueModal issues a certificate by hand (Home Affairs): to a person, of a
 * certification, dated today or within the last year, with the reason the
 * audit log keeps (the decision's number).
 */
export function IssueModal({ certificationId, onClose, onDone }: { certificationId?: number; onClose(): void; onDone(c: Certificate): void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<IssueValues>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const today = dayjs(todayISO())

  const submit = async (v: IssueValues) => {
    setBusy(true)
    setError(null)
    try {
      onDone(
        await issueCertificate({
          person_id: v.person_id,
          certification_id: v.certification_id,
          issued_on: v.issued_on.format('YYYY-MM-DD'),
          reason: v.reason.trim(),
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
      width={600}
      title={t('certadmin.issue.title')}
      okText={t('certadmin.issue.ok')}
      okButtonProps={{ loading: busy }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('certadmin.issue.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} data-testid="issue-error" />}
      <Form<IssueValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark
        initialValues={{ certification_id: certificationId, issued_on: today }}
        data-testid="issue-form"
      >
        <Form.Item name="person_id" label={t('certadmin.field.person')} rules={[{ required: true, message: t('validation.required') }]}>
          <PersonField />
        </Form.Item>
        <Form.Item name="certification_id" label={t('cert.field.certification')} rules={[{ required: true, message: t('validation.required') }]}>
          <CertificationSelect />
        </Form.Item>
        <Form.Item
          name="issued_on"
          label={t('cert.field.issued_on')}
          extra={t('certadmin.issue.date_hint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <DatePicker
            format={DATE_FORMAT}
            allowClear={false}
            disabledDate={(d) => d.isAfter(today, 'day') || d.isBefore(today.subtract(1, 'year'), 'day')}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('cert.reason')}
          extra={t('certadmin.issue.reason_hint')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 500, message: t('validation.max', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} placeholder={t('certadmin.issue.reason_placeholder')} data-testid="issue-reason" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** PersonField is the person picker of the users' page, in a form item (with a test id on its box). */
export function PersonField({ value, onChange, id }: { value?: number; onChange?: (v: number | undefined) => void; id?: string }) {
  return (
    <div data-testid="pick-person">
      <PersonPicker id={id} value={value} onChange={(v) => onChange?.(v)} />
    </div>
  )
}
