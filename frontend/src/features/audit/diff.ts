/** DiffRow is one top-level key of an audited object, before and after. */
export interface DiffRow {
  key: string
  before: unknown
  after: unknown
  changed: boolean
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * diffRows lines up the keys of before and after (either may be null, for a
 * creation or a deletion) and marks those whose values differ. It returns
 * null when the two are not both objects-or-null, to show them whole.
 */
export function diffRows(before: unknown, after: unknown): DiffRow[] | null {
  const b = before ?? {}
  const a = after ?? {}
  if (!isObject(b) || !isObject(a)) return null
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return keys.map((key) => ({
    key,
    before: b[key],
    after: a[key],
    changed: JSON.stringify(b[key]) !== JSON.stringify(a[key]),
  }))
}

export function show(v: unknown): string {
  if (v === undefined) return ''
  if (typeof v === 'string') return v
  return JSON.stringify(v, null, 2)
}
