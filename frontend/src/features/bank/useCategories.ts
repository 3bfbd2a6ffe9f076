import { useCallback, useEffect, useMemo, useState } from 'react'
import { listQuestionCategories } from '../../api/client'
import type { QuestionCategory } from '../../api/types'

/** useCategories loads the question categories (a flat list); reload() fetches them again, e.g. after an import. */
export function useCategories() {
  const [items, setItems] = useState<QuestionCategory[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)
  const [tick, setTick] = useState(0)

  useEffect(() => {
    let live = true
    setLoading(true)
    listQuestionCategories()
      .then((list) => {
        if (!live) return
        setItems(list)
        setError(null)
      })
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [tick])

  const byId = useMemo(() => new Map(items.map((c) => [c.id, c])), [items])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { items, byId, loading, error, reload }
}
