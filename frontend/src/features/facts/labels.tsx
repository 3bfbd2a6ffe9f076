import { Tag } from 'antd'
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
