import { useState } from 'react'
import { Alert, App, DatePicker, Form, Modal, Typography, type ButtonProps } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { ApiError, endPosition } from '../../api/client'
import type { Position } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { DATE_FORMAT, formatDate, todayISO } from '../../lib/format'
import { day, roleKey } from './positions'

interface Props {
  position: Position
  onClose(): void
  /** done with the ended position, or with null when it had ended already (the list is stale) */
  onDone(p: Position | null): void
}

/** EndModal ends a position (Thôi giữ) on its last day, not before its first. */
export function EndModal({ position: p, onClose, onDone }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ valid_to: Dayjs }>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const from = dayjs(day(p.valid_from))
  const fromText = formatDate(day(p.valid_from))

  const submit = async (v: { valid_to: Dayjs }) => {
    setBusy(true)
    setError(null)
    try {
      const ended = await endPosition(p.id, v.valid_to.format('YYYY-MM-DD'))
      message.success(t('facts.ended', { name: ended.person_name, date: formatDate(day(ended.valid_to)) }))
      onDone(ended)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'position_ended') {
        message.warning(t('facts.already_ended'))
        onDone(null)
      } else if (!applyFieldErrors(form, t, e)) setError(errorText(t, e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      title={t('facts.end_title', { name: p.person_name })}
      okText={t('facts.end')}
      okButtonProps={{ loading: busy, danger: true, 'data-testid': 'position-end-ok' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('facts.end_intro', { role: t(roleKey(p.role)), agency: p.agency_name, from: fromText })}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ valid_to: defaultLastDay(from) }} data-testid="position-end-form">
        <LastDayItem from={from} label={t('facts.field.valid_to')} testId="position-valid-to" />
      </Form>
    </Modal>
  )
}

/** defaultLastDay is the last day a form proposes: today, or the first day when that is later. */
export function defaultLastDay(from: Dayjs): Dayjs {
  const today = dayjs(todayISO())
  return today.isBefore(from) ? from : today
}

/** LastDayItem is the form item of a record's last day (valid_to): required, not before its first day (from). */
export function LastDayItem({ from, label, testId }: { from: Dayjs; label: string; testId: string }) {
  const { t } = useTranslation()
  return (
    <Form.Item
      name="valid_to"
      label={label}
      extra={t('facts.end_hint', { from: formatDate(from.format('YYYY-MM-DD')) })}
      rules={[
        { required: true, message: t('validation.required') },
        {
          validator: (_, v: Dayjs | undefined) =>
            v && v.isBefore(from, 'day') ? Promise.reject(new Error(t('facts.before_start'))) : Promise.resolve(),
        },
      ]}
    >
      <DatePicker
        format={DATE_FORMAT}
        allowClear={false}
        placeholder={t('common.date_placeholder')}
        disabledDate={(d) => d.isBefore(from, 'day')}
        data-testid={testId}
      />
    </Form.Item>
  )
}
