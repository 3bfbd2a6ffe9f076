import { describe, expect, it } from 'vitest'
import {
  areasOf,
  canAccess,
  canEditAgencies,
  canEnrolOthers,
  canMaintainFacts,
  canManageCertifications,
  canManageTargets,
  canPickTargetAgency,
  canRevokeCertificates,
  homePath,
} from './access'

describe('access', () => {
  it('gives each role its menu', () => {
    expect(areasOf('learner')).toEqual(['my-courses', 'my-certificates', 'courses', 'profile'])
    expect(areasOf('trainer')).toEqual(['my-courses', 'my-certificates', 'courses', 'authoring', 'question-bank', 'grading', 'profile'])
    expect(areasOf('agency_manager')).toEqual(['my-courses', 'my-certificates', 'courses', 'agencies', 'people', 'certificates', 'certifications', 'targets', 'reports', 'import', 'profile'])
    expect(areasOf('home_affairs')).toEqual([
      'my-courses',
      'my-certificates',
      'courses',
      'agencies',
      'people',
      'certificates',
      'certifications',
      'targets',
      'reports',
      'import',
      'audit',
      'profile',
    ])
    expect(areasOf('admin')).toEqual([
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
    ])
  })
  it('matches the server policy for agency edits', () => {
    expect(canEditAgencies('agency_manager')).toBe(false)
    expect(canEditAgencies('home_affairs')).toBe(true)
    expect(canAccess('agency_manager', 'audit')).toBe(false)
    expect(homePath('learner')).toBe('/my-courses')
    expect(homePath('trainer')).toBe('/my-courses')
    expect(homePath('admin')).toBe('/people')
  })
  it('lets managers, Home Affairs and admins enrol others, and only trainers and admins author', () => {
    expect(canEnrolOthers('learner')).toBe(false)
    expect(canEnrolOthers('trainer')).toBe(false)
    expect(canEnrolOthers('agency_manager')).toBe(true)
    expect(canEnrolOthers('home_affairs')).toBe(true)
    expect(canEnrolOthers('admin')).toBe(true)
    expect(canAccess('trainer', 'authoring')).toBe(true)
    expect(canAccess('agency_manager', 'authoring')).toBe(false)
    expect(canAccess('home_affairs', 'authoring')).toBe(false)
  })
  it('opens essay grading to trainers and admins only', () => {
    expect(canAccess('trainer', 'grading')).toBe(true)
    expect(canAccess('admin', 'grading')).toBe(true)
    expect(canAccess('learner', 'grading')).toBe(false)
    expect(canAccess('agency_manager', 'grading')).toBe(false)
    expect(canAccess('home_affairs', 'grading')).toBe(false)
  })
  it('opens the question bank to trainers and admins only, as the server does (questions.manage)', () => {
    expect(canAccess('trainer', 'question-bank')).toBe(true)
    expect(canAccess('admin', 'question-bank')).toBe(true)
    expect(canAccess('learner', 'question-bank')).toBe(false)
    expect(canAccess('agency_manager', 'question-bank')).toBe(false)
    expect(canAccess('home_affairs', 'question-bank')).toBe(false)
  })
  it('shows "my certificates" only to an account linked to a person, and the issued list to managers, Home Affairs and admins', () => {
    expect(areasOf('admin', false)).not.toContain('my-certificates')
    expect(areasOf('admin', false)).toContain('certificates')
    expect(areasOf('learner', false)).toEqual(['my-courses', 'courses', 'profile'])
    expect(canAccess('learner', 'certificates')).toBe(false)
    expect(canAccess('trainer', 'certificates')).toBe(false)
    expect(canAccess('agency_manager', 'certificates')).toBe(true)
    expect(canRevokeCertificates('agency_manager')).toBe(false)
    expect(canRevokeCertificates('home_affairs')).toBe(true)
    expect(canRevokeCertificates('admin')).toBe(true)
  })
  it('shows the certifications to managers (to read), and lets only Home Affairs and admins change them and issue by hand', () => {
    expect(canAccess('agency_manager', 'certifications')).toBe(true)
    expect(canAccess('learner', 'certifications')).toBe(false)
    expect(canAccess('trainer', 'certifications')).toBe(false)
    expect(canManageCertifications('agency_manager')).toBe(false)
    expect(canManageCertifications('trainer')).toBe(false)
    expect(canManageCertifications('home_affairs')).toBe(true)
    expect(canManageCertifications('admin')).toBe(true)
  })
  it('shows the targets to managers (their own agency), Home Affairs and admins (any agency or the province)', () => {
    expect(canAccess('agency_manager', 'targets')).toBe(true)
    expect(canAccess('home_affairs', 'targets')).toBe(true)
    expect(canAccess('admin', 'targets')).toBe(true)
    expect(canAccess('learner', 'targets')).toBe(false)
    expect(canAccess('trainer', 'targets')).toBe(false)
    expect(canPickTargetAgency('agency_manager')).toBe(false)
    expect(canPickTargetAgency('home_affairs')).toBe(true)
    expect(canPickTargetAgency('admin')).toBe(true)
  })
  it('lets managers record IT degrees and mailboxes, and only Home Affairs and admins edit the targets', () => {
    expect(canMaintainFacts('agency_manager')).toBe(true)
    expect(canMaintainFacts('home_affairs')).toBe(true)
    expect(canMaintainFacts('admin')).toBe(true)
    expect(canMaintainFacts('trainer')).toBe(false)
    expect(canMaintainFacts('learner')).toBe(false)
    expect(canManageTargets('home_affairs')).toBe(true)
    expect(canManageTargets('admin')).toBe(true)
    expect(canManageTargets('agency_manager')).toBe(false)
    expect(canManageTargets('trainer')).toBe(false)
  })
})
