import { useMemo, useState } from 'react'
import { App, Form, Input, Modal, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { createAgency, updateAgency } from '../../api/client'
import { AGENCY_LEVELS, SECTORS, type Agency, type AgencyInput } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { AgencyTreeSelect } from './AgencyTreeSelect'
import { descendantIds } from './tree'
import { invalidateAgencies, useAgencies } from './useAgencies'

export const CODE_PATTERN = /^[A-Za-z0-9._-]{1,40}$/

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
  const [form] = Form.useForm<AgencyInput>()
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
      <Form<AgencyInput>
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
      </Form>
    </Modal>
  )
}
