import { useState } from 'react'
import { App, Form, Input, Modal, Select, Switch } from 'antd'
import { useTranslation } from 'react-i18next'
import { createUser, resetUserPassword, updateUser } from '../../api/client'
import { ROLES, type Role, type User, type UserInput, type UserPatch } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { AgencyTreeSelect } from '../org/AgencyTreeSelect'
import { PersonPicker } from './PersonPicker'

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/
export const MIN_PASSWORD = 8

export function useRoleOptions() {
  const { t } = useTranslation()
  return ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))
}

export function CreateUserModal({ onClose, onSaved }: { onClose(): void; onSaved(u: User): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<UserInput & { confirm: string }>()
  const [saving, setSaving] = useState(false)
  const role = Form.useWatch('role', form) as Role | undefined
  const roles = useRoleOptions()

  const submit = async () => {
    const v = await form.validateFields()
    const body: UserInput = {
      username: v.username.trim(),
      password: v.password,
      role: v.role,
      display_name: (v.display_name ?? '').trim(),
      person_id: v.person_id ?? undefined,
      agency_id: v.role === 'agency_manager' ? v.agency_id : undefined,
    }
    setSaving(true)
    try {
      const u = await createUser(body)
      message.success(t('common.created'))
      onSaved(u)
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
      title={t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" initialValues={{ role: 'learner' }}>
        <Form.Item
          name="username"
          label={t('users.field.username')}
          extra={t('users.username_hint')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: USERNAME_PATTERN, message: t('validation.username') },
          ]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="display_name" label={t('users.field.display_name')} rules={[{ max: 200, message: t('validation.max', { max: 200 }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.field.password')}
          dependencies={['username']}
          rules={[
            { required: true, message: t('validation.required') },
            { min: MIN_PASSWORD, message: t('validation.password_min', { min: MIN_PASSWORD }) },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v !== getFieldValue('username') ? Promise.resolve() : Promise.reject(new Error(t('validation.password_username'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('profile.confirm_password')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('validation.password_mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.field.role')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={roles} />
        </Form.Item>
        {role === 'agency_manager' && (
          <Form.Item name="agency_id" label={t('users.field.agency')} rules={[{ required: true, message: t('validation.agency_for_manager') }]}>
            <AgencyTreeSelect style={{ width: '100%' }} placeholder={t('people.pick_agency')} />
          </Form.Item>
        )}
        <Form.Item name="person_id" label={t('users.field.person')} extra={t('users.person_hint')}>
          <PersonPicker
            onChange={(id, p) => {
              form.setFieldValue('person_id', id)
              if (p && !form.getFieldValue('display_name')) form.setFieldValue('display_name', p.full_name)
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

export function EditUserModal({ user, onClose, onSaved }: { user: User; onClose(): void; onSaved(u: User): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Required<UserPatch>>()
  const [saving, setSaving] = useState(false)
  const role = Form.useWatch('role', form) as Role | undefined
  const roles = useRoleOptions()

  const submit = async () => {
    const v = await form.validateFields()
    const patch: UserPatch = {}
    if (v.role !== user.role) patch.role = v.role
    const agency = v.role === 'agency_manager' ? (v.agency_id ?? null) : null
    if (agency !== user.agency_id) patch.agency_id = agency
    if (v.active !== user.active) patch.active = v.active
    if ((v.display_name ?? '').trim() !== user.display_name) patch.display_name = (v.display_name ?? '').trim()
    if (Object.keys(patch).length === 0) return onClose()
    setSaving(true)
    try {
      const u = await updateUser(user.id, patch)
      message.success(t('common.saved'))
      onSaved(u)
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
      title={t('users.edit_title', { username: user.username })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: user.role, agency_id: user.agency_id, active: user.active, display_name: user.display_name }}
      >
        <Form.Item name="display_name" label={t('users.field.display_name')} rules={[{ max: 200, message: t('validation.max', { max: 200 }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="role" label={t('users.field.role')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={roles} />
        </Form.Item>
        {role === 'agency_manager' && (
          <Form.Item name="agency_id" label={t('users.field.agency')} rules={[{ required: true, message: t('validation.agency_for_manager') }]}>
            <AgencyTreeSelect style={{ width: '100%' }} placeholder={t('people.pick_agency')} />
          </Form.Item>
        )}
        <Form.Item name="active" label={t('users.field.active')} valuePropName="checked">
          <Switch checkedChildren={t('status.active')} unCheckedChildren={t('status.locked')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

export function ResetPasswordModal({ user, onClose }: { user: User; onClose(): void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ new_password: string; confirm: string }>()
  const [saving, setSaving] = useState(false)

  const submit = async () => {
    const v = await form.validateFields()
    setSaving(true)
    try {
      await resetUserPassword(user.id, v.new_password)
      message.success(t('users.password_reset_done', { username: user.username }))
      onClose()
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
      title={t('users.reset_password_title', { username: user.username })}
      okText={t('users.reset_password')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <p>{t('users.reset_password_hint')}</p>
      <Form form={form} layout="vertical">
        <Form.Item
          name="new_password"
          label={t('profile.new_password')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: MIN_PASSWORD, message: t('validation.password_min', { min: MIN_PASSWORD }) },
            {
              validator: (_, v) =>
                !v || v !== user.username ? Promise.resolve() : Promise.reject(new Error(t('validation.password_username'))),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('profile.confirm_password')}
          dependencies={['new_password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('new_password') ? Promise.resolve() : Promise.reject(new Error(t('validation.password_mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
