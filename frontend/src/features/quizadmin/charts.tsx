// Two small SVG charts of the statistics tab. Each is an image with a title
// and a description for screen readers, and the numbers behind it in a table
// that opens below it.

import { useId } from 'react'
import { theme, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { barHeights, creditKind, niceScale, shares, type Bin, type CreditKind } from './stats'

const W = 640
const H = 240
const PAD = { left: 40, right: 12, top: 12, bottom: 36 }

/** ScoreHistogram draws how many graded attempts fall in each tenth of the percent scale. */
export function ScoreHistogram({ bins, title }: { bins: Bin[]; title: string }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const id = useId()
  const counts = bins.map((b) => b.count)
  const scale = niceScale(Math.max(0, ...counts))
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const heights = barHeights(counts, scale.max, plotH)
  const slot = plotW / bins.length
  const ticks = Array.from({ length: Math.round(scale.max / scale.step) + 1 }, (_, i) => i * scale.step)
  const label = (b: Bin) => `${b.from}–${b.to}%`
  const total = counts.reduce((a, b) => a + b, 0)

  return (
    <figure style={{ margin: 0 }} data-testid="histogram">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        style={{ maxWidth: W, display: 'block', fontFamily: 'inherit' }}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{bins.map((b) => `${label(b)}: ${b.count}`).join('; ')}</desc>
        {ticks.map((v) => {
          const y = PAD.top + plotH - (v / scale.max) * plotH
          return (
            <g key={v}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} stroke={token.colorBorderSecondary} />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end" fontSize={11} fill={token.colorTextSecondary}>
                {v}
              </text>
            </g>
          )
        })}
        {bins.map((b, i) => {
          const h = heights[i]
          const x = PAD.left + i * slot + slot * 0.12
          const y = PAD.top + plotH - h
          return (
            <g key={b.from}>
              <rect x={x} y={y} width={slot * 0.76} height={h} fill={token.colorPrimary} rx={2}>
                <title>{`${label(b)}: ${b.count}`}</title>
              </rect>
              {b.count > 0 && (
                <text x={x + slot * 0.38} y={y - 4} textAnchor="middle" fontSize={11} fill={token.colorText}>
                  {b.count}
                </text>
              )}
              <text x={PAD.left + i * slot + slot / 2} y={H - PAD.bottom + 16} textAnchor="middle" fontSize={10} fill={token.colorTextSecondary}>
                {`${b.from}–${b.to}`}
              </text>
            </g>
          )
        })}
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke={token.colorTextSecondary} />
        <text x={PAD.left + plotW / 2} y={H - 4} textAnchor="middle" fontSize={11} fill={token.colorTextSecondary}>
          {t('quizadmin.stats.score_axis')}
        </text>
      </svg>
      <DataTable
        caption={title}
        head={[t('quizadmin.stats.score_range'), t('quizadmin.stats.attempts_in_range')]}
        rows={[...bins.map((b) => [label(b), String(b.count)]), [t('quizadmin.stats.total'), String(total)]]}
      />
    </figure>
  )
}

export interface AnswerCount {
  label: string
  count: number
  credit: number
}

const ROW = 26
const LABEL_W = 220
const MAX_LABEL = 34

const short = (s: string) => (s.length > MAX_LABEL ? s.slice(0, MAX_LABEL - 1) + '…' : s)

/** AnswerBars draws how often each answer of a question was given, right answers in green. */
export function AnswerBars({ answers, title, lang }: { answers: AnswerCount[]; title: string; lang: string }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const id = useId()
  const colors: Record<CreditKind, string> = { right: token.colorSuccess, partial: token.colorWarning, wrong: token.colorTextQuaternary }
  const share = shares(answers)
  const pct = (f: number) => (f * 100).toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 }) + '%'
  const barW = W - LABEL_W - 80
  const h = answers.length * ROW + 8
  const kind = (c: number) => t(`quizadmin.stats.credit.${creditKind(c)}`)

  if (answers.length === 0) return <Typography.Text type="secondary">{t('quizadmin.stats.no_answers')}</Typography.Text>
  return (
    <figure style={{ margin: 0 }} data-testid="answer-bars">
      <svg viewBox={`0 0 ${W} ${h}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} style={{ maxWidth: W, display: 'block' }}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{answers.map((a, i) => `${a.label}: ${a.count} (${pct(share[i])}, ${kind(a.credit)})`).join('; ')}</desc>
        {answers.map((a, i) => {
          const y = 4 + i * ROW
          const w = share[i] > 0 ? Math.max(2, share[i] * barW) : 0
          return (
            <g key={i}>
              <title>{`${a.label}: ${a.count} (${pct(share[i])})`}</title>
              <text x={LABEL_W - 8} y={y + 16} textAnchor="end" fontSize={12} fill={token.colorText}>
                {short(a.label || '—')}
              </text>
              <rect x={LABEL_W} y={y + 3} width={barW} height={ROW - 8} fill={token.colorFillQuaternary} rx={2} />
              <rect x={LABEL_W} y={y + 3} width={w} height={ROW - 8} fill={colors[creditKind(a.credit)]} rx={2} />
              <text x={LABEL_W + barW + 6} y={y + 16} fontSize={11} fill={token.colorTextSecondary}>
                {`${a.count} · ${pct(share[i])}`}
              </text>
            </g>
          )
        })}
      </svg>
      <DataTable
        caption={title}
        head={[t('quizadmin.stats.answer'), t('quizadmin.stats.times'), '%', t('quizadmin.stats.credit_col')]}
        rows={answers.map((a, i) => [a.label || '—', String(a.count), pct(share[i]), kind(a.credit)])}
      />
    </figure>
  )
}

/** DataTable is the numbers of a chart, folded away under it (the targets' trend uses it too). */
export function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const cell = { padding: '2px 8px', borderBottom: `1px solid ${token.colorBorderSecondary}`, textAlign: 'left' as const }
  return (
    <details style={{ marginTop: 4 }}>
      <summary style={{ cursor: 'pointer', color: token.colorTextSecondary, fontSize: 12 }}>{t('quizadmin.stats.show_table')}</summary>
      <table style={{ borderCollapse: 'collapse', fontSize: 12, marginTop: 4 }}>
        <caption style={{ textAlign: 'left', captionSide: 'top', fontWeight: 600 }}>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" style={cell}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} style={cell}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}
