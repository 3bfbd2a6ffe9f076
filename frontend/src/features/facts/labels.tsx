import { Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import type { Position, PositionRole } from '../../api/types'
import { formatDate } from '../../lib/format'
import { day, decisionWording, roleColor, roleKey } from './positions'

/** RoleTag: Phụ trách CNTT (blue), Giám đốc CNTT (CIO) (purple), Chuyên trách CNTT (cyan). */
export function RoleTag({ role }: { role: PositionRole }) {
  const { t } = useTranslation()
  return (
    <Tag color={roleColor(role)} style={{ marginInlineEnd: 0 }} data-testid="position-role">
      {t(roleKey(role))}
    </Tag>
  )
}

/** Period: "01/05/2008 – nay", or "01/05/2008 – 31/12/2009" once ended. */
export function Period({ p }: { p: Pick<Position, 'valid_from' | 'valid_to'> }) {
  const { t } = useTranslation()
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatDate(day(p.valid_from))} – {p.valid_to ? formatDate(day(p.valid_to)) : t('facts.now')}
    </span>
  )
}

/** Decision: "Quyết định số 125/QĐ-UBND ngày 25/04/2008", a dash when none was recorded. */
export function Decision({ p }: { p: Pick<Position, 'decision_no' | 'decision_date'> }) {
  const { t } = useTranslation()
  const w = decisionWording(p)
  return <>{w ? t(w.key, w.values) : '—'}</>
}

interface SpanSectionProps<T> {
  /** the heading, followed by the count */
  title: string
  items: T[]
  columns: ColumnsType<T>
  loading: boolean
  empty: string
  testId: string
  /** the width below which the table scrolls sideways */
  scrollX?: number
}

/** SpanSection is a titled table of dated records (held today, or ended), paged past 20 rows. */
export function SpanSection<T extends { id: number }>({ title, items, columns, loading, empty, testId, scrollX }: SpanSectionProps<T>) {
  return (
    <div>
      <Typography.Title level={5}>
        {title} ({items.length})
      </Typography.Title>
      <Table<T>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: empty }}
        scroll={scrollX ? { x: scrollX } : undefined}
        data-testid={testId}
      />
    </div>
  )
}
