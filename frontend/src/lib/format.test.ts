import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime } from './format'

describe('format', () => {
  it('shows calendar dates as dd/mm/yyyy', () => {
    expect(formatDate('2009-03-05')).toBe('05/03/2009')
    expect(formatDate(null)).toBe('')
  })
  it('shows instants in Vietnam time', () => {
    expect(formatDateTime('2009-06-30T20:30:00Z')).toBe('01/07/2009 03:30')
    expect(formatDateTime('2009-06-30T20:30:05Z', true)).toBe('01/07/2009 03:30:05')
  })
})
