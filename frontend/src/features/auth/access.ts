import type { Role } from '../../api/types'

/** Area is a part of the app that a role may or may not see. */
export type Area = 'agencies' | 'people' | 'import' | 'audit' | 'users' | 'profile'

// Menu order; the profile comes last for the roles that have more.
const menuOrder: Area[] = ['agencies', 'people', 'import', 'audit', 'users', 'profile']

const managerAreas: Area[] = ['agencies', 'people', 'import', 'profile']

const areas: Record<Role, Area[]> = {
  learner: ['profile'],
  trainer: ['profile'],
  agency_manager: managerAreas,
  home_affairs: [...managerAreas, 'audit'],
  admin: [...managerAreas, 'audit', 'users'],
}

/** areasOf lists, in menu order, the areas a role may use. */
export function areasOf(role: Role): Area[] {
  const mine = areas[role] ?? ['profile']
  return menuOrder.filter((a) => mine.includes(a))
}

export function canAccess(role: Role, area: Area): boolean {
  return areasOf(role).includes(area)
}

/** canEditAgencies: only Home Affairs and admins change the agency tree. */
export function canEditAgencies(role: Role): boolean {
  return role === 'home_affairs' || role === 'admin'
}

/** homePath is where a role lands after signing in. */
export function homePath(role: Role): string {
  return canAccess(role, 'people') ? '/people' : '/profile'
}
