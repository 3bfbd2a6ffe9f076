import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { periodParts } from './reports'

/** periodText names a half year: "6 tháng đầu năm 2009" / "First half of 2009". */
export function periodText(t: TFunction, code: string): string {
  const p = periodParts(code)
  if (!p) return code
  return t(p.half === 1 ? 'reports.h1' : 'reports.h2', { year: p.year })
}

/** PeriodLabel is periodText as an element. */
export function PeriodLabel({ code }: { code: string }) {
  const { t } = useTranslation()
  return <>{periodText(t, code)}</>
}
