import { useMemo, useState } from 'react'
import { App, DatePicker, Form, Input, Modal, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { createAgency, updateAgency } from '../../api/client'
import { AGENCY_LEVELS, SECTORS, type Agency, type AgencyInput } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { DATE_FORMAT } from '../../lib/format'
import { AgencyTreeSelect } from './AgencyTreeSelect'
import { descendantIds } from './tree'
import { invalidateAgencies, useAgencies } from './useAgencies'

export const CODE_PATTERN = /^[A-Za-z0-9._-]{1,40}$/

/** The form's values: the input with its validity days as pickers. */
type AgencyValues = Omit<AgencyInput, 'valid_from' | 'valid_to' | 'successor_of'> & {
  valid_from?: Dayjs | null
  valid_to?: Dayjs | null
  successor_of?: number | null
}

/** validityInput sends a validity day only when one is chosen: the API keeps a date it is not sent, and cannot clear one. */
export function validityInput(from?: Dayjs | null, to?: Dayjs | null): Pick<AgencyInput, 'valid_from' | 'valid_to'> {
  return {
    ...(from ? { valid_from: from.format('YYYY-MM-DD') } : {}),
    ...(to ? { valid_to: to.format('YYYY-MM-DD') } : {}),
  }
}

interface Props {
  /** agency to edit; absent to create one */
  agency?: Agency
  /** parent preselected when creating */
  parentId?: number | null
  onClose(): void
  onSaved(a: Agency): void
}

export function AgencyForm({ agency, parentId, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<AgencyValues>()
  const [saving, setSaving] = useState(false)
  const { agencies } = useAgencies()
  // An agency cannot move under itself or its own sub-units.
  const blocked = useMemo(() => (agency ? descendantIds(agencies, agency.id) : undefined), [agencies, agency])

  const submit = async () => {
    const v = await form.validateFields()
    const body: AgencyInput = {
      parent_id: v.parent_id ?? null,
      code: v.code.trim(),
      name: v.name.trim(),
      name_en: (v.name_en ?? '').trim(),
      level: v.level,
      sectors: v.sectors ?? [],
      ...validityInput(v.valid_from, v.valid_to),
      // Cleared in the form: 0 tells the server to clear it.
      ...(v.successor_of ? { successor_of: v.successor_of } : agency?.successor_of ? { successor_of: 0 } : {}),
    }
    setSaving(true)
    try {
      const saved = agency ? await updateAgency(agency.id, body) : await createAgency(body)
      message.success(t(agency ? 'common.saved' : 'common.created'))
      invalidateAgencies()
      onSaved(saved)
    } catch (e) {
      applyFieldErrors(form, t, e)
      message.error(errorText(t, e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title={agency ? t('agencies.edit_title', { name: agency.name }) : t('agencies.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      <Form<AgencyValues>
        form={form}
        layout="vertical"
        initialValues={
          agency
            ? {
                parent_id: agency.parent_id,
                code: agency.code,
                name: agency.name,
                name_en: agency.name_en,
                level: agency.level,
                sectors: agency.sectors,
                valid_from: agency.valid_from ? dayjs(agency.valid_from.slice(0, 10)) : null,
                valid_to: agency.valid_to ? dayjs(agency.valid_to.slice(0, 10)) : null,
                successor_of: agency.successor_of,
              }
            : { parent_id: parentId ?? null, level: 'commune', sectors: [] }
        }
      >
        <Form.Item
          name="code"
          label={t('agencies.field.code')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: CODE_PATTERN, message: t('validation.code') },
          ]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('agencies.field.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 200, message: t('validation.max', { max: 200 }) },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="name_en" label={t('agencies.field.name_en')} rules={[{ max: 200, message: t('validation.max', { max: 200 }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="level" label={t('agencies.field.level')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={AGENCY_LEVELS.map((l) => ({ value: l, label: t(`agencies.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="parent_id" label={t('agencies.field.parent')} extra={t('agencies.parent_hint')}>
          <AgencyTreeSelect disabled={blocked} placeholder={t('agencies.no_parent')} />
        </Form.Item>
        <Form.Item name="sectors" label={t('agencies.field.sectors')}>
          <Select mode="multiple" allowClear options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} />
        </Form.Item>
        <Form.Item name="valid_from" label={t('agencies.field.valid_from')} extra={t('agencies.valid_from_hint')}>
          <DatePicker format={DATE_FORMAT} placeholder={t('common.date_placeholder')} allowClear={!agency?.valid_from} data-testid="agency-valid-from" />
        </Form.Item>
        <Form.Item
          name="valid_to"
          label={t('agencies.field.valid_to')}
          extra={t('agencies.valid_to_hint')}
          dependencies={['valid_from']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | null | undefined) => {
                const from = getFieldValue('valid_from') as Dayjs | null | undefined
                return v && from && v.isBefore(from, 'day') ? Promise.reject(new Error(t('fieldErrors.before_valid_from'))) : Promise.resolve()
              },
            }),
          ]}
        >
          <DatePicker format={DATE_FORMAT} placeholder={t('common.date_placeholder')} allowClear={!agency?.valid_to} data-testid="agency-valid-to" />
        </Form.Item>
        <Form.Item name="successor_of" label={t('agencies.field.successor_of')} extra={t('agencies.successor_hint')}>
          <AgencyTreeSelect disabled={agency ? new Set([agency.id]) : undefined} placeholder={t('agencies.no_successor')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
