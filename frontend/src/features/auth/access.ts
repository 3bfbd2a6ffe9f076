import type { Role } from '../../api/types'

/** Area is a part of the app that a role may or may not see; its name is also its path. */
export type Area =
  | 'my-courses'
  | 'my-certificates'
  | 'courses'
  | 'authoring'
  | 'question-bank'
  | 'grading'
  | 'agencies'
  | 'people'
  | 'certificates'
  | 'certifications'
  | 'targets'
  | 'reports'
  | 'import'
  | 'audit'
  | 'users'
  | 'profile'

// Menu order: learning first, then administration; the profile comes last.
const menuOrder: Area[] = [
  'my-courses',
  'my-certificates',
  'courses',
  'authoring',
  'question-bank',
  'grading',
  'agencies',
  'people',
  'certificates',
  'certifications',
  'targets',
  'reports',
  'import',
  'audit',
  'users',
  'profile',
]

const learning: Area[] = ['my-courses', 'my-certificates', 'courses', 'profile']
// Agency managers read the certifications; Home Affairs and admins change them (canManageCertifications).
const managerAreas: Area[] = [...learning, 'agencies', 'people', 'certificates', 'certifications', 'targets', 'reports', 'import']

// Areas about the caller's own records, in the menu only of an account linked to a person.
const personal: Area[] = ['my-certificates']

const areas: Record<Role, Area[]> = {
  learner: learning,
  trainer: [...learning, 'authoring', 'question-bank', 'grading'],
  agency_manager: managerAreas,
  home_affairs: [...managerAreas, 'audit'],
  admin: [...managerAreas, 'authoring', 'question-bank', 'grading', 'audit', 'users'],
}

/** areasOf lists, in menu order, the areas a role may use; without a person, none of the personal ones. */
export function areasOf(role: Role, hasPerson = true): Area[] {
  const mine = areas[role] ?? ['profile']
  return menuOrder.filter((a) => mine.includes(a) && (hasPerson || !personal.includes(a)))
}

export function canAccess(role: Role, area: Area): boolean {
  return areasOf(role).includes(area)
}

/** canEditAgencies: only Home Affairs and admins change the agency tree. */
export function canEditAgencies(role: Role): boolean {
  return role === 'home_affairs' || role === 'admin'
}

/** canRevokeCertificates: Home Affairs and admins revoke and reinstate certificates, as the server allows. */
export function canRevokeCertificates(role: Role): boolean {
  return role === 'home_affairs' || role === 'admin'
}

/** canManageCertifications: Home Affairs and admins create and change certifications, issue certificates by hand and record prior ones. */
export function canManageCertifications(role: Role): boolean {
  return role === 'home_affairs' || role === 'admin'
}

/** canPickTargetAgency: Home Affairs and admins see the targets of any agency or the whole province; a manager sees their own agency's. */
export function canPickTargetAgency(role: Role): boolean {
  return role === 'home_affairs' || role === 'admin'
}

/** canEnrolOthers: agency managers (own agency tree), Home Affairs and admins enrol people in courses. */
export function canEnrolOthers(role: Role): boolean {
  return role === 'agency_manager' || role === 'home_affairs' || role === 'admin'
}

/** canMaintainFacts: agency managers (own agency tree), Home Affairs and admins record positions, IT degrees and mailboxes, as the server allows (people.write). */
export function canMaintainFacts(role: Role): boolean {
  return role === 'agency_manager' || role === 'home_affairs' || role === 'admin'
}

/** canManageTargets: Home Affairs and admins add and change the targets (targets.manage). */
export function canManageTargets(role: Role): boolean {
  return role === 'home_affairs' || role === 'admin'
}

/** homePath is where a role lands after signing in. */
export function homePath(role: Role): string {
  return canAccess(role, 'people') ? '/people' : '/my-courses'
}
