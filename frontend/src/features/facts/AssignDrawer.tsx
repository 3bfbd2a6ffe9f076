import { useState } from 'react'
import { Alert, App, Button, DatePicker, Drawer, Form, Grid, Input, Select, Space, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { ApiError, startPosition } from '../../api/client'
import { POSITION_ROLES, type Position, type PositionRole } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { DATE_FORMAT } from '../../lib/format'
import { AgencyTreeSelect } from '../org/AgencyTreeSelect'
import { PersonPicker } from '../users/PersonPicker'
import { roleKey } from './positions'

/** The assign form's values; names are the API's, so the server's field errors land on them. */
interface AssignValues {
  person_id: number
  agency_id: number
  role: PositionRole
  valid_from: Dayjs
  decision_no?: string
  decision_date?: Dayjs | null
}

interface Props {
  /** the agency shown: the default, and the top of the agencies to choose from */
  agencyId: number
  onClose(): void
  onDone(p: Position): void
}

/**
 * AssignDrawer starts a position (Phân công): a person holds a role in an
 * agency from a day, by a decision. The server refuses a second one of the
 * same person, role and agency over the same days (position_overlaps).
 */
export function AssignDrawer({ agencyId, onClose, onDone }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<AssignValues>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const phone = Grid.useBreakpoint().md === false
  const required = { required: true, message: t('validation.required') }

  const submit = async (v: AssignValues) => {
    setBusy(true)
    setError(null)
    try {
      const p = await startPosition({
        person_id: v.person_id,
        agency_id: v.agency_id,
        role: v.role,
        valid_from: v.valid_from.format('YYYY-MM-DD'),
        decision_no: (v.decision_no ?? '').trim(),
        decision_date: v.decision_date ? v.decision_date.format('YYYY-MM-DD') : undefined,
      })
      message.success(t('facts.assigned', { name: p.person_name, role: t(roleKey(p.role)) }))
      onDone(p)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'position_overlaps') setError(t('facts.overlaps'))
      else if (!applyFieldErrors(form, t, e)) setError(errorText(t, e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Drawer
      open
      width={phone ? '100%' : 560}
      title={t('facts.assign_title')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="position-save">
            {t('facts.assign')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('facts.assign_intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} data-testid="position-error" />}
      <Form<AssignValues>
        form={form}
        layout="vertical"
        requiredMark
        onFinish={submit}
        initialValues={{ agency_id: agencyId, role: 'it_officer', decision_no: '', decision_date: null }}
        data-testid="position-form"
      >
        <Form.Item name="person_id" label={t('facts.field.person')} rules={[required]}>
          <PersonField />
        </Form.Item>
        <Form.Item name="agency_id" label={t('facts.field.agency')} extra={t('facts.agency_hint')} rules={[required]}>
          <AgencyTreeSelect rootId={agencyId} allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="role" label={t('facts.field.role')} rules={[required]}>
          <Select
            options={POSITION_ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))}
            data-testid="position-role-select"
          />
        </Form.Item>
        <Form.Item name="valid_from" label={t('facts.field.valid_from')} extra={t('facts.valid_from_hint')} rules={[required]}>
          <DatePicker format={DATE_FORMAT} placeholder={t('common.date_placeholder')} data-testid="position-valid-from" />
        </Form.Item>
        <Form.Item
          name="decision_no"
          label={t('facts.field.decision_no')}
          rules={[{ max: 100, message: t('validation.max', { max: 100 }) }]}
        >
          <Input maxLength={100} placeholder={t('facts.decision_no_placeholder')} data-testid="position-decision-no" />
        </Form.Item>
        <Form.Item name="decision_date" label={t('facts.field.decision_date')}>
          <DatePicker format={DATE_FORMAT} placeholder={t('common.date_placeholder')} data-testid="position-decision-date" />
        </Form.Item>
      </Form>
    </Drawer>
  )
}

/** PersonField is the person picker in a form item, with a test id on its box. */
function PersonField({ value, onChange, id }: { value?: number; onChange?: (v: number | undefined) => void; id?: string }) {
  return (
    <div data-testid="position-person">
      <PersonPicker id={id} value={value} onChange={(v) => onChange?.(v)} />
    </div>
  )
}
