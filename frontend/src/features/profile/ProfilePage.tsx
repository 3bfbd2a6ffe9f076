import { useEffect, useState } from 'react'
import { useNavigate } from 'react-router'
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Skeleton, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError, changePassword, getPerson } from '../../api/client'
import type { Person } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { useAuth, useMe } from '../auth/AuthContext'
import { canAccess, homePath } from '../auth/access'
import { PersonDetails } from '../org/PersonDetails'
import { MIN_PASSWORD } from '../users/UserForms'

interface PasswordValues {
  current_password: string
  new_password: string
  confirm: string
}

export default function ProfilePage() {
  const { t } = useTranslation()
  const me = useMe()
  const { reload } = useAuth()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [person, setPerson] = useState<Person | null>(null)
  const [personError, setPersonError] = useState<unknown>(null)
  const [form] = Form.useForm<PasswordValues>()
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (me.person_id === null) return
    let live = true
    getPerson(me.person_id)
      .then((p) => live && setPerson(p))
      .catch((e) => live && setPersonError(e))
    return () => {
      live = false
    }
  }, [me.person_id])

  const submit = async (v: PasswordValues) => {
    setSaving(true)
    try {
      await changePassword({ current_password: v.current_password, new_password: v.new_password })
      form.resetFields()
      message.success(t('profile.password_changed'))
      if (me.must_change_password) {
        await reload()
        navigate(homePath(me.role), { replace: true })
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'wrong_password') {
        form.setFields([{ name: 'current_password', errors: [t('errors.wrong_password')] }])
      } else if (e instanceof ApiError && e.code === 'weak_password') {
        form.setFields([{ name: 'new_password', errors: [t('errors.weak_password')] }])
      } else if (!applyFieldErrors(form, t, e)) {
        message.error(errorText(t, e))
      }
    } finally {
      setSaving(false)
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('profile.title')}
      </Typography.Title>
      {me.must_change_password && (
        <Alert type="warning" showIcon message={t('profile.must_change')} description={t('profile.must_change_hint')} data-testid="must-change" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('profile.account')} size="small">
            <Descriptions column={1} bordered size="small" labelStyle={{ width: 180 }}>
              <Descriptions.Item label={t('users.field.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('users.field.display_name')}>{me.display_name || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('users.field.role')}>
                <Tag color="blue">{t(`roles.${me.role}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('users.field.agency')}>{me.agency_name || '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('profile.change_password')} size="small">
            <Form<PasswordValues> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
              <Form.Item name="current_password" label={t('profile.current_password')} rules={[{ required: true, message: t('validation.required') }]}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                name="new_password"
                label={t('profile.new_password')}
                extra={t('profile.password_rule', { min: MIN_PASSWORD })}
                dependencies={['current_password']}
                rules={[
                  { required: true, message: t('validation.required') },
                  { min: MIN_PASSWORD, message: t('validation.password_min', { min: MIN_PASSWORD }) },
                  ({ getFieldValue }) => ({
                    validator: (_, v) =>
                      !v || v !== getFieldValue('current_password')
                        ? v !== me.username
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('validation.password_username')))
                        : Promise.reject(new Error(t('validation.password_same'))),
                  }),
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
                      !v || v === getFieldValue('new_password')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('validation.password_mismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saving}>
                {t('profile.change_password')}
              </Button>
            </Form>
          </Card>
        </Col>
        {me.person_id !== null && (
          <Col span={24}>
            <Card title={t('profile.person')} size="small">
              {personError ? (
                <Alert type="info" showIcon message={errorText(t, personError)} />
              ) : person ? (
                <PersonDetails person={person} linkAgency={canAccess(me.role, 'agencies')} />
              ) : (
                <Skeleton active />
              )}
            </Card>
          </Col>
        )}
      </Row>
    </Space>
  )
}
