import { useState } from 'react'
import { Alert, App, DatePicker, Form, Input, Modal, Typography, type ButtonProps } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { addMailbox, ApiError, endMailbox } from '../../api/client'
import type { Mailbox } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { DATE_FORMAT, formatDate, todayISO } from '../../lib/format'
import { defaultLastDay, LastDayItem } from './EndModal'
import { MAILBOX_PATTERN, normalAddress } from './mailboxes'
import { day } from './positions'

/** useSave runs a save with the busy flag, field errors on the form and any other error in an alert. */
function useSave<V>(form: ReturnType<typeof Form.useForm<V>>[0], save: (v: V) => Promise<void>, special?: (e: unknown) => boolean) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (v: V) => {
    setBusy(true)
    setError(null)
    try {
      await save(v)
    } catch (e) {
      if (special?.(e)) return
      if (!applyFieldErrors(form, t, e)) setError(errorText(t, e))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, submit }
}

interface AddProps {
  agencyId: number
  /** the address in use with no last day: it ends the day before the new one */
  current: Mailbox | null
  /** the earliest day the new address may start (after every recorded start), null when none is recorded */
  firstDay: string | null
  onClose(): void
  onDone(m: Mailbox): void
}

/** MailboxAddModal records a new official address from a day; the one in use ends the day before. */
export function MailboxAddModal({ agencyId, current, firstDay, onClose, onDone }: AddProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ address: string; valid_from: Dayjs }>()
  const first = firstDay ? dayjs(firstDay) : null
  const today = dayjs(todayISO())
  const { busy, error, submit } = useSave(form, async (v) => {
    const m = await addMailbox(agencyId, normalAddress(v.address), v.valid_from.format('YYYY-MM-DD'))
    message.success(t('mailboxes.added', { address: m.address, date: formatDate(day(m.valid_from)) }))
    onDone(m)
  })

  return (
    <Modal
      open
      title={t('mailboxes.add_title')}
      okText={t('common.save')}
      okButtonProps={{ loading: busy, 'data-testid': 'mailbox-save' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {current
          ? t('mailboxes.add_intro_replace', { address: current.address })
          : t('mailboxes.add_intro')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} data-testid="mailbox-error" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ address: '', valid_from: first && first.isAfter(today) ? first : today }}
        data-testid="mailbox-form"
      >
        <Form.Item
          name="address"
          label={t('mailboxes.field.address')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 200, message: t('validation.max', { max: 200 }) },
            {
              validator: (_, v: string | undefined) =>
                !v || !v.trim() || MAILBOX_PATTERN.test(normalAddress(v)) ? Promise.resolve() : Promise.reject(new Error(t('validation.email'))),
            },
          ]}
        >
          <Input maxLength={200} placeholder="vanthu@hatinh.gov.vn" data-testid="mailbox-address-input" />
        </Form.Item>
        <Form.Item
          name="valid_from"
          label={t('mailboxes.field.valid_from')}
          extra={first ? t('mailboxes.valid_from_after', { date: formatDate(firstDay) }) : t('mailboxes.valid_from_hint')}
          rules={[
            { required: true, message: t('validation.required') },
            {
              validator: (_, v: Dayjs | undefined) =>
                v && first && v.isBefore(first, 'day')
                  ? Promise.reject(new Error(t('mailboxes.valid_from_after', { date: formatDate(firstDay) })))
                  : Promise.resolve(),
            },
          ]}
        >
          <DatePicker
            format={DATE_FORMAT}
            allowClear={false}
            placeholder={t('common.date_placeholder')}
            disabledDate={(d) => (first ? d.isBefore(first, 'day') : false)}
            data-testid="mailbox-valid-from"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

interface EndProps {
  mailbox: Mailbox
  onClose(): void
  /** done with the ended mailbox, or with null when it had ended already (the list is stale) */
  onDone(m: Mailbox | null): void
}

/** MailboxEndModal gives an address its last day (the agency stops using it), not before its first. */
export function MailboxEndModal({ mailbox: m, onClose, onDone }: EndProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ valid_to: Dayjs }>()
  const from = dayjs(day(m.valid_from))
  const fromText = formatDate(day(m.valid_from))
  const { busy, error, submit } = useSave(
    form,
    async (v) => {
      const ended = await endMailbox(m.id, v.valid_to.format('YYYY-MM-DD'))
      message.success(t('mailboxes.ended', { address: ended.address, date: formatDate(day(ended.valid_to)) }))
      onDone(ended)
    },
    (e) => {
      if (!(e instanceof ApiError && e.code === 'mailbox_ended')) return false
      message.warning(t('mailboxes.already_ended'))
      onDone(null)
      return true
    },
  )

  return (
    <Modal
      open
      title={t('mailboxes.end_title', { address: m.address })}
      okText={t('mailboxes.end')}
      okButtonProps={{ loading: busy, danger: true, 'data-testid': 'mailbox-end-ok' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('mailboxes.end_intro', { from: fromText })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ valid_to: defaultLastDay(from) }}>
        <LastDayItem from={from} label={t('mailboxes.field.valid_to')} testId="mailbox-valid-to" />
      </Form>
    </Modal>
  )
}
