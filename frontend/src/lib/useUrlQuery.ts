import { useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'

type Patch = Record<string, string | number | boolean | undefined>

/**
 * useUrlQuery keeps a list page's filters in the address, so a link or a
 * reload shows the same list. read turns the address into the query; update
 * writes a change (empty values and page 1 are left out, and any change but
 * the page goes back to page 1 unless resetPage is false). The search box is
 * typed into `typed` and written to q a moment after typing stops; the
 * server folds diacritics, so it is sent as typed.
 */
export function useUrlQuery<Q extends { q?: string }>(read: (sp: URLSearchParams) => Q) {
  const [sp, setSp] = useSearchParams()
  const query = useMemo(() => read(sp), [sp, read])
  const [typed, setTyped] = useState(query.q ?? '')

  const update = (patch: Patch, resetPage = true) => {
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev)
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === '' || (k === 'page' && v === 1)) next.delete(k)
          else next.set(k, String(v))
        }
        if (resetPage && !('page' in patch)) next.delete('page')
        return next
      },
      { replace: true },
    )
  }

  useEffect(() => {
    if ((query.q ?? '') === typed) return
    const id = setTimeout(() => update({ q: typed }), 300)
    return () => clearTimeout(id)
    // Only typing starts the timer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed])

  return { query, update, typed, setTyped }
}
