import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatDay, formatNumber, formatPercent, todayISO } from './format'

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
  it('writes numbers the Vietnamese way, and the English way in English', () => {
    expect(formatNumber(3120, 'vi')).toBe('3.120')
    expect(formatNumber(1234567, 'vi')).toBe('1.234.567')
    expect(formatNumber(3120, 'en')).toBe('3,120')
    expect(formatPercent(42.857, 'vi')).toBe('42,9%')
    expect(formatPercent(42.857, 'en')).toBe('42.9%')
    expect(formatPercent(100, 'vi')).toBe('100%')
    expect(formatPercent(null, 'vi')).toBe('—')
  })
})
