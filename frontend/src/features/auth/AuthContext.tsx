import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { getMe, login, logout, onSession, refreshSession } from '../../api/client'
import type { Me } from '../../api/types'

type Status = 'loading' | 'signed_out' | 'signed_in'

interface Auth {
  status: Status
  user: Me | null
  signIn(username: string, password: string): Promise<Me>
  signOut(): Promise<void>
  /** reload fetches /me again (after a password change, say). */
  reload(): Promise<void>
}

const AuthContext = createContext<Auth | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null>(null)
  const [status, setStatus] = useState<Status>('loading')

  useEffect(() => {
    const off = onSession((s) => {
      setUser(s?.user ?? null)
      setStatus(s ? 'signed_in' : 'signed_out')
    })
    // A page load starts with no access token: the refresh cookie, if any, gets one.
    refreshSession().catch(() => setStatus('signed_out'))
    return off
  }, [])

  const signIn = useCallback(async (username: string, password: string) => (await login(username, password)).user, [])
  const signOut = useCallback(() => logout().catch(() => undefined), [])
  const reload = useCallback(async () => setUser(await getMe()), [])

  const value = useMemo(() => ({ status, user, signIn, signOut, reload }), [status, user, signIn, signOut, reload])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): Auth {
  const a = useContext(AuthContext)
  if (!a) throw new Error('useAuth outside AuthProvider')
  return a
}

/** useMe returns the signed-in user; only for pages behind RequireAuth. */
export function useMe(): Me {
  const { user } = useAuth()
  if (!user) throw new Error('useMe without a signed-in user')
  return user
}
