import { useMemo, useState } from 'react'
import { Input, Select, Space, Table, Tag, theme, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import type { TargetAgencyRow, TargetValue } from '../../api/types'
import { formatNumber, formatPercent } from '../../lib/format'
import { cellOf, cellTone, compareByTarget, filterRows, toneToken } from './byAgency'

interface Props {
  rows: TargetAgencyRow[]
  /** the targets, in the order of each row's values (targetValues' items) */
  targets: TargetValue[]
  loading: boolean
  onCell(row: TargetAgencyRow, target: TargetValue): void
}

/** AgencyTable ("Theo đơn vị") shows each department and district of the scope against every target. */
export function AgencyTable({ rows, targets, loading, onCell }: Props) {
  const { t, i18n } = useTranslation()
  const { token } = theme.useToken()
  const lang = i18n.language
  const [level, setLevel] = useState<TargetAgencyRow['level'] | undefined>()
  const [q, setQ] = useState('')
  const shown = useMemo(() => filterRows(rows, level, q), [rows, level, q])

  const columns: ColumnsType<TargetAgencyRow> = [
    {
      key: 'name',
      title: t('targets.by_agency.agency'),
      fixed: 'left',
      width: 240,
      sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <Typography.Text>{r.name}</Typography.Text>
          <Tag color={r.level === 'department' ? 'geekblue' : 'purple'} style={{ marginInlineEnd: 0 }}>
            {t(`targets.by_agency.level.${r.level}`)}
          </Tag>
        </Space>
      ),
    },
    ...targets.map((tv) => ({
      key: tv.code,
      title: (
        <Tooltip title={lang === 'en' && tv.text_en ? tv.text_en : tv.text_vi}>
          <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{tv.code}</span>
        </Tooltip>
      ),
      align: 'center' as const,
      width: 120,
      sorter: compareByTarget(tv.code),
      render: (_: unknown, r: TargetAgencyRow) => {
        const v = cellOf(r, tv.code)
        if (!v) return '—'
        const tone = cellTone(v)
        return (
          <button
            type="button"
            onClick={() => onCell(r, tv)}
            data-testid="target-cell"
            data-code={tv.code}
            data-tone={tone}
            aria-label={t('targets.missing.open', { code: tv.code, agency: r.name })}
            style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', font: 'inherit' }}
          >
            <div style={{ color: token[toneToken[tone]], fontWeight: 600 }}>
              {v.percent === null ? '—' : formatPercent(v.percent, lang)}
            </div>
            <div style={{ fontSize: 12, color: token.colorTextSecondary }}>
              {`${formatNumber(v.numerator, lang)}/${formatNumber(v.denominator, lang)}`}
            </div>
          </button>
        )
      },
    })),
  ]

  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }}>
      <Space wrap size={8}>
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('targets.by_agency.search')}
          style={{ width: 280, maxWidth: '100%' }}
          data-testid="target-agency-search"
        />
        <Select
          allowClear
          value={level}
          onChange={setLevel}
          placeholder={t('targets.by_agency.any_level')}
          style={{ width: 180 }}
          options={(['department', 'district'] as const).map((l) => ({ value: l, label: t(`targets.by_agency.level.${l}`) }))}
          data-testid="target-level-filter"
        />
        <Typography.Text type="secondary">{t('targets.by_agency.count', { count: shown.length })}</Typography.Text>
      </Space>
      <Table<TargetAgencyRow>
        rowKey="agency_id"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={shown}
        pagination={false}
        scroll={{ x: 240 + targets.length * 120 }}
        data-testid="target-agency-table"
        locale={{ emptyText: t('common.no_results') }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('targets.by_agency.hint')}
      </Typography.Text>
    </Space>
  )
}
