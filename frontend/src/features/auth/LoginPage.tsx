import { useEffect, useState } from 'react'
import { Navigate, useLocation, useNavigate } from 'react-router'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/client'
import { errorText } from '../../app/errors'
import { FullPageSpin } from '../../app/guards'
import { LanguageSwitch } from '../../app/LanguageSwitch'
import { useAuth } from './AuthContext'
import { homePath } from './access'

interface Credentials {
  username: string
  password: string
}

export default function LoginPage() {
  const { t } = useTranslation()
  const { status, user, signIn } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [retryUntil, setRetryUntil] = useState<number | null>(null)
  const [now, setNow] = useState(() => Date.now())

  // Count down the lock-out of too_many_attempts.
  useEffect(() => {
    if (retryUntil === null) return
    const id = setInterval(() => {
      const n = Date.now()
      setNow(n)
      if (n >= retryUntil) setRetryUntil(null)
    }, 1000)
    return () => clearInterval(id)
  }, [retryUntil])

  if (status === 'loading') return <FullPageSpin />
  if (user && !busy) return <Navigate to={homePath(user.role)} replace />

  const onFinish = async (v: Credentials) => {
    setBusy(true)
    setError(null)
    try {
      const me = await signIn(v.username.trim(), v.password)
      const from = (location.state as { from?: string } | null)?.from
      navigate(me.must_change_password ? '/profile' : from && from !== '/' ? from : homePath(me.role), {
        replace: true,
      })
    } catch (e) {
      setError(e)
      if (e instanceof ApiError && e.code === 'too_many_attempts') {
        const secs = Number(e.details.retry_after_seconds) || 60
        setNow(Date.now())
        setRetryUntil(Date.now() + secs * 1000)
      }
    } finally {
      setBusy(false)
    }
  }

  const waitSeconds = retryUntil ? Math.max(0, Math.ceil((retryUntil - now) / 1000)) : 0
  let message: string | null = null
  if (error instanceof ApiError && error.code === 'too_many_attempts') {
    message = waitSeconds > 0 ? t('auth.too_many_attempts_wait', { seconds: waitSeconds }) : t('auth.try_again_now')
  } else if (error) {
    message = errorText(t, error)
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(180deg, #1f4e8c 0, #1f4e8c 240px, #f5f6f8 240px)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', justifyContent: 'center', alignItems: 'flex-start', padding: '24px 16px' }}>
        <Card style={{ width: 400, maxWidth: '100%' }}>
          <div style={{ textAlign: 'center', marginBottom: 24 }}>
            <img src="/favicon.svg" alt="" width={48} height={48} />
            <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
              {t('auth.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.name')}</Typography.Text>
          </div>
          {message && (
            <Alert
              type="error"
              showIcon
              message={message}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.password')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} disabled={waitSeconds > 0}>
              {t('auth.sign_in')}
            </Button>
          </Form>
        </Card>
      </div>
    </div>
  )
}
