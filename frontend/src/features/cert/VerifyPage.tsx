import { useEffect, useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { Alert, Button, Card, Descriptions, Form, Input, Spin, Typography, theme } from 'antd'
import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ApiError, checkCertificateToken, verifyCertificate } from '../../api/client'
import type { TokenCheck, Verification } from '../../api/types'
import { errorText } from '../../app/errors'
import { LanguageSwitch } from '../../app/LanguageSwitch'
import { formatDate } from '../../lib/format'
import { groupCode, parseCode, tokenFrom, verifyPath } from './cert'
import { certName } from './labels'

type Outcome =
  | { kind: 'found'; v: Verification }
  | { kind: 'not_found' }
  | { kind: 'too_many' }
  | { kind: 'error'; error: unknown }

function outcomeOf(e: unknown): Outcome {
  if (e instanceof ApiError && e.status === 404) return { kind: 'not_found' }
  if (e instanceof ApiError && e.status === 429) return { kind: 'too_many' }
  return { kind: 'error', error: e }
}

/**
 * VerifyPage is the public page where anyone checks a certificate by its
 * code, without an account: typed, or opened from the QR code (whose
 * address also carries the signed token t=, checked here too).
 */
export default function VerifyPage() {
  const { t } = useTranslation()
  const { code: param = '' } = useParams()
  const [sp] = useSearchParams()
  const token = tokenFrom(sp)
  const navigate = useNavigate()
  const [form] = Form.useForm<{ code: string }>()
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [check, setCheck] = useState<TokenCheck | Outcome | null>(null)
  const [loading, setLoading] = useState(false)

  useEffect(() => {
    const code = parseCode(param)
    form.setFieldsValue({ code: code ? groupCode(code) : param })
    setOutcome(null)
    if (!param) return
    // A malformed code gets the server's answer to an unknown one, without asking.
    if (!code) {
      setOutcome({ kind: 'not_found' })
      return
    }
    let live = true
    setLoading(true)
    verifyCertificate(code)
      .then((v) => live && setOutcome({ kind: 'found', v }))
      .catch((e) => live && setOutcome(outcomeOf(e)))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [param, form])

  useEffect(() => {
    setCheck(null)
    if (!token) return
    let live = true
    checkCertificateToken(token)
      .then((c) => live && setCheck(c))
      .catch((e) => live && setCheck(outcomeOf(e)))
    return () => {
      live = false
    }
  }, [token])

  const submit = ({ code }: { code: string }) => navigate(verifyPath(code))
  // Opened with a token but no code: what the server knows of the token's code.
  const shown: Outcome | null =
    outcome ?? (!param && check && !('kind' in check) && check.current ? { kind: 'found', v: check.current } : null)

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: 'linear-gradient(180deg, #1f4e8c 0, #1f4e8c 200px, #f5f6f8 200px)' }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, padding: '12px 16px', color: '#fff' }}>
        <Link to="/verify" style={{ display: 'flex', alignItems: 'center', gap: 8, color: '#fff', fontWeight: 600, minWidth: 0 }}>
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{t('app.short_name')}</span>
        </Link>
        <LanguageSwitch compact />
      </div>
      <div style={{ flex: 1, display: 'flex', justifyContent: 'center', padding: '8px 12px 32px' }}>
        <div style={{ width: 640, maxWidth: '100%', display: 'flex', flexDirection: 'column', gap: 16 }}>
          <Card>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              <SafetyCertificateOutlined /> {t('verify.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('verify.intro')}</Typography.Paragraph>
            <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item name="code" label={t('verify.code')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]} style={{ marginBottom: 12 }}>
                <Input
                  size="large"
                  placeholder="XXXX-XXXX-XXXX-XXXX"
                  autoCapitalize="characters"
                  autoComplete="off"
                  spellCheck={false}
                  inputMode="text"
                  style={{ fontFamily: 'monospace', letterSpacing: 1 }}
                  data-testid="verify-code"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" size="large" icon={<SearchOutlined />} block loading={loading} data-testid="verify-submit">
                {t('verify.submit')}
              </Button>
            </Form>
          </Card>
          {loading && !outcome && (
            <div style={{ textAlign: 'center' }}>
              <Spin />
            </div>
          )}
          {shown && <Result outcome={shown} />}
          {check && <TokenResult check={check} code={param} />}
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {t('verify.footer')} <Link to="/login">{t('auth.sign_in')}</Link>
          </Typography.Text>
        </div>
      </div>
    </div>
  )
}

