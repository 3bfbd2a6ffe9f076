import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { Spin } from 'antd'
import { useAuth } from '../features/auth/AuthContext'
import { canAccess, type Area } from '../features/auth/access'

export function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
      <Spin size="large" />
    </div>
  )
}

/** RequireAuth sends a visitor without a session to the sign-in page, and a user who must change the password to the profile page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, user } = useAuth()
  const location = useLocation()
  if (status === 'loading') return <FullPageSpin />
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />
  if (user.must_change_password && location.pathname !== '/profile') return <Navigate to="/profile" replace />
  return <>{children}</>
}

/** Allow renders children only for roles that may use area; others land on their profile. */
export function Allow({ area, children }: { area: Area; children: ReactNode }) {
  const { user } = useAuth()
  if (!user || !canAccess(user.role, area)) return <Navigate to="/profile" replace />
  return <>{children}</>
}
