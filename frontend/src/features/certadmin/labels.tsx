import { Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Certification, CertificationTarget } from '../../api/types'
import { targetColor, targetKey, type ReqRow } from './certadmin'

/** TargetTag: the target of the decision a certification counts for (Tin học cơ bản, Giám đốc CNTT …). */
export function TargetTag({ target }: { target: CertificationTarget | null }) {
  const { t } = useTranslation()
  if (!target) return <Typography.Text type="secondary">{t('certadmin.target.none')}</Typography.Text>
  return (
    <Tag color={targetColor(target)} style={{ marginInlineEnd: 0 }}>
      {t(targetKey(target))}
    </Tag>
  )
}

/** SourceTag: whether what earns a certification comes from the course files or was set in the app. */
export function SourceTag({ source }: { source: Certification['source'] }) {
  const { t } = useTranslation()
  return (
    <Tag color={source === 'files' ? 'gold' : 'green'} style={{ marginInlineEnd: 0 }} data-testid="certification-source">
      {t(`certadmin.source.${source}`)}
    </Tag>
  )
}

/** Validity: "Không thời hạn", or "36 tháng". */
export function Validity({ months }: { months: number | null }) {
  const { t } = useTranslation()
  return <>{months === null ? t('cert.no_expiry') : t('certadmin.months', { count: months })}</>
}

/** Renewal: the window before expiry in which a holder renews, and what renewing asks for; nothing for a certificate that never expires. */
export function Renewal({ c }: { c: Pick<Certification, 'validity_months' | 'renew_window_days' | 'renew_requires'> }) {
  const { t } = useTranslation()
  if (c.validity_months === null) return null
  const small = { fontSize: 12 }
  if (c.renew_window_days === 0) {
    return (
      <Typography.Text type="secondary" style={small}>
        {t('certadmin.no_renewal')}
      </Typography.Text>
    )
  }
  return (
    <Typography.Text type="secondary" style={small}>
      {t('certadmin.renew_days', { count: c.renew_window_days })} · {t(`certadmin.renew_requires.${c.renew_requires}`)}
    </Typography.Text>
  )
}

/** RequirementLine is one requirement: a course to complete, or a quiz to pass with its minimum. */
export function RequirementLine({ row }: { row: ReqRow }) {
  const { t } = useTranslation()
  if (row.kind === 'course') return <>{t('certadmin.req.course_line', { title: row.title })}</>
  return (
    <>
      {row.min_percent === null
        ? t('certadmin.req.quiz_line', { title: row.title })
        : t('certadmin.req.quiz_min_line', { title: row.title, min: row.min_percent })}
    </>
  )
}

/** Requirements lists what earns a certification: all of them, or any one. */
export function Requirements({ mode, rows }: { mode: Certification['requirement_mode']; rows: ReqRow[] }) {
  const { t } = useTranslation()
  if (rows.length === 0) return <Typography.Text type="secondary">{t('certadmin.req.none')}</Typography.Text>
  return (
    <div>
      {rows.length > 1 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`certadmin.req.mode_${mode}`)}
        </Typography.Text>
      )}
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {rows.map((r) => (
          <li key={r.kind === 'course' ? `c:${r.course_slug}` : `q:${r.quiz_id}`}>
            <RequirementLine row={r} />
          </li>
        ))}
      </ul>
    </div>
  )
}