function Result({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation()
  if (outcome.kind === 'not_found') return <Alert type="warning" showIcon message={t('verify.not_found')} data-testid="verify-not-found" />
  if (outcome.kind === 'too_many') return <Alert type="error" showIcon message={t('verify.too_many')} data-testid="verify-too-many" />
  if (outcome.kind === 'error') return <Alert type="error" showIcon message={errorText(t, outcome.error)} />
  return <VerificationCard v={outcome.v} />
}

function VerificationCard({ v }: { v: Verification }) {
  const { t, i18n } = useTranslation()
  const { token } = theme.useToken()
  const look = {
    valid: { color: token.colorSuccess, bg: token.colorSuccessBg, icon: <CheckCircleFilled />, text: t('verify.status.valid') },
    expired: { color: token.colorTextSecondary, bg: token.colorFillTertiary, icon: <ClockCircleFilled />, text: t('verify.status.expired') },
    revoked: {
      color: token.colorError,
      bg: token.colorErrorBg,
      icon: <CloseCircleFilled />,
      text: v.revoked_on ? t('verify.status.revoked_on', { date: formatDate(v.revoked_on) }) : t('verify.status.revoked'),
    },
    not_issued: { color: token.colorWarning, bg: token.colorWarningBg, icon: <ClockCircleFilled />, text: t('verify.status.not_issued') },
  }[v.status]
  return (
    <Card styles={{ body: { padding: 0 } }} data-testid="verify-result">
      <div
        style={{ background: look.bg, color: look.color, padding: '20px 24px', fontSize: 26, fontWeight: 700, display: 'flex', alignItems: 'center', gap: 12, borderRadius: '8px 8px 0 0' }}
        data-testid="verify-status"
        data-status={v.status}
      >
        {look.icon}
        <span>{look.text}</span>
      </div>
      <div style={{ padding: '16px 24px' }}>
        <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 140 } }}>
          <Descriptions.Item label={t('cert.field.holder')}>
            <Typography.Text strong>{v.holder_name}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('cert.field.certification')}>{certName(v, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('cert.field.issuer')}>{v.issuer}</Descriptions.Item>
          <Descriptions.Item label={t('cert.field.serial')}>{v.serial}</Descriptions.Item>
          <Descriptions.Item label={t('cert.field.issued_on')}>{formatDate(v.issued_on)}</Descriptions.Item>
          <Descriptions.Item label={t('cert.field.expires_on')}>{v.expires_on ? formatDate(v.expires_on) : t('cert.no_expiry')}</Descriptions.Item>
          <Descriptions.Item label={t('cert.field.code')}>
            <span style={{ fontFamily: 'monospace' }}>{v.code}</span>
          </Descriptions.Item>
        </Descriptions>
      </div>
    </Card>
  )
}

function TokenResult({ check, code }: { check: TokenCheck | Outcome; code: string }) {
  const { t } = useTranslation()
  if ('kind' in check) {
    if (check.kind === 'too_many') return <Alert type="error" showIcon message={t('verify.too_many')} />
    return <Alert type="error" showIcon message={t('verify.token.check_failed')} />
  }
  if (!check.signature_valid) {
    return (
      <Alert
        type="error"
        showIcon
        message={t('verify.token.invalid')}
        description={t(check.reason === 'unknown_key' ? 'verify.token.unknown_key' : 'verify.token.bad_signature')}
        data-testid="verify-token"
        data-valid="false"
      />
    )
  }
  const typed = parseCode(code)
  const claimed = check.claims ? parseCode(check.claims.code) : null
  const mismatch = typed !== null && claimed !== null && typed !== claimed
  const current = check.current
  let server: string
  if (!check.known) server = t('verify.token.unknown_to_server')
  else if (current?.status === 'revoked')
    server = current.revoked_on ? t('verify.token.revoked_on', { date: formatDate(current.revoked_on) }) : t('verify.token.revoked')
  else server = t('verify.token.not_revoked')
  return (
    <Alert
      type={mismatch || !check.known || current?.status === 'revoked' ? 'warning' : 'success'}
      showIcon
      message={t('verify.token.valid')}
      description={
        <>
          {check.claims && (
            <div>
              {t('verify.token.claims', { holder: check.claims.holder_name, serial: check.claims.serial, code: groupCode(claimed ?? check.claims.code) })}
            </div>
          )}
          {mismatch && <div>{t('verify.token.mismatch')}</div>}
          <div data-testid="verify-token-server">{server}</div>
        </>
      }
      data-testid="verify-token"
      data-valid="true"
    />
  )
}
