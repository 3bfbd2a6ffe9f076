// The trend of one target over the six-monthly report days: an SVG line
// chart with the threshold as a dashed line, a title and a description for
// screen readers, and the numbers in a table that opens below it.

import { useId } from 'react'
import { theme } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDate, formatNumber, formatPercent } from '../../lib/format'
import { DataTable } from '../quizadmin/charts'
import { linePath, xScale, yScale, type Point } from './targets'

const W = 520
const H = 170
const PAD = { left: 40, right: 12, top: 10, bottom: 24 }
const TICKS = [0, 50, 100]

interface Props {
  title: string
  points: Point[]
  threshold: number
  /** the threshold in words, for the description and the table */
  rule: string
}

/** TrendChart draws a target's percent over the report days, with its threshold dashed. */
export function TrendChart({ title, points, threshold, rule }: Props) {
  const { t, i18n } = useTranslation()
  const { token } = theme.useToken()
  const id = useId()
  const lang = i18n.language
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const x = xScale(
    points.map((p) => p.day),
    PAD.left,
    plotW,
  )
  const y = (p: number) => yScale(p, PAD.top, plotH)
  const xy = points.map((p) => ({ ...p, x: x(p.day), y: p.percent === null ? null : y(p.percent) }))
  const label = (p: Point) => `${formatDate(p.day)}: ${p.percent === null ? t('targets.status.no_data') : formatPercent(p.percent, lang)}`
  const first = points[0]
  const last = points[points.length - 1]

  return (
    <figure style={{ margin: 0 }} data-testid="trend-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} style={{ maxWidth: W, display: 'block' }}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{[`${t('targets.trend.threshold')}: ${rule}`, ...points.map(label)].join('; ')}</desc>
        {TICKS.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke={token.colorBorderSecondary} />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill={token.colorTextSecondary}>
              {`${v}%`}
            </text>
          </g>
        ))}
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={y(threshold)}
          y2={y(threshold)}
          stroke={token.colorError}
          strokeDasharray="5 4"
          strokeWidth={1.5}
          data-testid="trend-threshold"
        >
          <title>{`${t('targets.trend.threshold')}: ${rule}`}</title>
        </line>
        <path d={linePath(xy)} fill="none" stroke={token.colorPrimary} strokeWidth={2} strokeLinejoin="round" />
        {xy.map((p) =>
          p.y === null ? null : (
            <circle key={p.day} cx={p.x} cy={p.y} r={3.5} fill={token.colorBgContainer} stroke={token.colorPrimary} strokeWidth={2}>
              <title>{label(p)}</title>
            </circle>
          ),
        )}
        {first && (
          <text x={PAD.left} y={H - 6} textAnchor="start" fontSize={10} fill={token.colorTextSecondary}>
            {formatDate(first.day)}
          </text>
        )}
        {last && last !== first && (
          <text x={W - PAD.right} y={H - 6} textAnchor="end" fontSize={10} fill={token.colorTextSecondary}>
            {formatDate(last.day)}
          </text>
        )}
      </svg>
      <DataTable
        caption={title}
        head={[t('targets.trend.day'), t('targets.trend.percent'), t('targets.trend.count')]}
        rows={points.map((p) => [
          formatDate(p.day),
          p.percent === null ? t('targets.status.no_data') : formatPercent(p.percent, lang),
          p.numerator === undefined || p.denominator === undefined ? '—' : `${formatNumber(p.numerator, lang)}/${formatNumber(p.denominator, lang)}`,
        ])}
      />
    </figure>
  )
}
