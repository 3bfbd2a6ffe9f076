import { describe, expect, it } from 'vitest'
import { areasOf, canAccess, canEditAgencies, homePath } from './access'

describe('access', () => {
  it('gives each role its menu', () => {
    expect(areasOf('learner')).toEqual(['profile'])
    expect(areasOf('trainer')).toEqual(['profile'])
    expect(areasOf('agency_manager')).toEqual(['agencies', 'people', 'import', 'profile'])
    expect(areasOf('home_affairs')).toEqual(['agencies', 'people', 'import', 'audit', 'profile'])
    expect(areasOf('admin')).toEqual(['agencies', 'people', 'import', 'audit', 'users', 'profile'])
  })
  it('matches the server policy for agency edits', () => {
    expect(canEditAgencies('agency_manager')).toBe(false)
    expect(canEditAgencies('home_affairs')).toBe(true)
    expect(canAccess('agency_manager', 'audit')).toBe(false)
    expect(homePath('learner')).toBe('/profile')
    expect(homePath('admin')).toBe('/people')
  })
})
