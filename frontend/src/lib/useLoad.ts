import { useEffect, useState, type DependencyList } from 'react'

/**
 * useLoad runs load whenever deps change, aborting the run before, and keeps
 * the last result, the last error and whether a load is under way. It is how
 * every list page fetches its page.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(false)
  useEffect(() => {
    const ctl = new AbortController()
    setLoading(true)
    load(ctl.signal)
      .then((r) => {
        setData(r)
        setError(null)
      })
      .catch((e) => {
        if (!ctl.signal.aborted) setError(e)
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false)
      })
    return () => ctl.abort()
    // The caller names what the load depends on, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  return { data, error, loading }
}
