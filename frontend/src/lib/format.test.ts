import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatDay, todayISO } from './format'

describe('format', () => {
  it('shows calendar dates as dd/mm/yyyy', () => {
    expect(formatDate('2009-03-05')).toBe('05/03/2009')
    expect(formatDate(null)).toBe('')
  })
  it('shows instants in Vietnam time', () => {
    expect(formatDateTime('2009-06-30T20:30:00Z')).toBe('01/07/2009 03:30')
    expect(formatDateTime('2009-06-30T20:30:05Z', true)).toBe('01/07/2009 03:30:05')
    expect(formatDay('2009-06-30T20:30:00Z')).toBe('01/07/2009')
    expect(formatDay(null)).toBe('')
  })
  it('knows the date in Vietnam', () => {
    expect(todayISO(new Date('2009-06-30T16:59:59Z'))).toBe('2009-06-30')
    expect(todayISO(new Date('2009-06-30T17:00:00Z'))).toBe('2009-07-01')
  })
})
