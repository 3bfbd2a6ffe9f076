import { useCallback, useEffect, useMemo, useState } from 'react'
import { listAgencies, onSession } from '../../api/client'
import type { Agency } from '../../api/types'

// The agency list (a few hundred rows) is loaded once and shared by every
// page that needs it; a change to an agency reloads it.
let cache: Promise<Agency[]> | null = null
const subscribers = new Set<() => void>()

onSession(() => {
  cache = null
})

function load(): Promise<Agency[]> {
  if (!cache) {
    cache = listAgencies()
    cache.catch(() => {
      cache = null
    })
  }
  return cache
}

/** invalidateAgencies drops the cached list and makes every useAgencies reload. */
export function invalidateAgencies() {
  cache = null
  for (const fn of subscribers) fn()
}

export function useAgencies() {
  const [agencies, setAgencies] = useState<Agency[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(null)
  const [tick, setTick] = useState(0)

  useEffect(() => {
    const fn = () => setTick((n) => n + 1)
    subscribers.add(fn)
    return () => {
      subscribers.delete(fn)
    }
  }, [])

  useEffect(() => {
    let live = true
    setLoading(true)
    load()
      .then((list) => {
        if (live) {
          setAgencies(list)
          setError(null)
        }
      })
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [tick])

  const byId = useMemo(() => new Map(agencies.map((a) => [a.id, a])), [agencies])
  const reload = useCallback(() => invalidateAgencies(), [])
  return { agencies, byId, loading, error, reload }
}
