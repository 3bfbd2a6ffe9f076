import { Card, Space, Spin, Tag, theme, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TargetValue } from '../../api/types'
import { formatDate, formatNumber, formatPercent } from '../../lib/format'
import { project, verdictColor } from './projection'
import { TrendChart } from './TrendChart'
import { countsAgencies, ruleKey, shownStatus, statusColor, type Point, type Shown } from './targets'

interface Props {
  value: TargetValue
  /** the trend over the report days up to the chosen one; undefined while it loads */
  trend?: Point[]
  trendLoading: boolean
}

/** TargetCard shows one target on the chosen day: its value, the threshold, the status and the trend. */
export function TargetCard({ value: v, trend, trendLoading }: Props) {
  const { t, i18n } = useTranslation()
  const { token } = theme.useToken()
  const lang = i18n.language
  const shown = shownStatus(v)
  const text = lang === 'en' && v.text_en ? v.text_en : v.text_vi
  const rule = t(ruleKey(v.rule, v.threshold), { pct: formatNumber(v.threshold, lang, 1) })
  const count = t(countsAgencies(v.population) ? 'targets.count_agencies' : 'targets.count_people', {
    num: formatNumber(v.numerator, lang),
    den: formatNumber(v.denominator, lang),
  })
  const barColor: Record<Shown, string> = {
    met: token.colorSuccess,
    missed: token.colorError,
    on_track: token.colorPrimary,
    at_risk: token.colorWarning,
    no_data: token.colorTextQuaternary,
  }

  return (
    <Card
      size="small"
      data-testid="target-card"
      data-code={v.code}
      style={{ height: '100%' }}
      title={
        <Space size={8} wrap>
          <Tag style={{ marginInlineEnd: 0, fontFamily: 'monospace' }}>{v.code}</Tag>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {t('targets.section', { section: v.section })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Tag color={statusColor[shown]} data-testid="target-status" style={{ marginInlineEnd: 0 }}>
          {t(`targets.status.${shown}`)}
        </Tag>
      }
    >
      <Typography.Paragraph style={{ minHeight: 44 }}>{text}</Typography.Paragraph>
      <Space align="baseline" size={12} wrap>
        <span data-testid="target-value" style={{ fontSize: v.percent === null ? 18 : 32, fontWeight: 600, lineHeight: 1.2, color: v.percent === null ? token.colorTextSecondary : token.colorText }}>
          {v.percent === null ? t('targets.status.no_data') : formatPercent(v.percent, lang)}
        </span>
        <Typography.Text type="secondary" data-testid="target-count">
          {count}
        </Typography.Text>
      </Space>
      <ThresholdBar percent={v.percent} threshold={v.threshold} color={barColor[shown]} label={`${v.percent === null ? t('targets.status.no_data') : formatPercent(v.percent, lang)}; ${t('targets.trend.threshold')}: ${rule}`} />
      <Space size={4} wrap style={{ marginBottom: 8 }}>
        <Typography.Text data-testid="target-rule">{rule}</Typography.Text>
        <Typography.Text type="secondary">·</Typography.Text>
        <Typography.Text type="secondary" data-testid="target-deadline">
          {t('targets.deadline', { date: formatDate(v.deadline) })}
        </Typography.Text>
      </Space>
      {!trendLoading && <ProjectionLine trend={trend} value={v} />}
      <Spin spinning={trendLoading} size="small">
        {trend && trend.length > 0 ? (
          <TrendChart title={t('targets.trend.title', { code: v.code })} points={trend} threshold={v.threshold} rule={rule} />
        ) : (
          <div style={{ height: 40 }} />
        )}
      </Spin>
    </Card>
  )
}

/** ProjectionLine: "Dự báo đến hạn 31/12/2010: 72,5% · kịp đạt", nothing past the deadline or without two days of data. */
function ProjectionLine({ trend, value }: { trend?: Point[]; value: TargetValue }) {
  const { t, i18n } = useTranslation()
  const p = trend ? project(trend, value) : null
  if (!p) return null
  return (
    <div style={{ marginBottom: 8 }} title={t('targets.projection.hint')} data-testid="target-projection">
      <Space size={6} wrap>
        <Typography.Text type="secondary">{t('targets.projection.label', { date: formatDate(p.deadline) })}</Typography.Text>
        <Typography.Text strong data-testid="target-projection-value">
          {formatPercent(p.percent, i18n.language)}
        </Typography.Text>
        <Tag color={verdictColor[p.verdict]} style={{ marginInlineEnd: 0 }} data-testid="target-projection-verdict">
          {t(`targets.projection.${p.verdict}`)}
        </Tag>
      </Space>
    </div>
  )
}

/** ThresholdBar is the percent as a bar, with the threshold marked on it. */
function ThresholdBar({ percent, threshold, color, label }: { percent: number | null; threshold: number; color: string; label: string }) {
  const { token } = theme.useToken()
  const clamp = (p: number) => Math.min(100, Math.max(0, p))
  return (
    <div
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-label={label}
      title={label}
      style={{ position: 'relative', height: 10, margin: '10px 0 12px', borderRadius: 5, background: token.colorFillSecondary }}
    >
      <div style={{ width: `${clamp(percent ?? 0)}%`, height: '100%', borderRadius: 5, background: color }} />
      <div
        data-testid="target-threshold"
        style={{
          position: 'absolute',
          left: `calc(${clamp(threshold)}% - 1px)`,
          top: -4,
          bottom: -4,
          width: 2,
          background: token.colorText,
        }}
      />
    </div>
  )
}
