import { Tag, Tooltip } from 'antd'
import { ClockCircleOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { Certificate } from '../../api/types'
import { formatDate, formatDay } from '../../lib/format'
import { pick } from '../course/progress'
import { expiryLevel, shownStatus, statusColor } from './cert'

/** certName is the certification's name in the interface language. */
export function certName(c: { certification_name_vi: string; certification_name_en: string }, lang: string): string {
  return pick(c.certification_name_vi, c.certification_name_en, lang)
}

/** ExpiresOn shows the expiry date, or that the certificate never expires. */
export function ExpiresOn({ date }: { date: string | null }) {
  const { t } = useTranslation()
  return <>{date ? formatDate(date) : t('cert.no_expiry')}</>
}

/** StatusTag: Còn hiệu lực (green), Hết hạn (grey), Đã thu hồi (red, with the reason), Đã được gia hạn. */
export function StatusTag({ cert, withReason = false }: { cert: Certificate; withReason?: boolean }) {
  const { t } = useTranslation()
  const s = shownStatus(cert)
  const tag = (
    <Tag color={statusColor(s)} data-testid="cert-status" style={{ marginInlineEnd: 0 }}>
      {t(`cert.status.${s}`)}
    </Tag>
  )
  if (s !== 'revoked' || !cert.revoked_reason) return tag
  const reason = t('cert.revoked_reason', { date: formatDay(cert.revoked_at), reason: cert.revoked_reason })
  return withReason ? (
    <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 2 }}>
      {tag}
      <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }} data-testid="cert-revoked-reason">
        {reason}
      </span>
    </span>
  ) : (
    <Tooltip title={reason}>{tag}</Tooltip>
  )
}

/** ExpiryTag warns of an expiry within 60 days (orange) or 30 days (red); nothing otherwise. */
export function ExpiryTag({ cert }: { cert: Certificate }) {
  const { t } = useTranslation()
  const level = expiryLevel(cert)
  if (!level) return null
  const days = cert.expires_in_days ?? 0
  return (
    <Tag icon={<ClockCircleOutlined />} color={level} data-testid="cert-expiry" style={{ marginInlineEnd: 0 }}>
      {days === 0 ? t('cert.expires_today') : t('cert.expires_in', { count: days })}
    </Tag>
  )
}
