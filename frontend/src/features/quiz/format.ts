// Numbers of the quiz screens: marks and percentages with a decimal comma in
// Vietnamese, a point in English.

const locale = (lang: string) => (lang.startsWith('en') ? 'en-US' : 'vi-VN')

/** formatMark writes a mark with at most two decimals: "1,5" (vi), "1.5" (en). */
export function formatMark(n: number, lang: string): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(n)
}

/** formatPercent writes a percentage with at most one decimal: "87,5%" (vi), "87.5%" (en). */
export function formatPercent(n: number, lang: string): string {
  return `${new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(n)}%`
}

/** durationParts splits the time between two instants into hours, minutes and seconds. */
export function durationParts(from: string, to: string): { h: number; m: number; s: number } | null {
  const a = Date.parse(from)
  const b = Date.parse(to)
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return null
  const total = Math.round((b - a) / 1000)
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 }
}
