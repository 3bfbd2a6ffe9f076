import { useState } from 'react'
import { Form, Input, Modal, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { reinstateCertificate, revokeCertificate } from '../../api/client'
import type { Certificate } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'

export type ReasonAction = 'revoke' | 'reinstate'

/** ReasonModal revokes or reinstates a certificate with the reason the audit log keeps. */
export function ReasonModal({
  cert,
  action,
  onClose,
  onDone,
}: {
  cert: Certificate
  action: ReasonAction
  onClose: () => void
  onDone: (c: Certificate) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ reason: string }>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true)
    setError(null)
    try {
      const done = await (action === 'revoke' ? revokeCertificate : reinstateCertificate)(cert.id, reason.trim())
      onDone(done)
    } catch (e) {
      if (!applyFieldErrors(form, t, e)) setError(errorText(t, e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      title={t(action === 'revoke' ? 'cert.revoke.title' : 'cert.reinstate.title')}
      okText={t(action === 'revoke' ? 'cert.revoke.ok' : 'cert.reinstate.ok')}
      okButtonProps={{ danger: action === 'revoke', loading: busy }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t(action === 'revoke' ? 'cert.revoke.intro' : 'cert.reinstate.intro', { serial: cert.serial, holder: cert.holder_name })}
      </Typography.Paragraph>
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item
          name="reason"
          label={t('cert.reason')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 1000, message: t('validation.max', { max: 1000 }) },
          ]}
        >
          <Input.TextArea rows={3} autoFocus data-testid="cert-reason" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
