// Dates are shown dd/mm/yyyy, times in Asia/Ho_Chi_Minh whatever the
// browser's own time zone.

export const DATE_FORMAT = 'DD/MM/YYYY'
export const TIME_ZONE = 'Asia/Ho_Chi_Minh'

/** formatDate turns "YYYY-MM-DD" (a calendar date, no time zone) into dd/mm/yyyy. */
export function formatDate(d: string | null | undefined): string {
  if (!d) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : d
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** formatDateTime turns an RFC 3339 instant into "dd/mm/yyyy HH:mm" (with seconds when asked) in Vietnam time. */
export function formatDateTime(ts: string | null | undefined, seconds = false): string {
  if (!ts) return ''
  const d = new Date(ts)
  if (Number.isNaN(d.getTime())) return ts
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]))
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`
}

/** formatDay turns an RFC 3339 instant into its dd/mm/yyyy date in Vietnam time. */
export function formatDay(ts: string | null | undefined): string {
  return formatDateTime(ts).slice(0, 10)
}

const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

/** todayISO is the calendar date ("YYYY-MM-DD") in Vietnam at the instant now. */
export function todayISO(now: Date = new Date()): string {
  return isoDay.format(now)
}

const numberFormats = new Map<string, Intl.NumberFormat>()

/**
 * formatNumber shows a number the way the language writes it: Vietnamese
 * with a dot between thousands and a decimal comma ("3.120", "42,9"),
 * English the other way round. At most `digits` decimals, none when round.
 */
export function formatNumber(n: number, lang: string, digits = 0): string {
  const locale = lang === 'en' ? 'en-GB' : 'vi-VN'
  const key = `${locale}/${digits}`
  let f = numberFormats.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })
    numberFormats.set(key, f)
  }
  return f.format(n)
}

/** formatPercent shows a percent (0..100) with one decimal at most: "42,9%"; null as a dash. */
export function formatPercent(p: number | null | undefined, lang: string, digits = 1): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—'
  return `${formatNumber(p, lang, digits)}%`
}
