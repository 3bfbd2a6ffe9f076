import { describe, expect, it } from 'vitest'
import { expiryLevel, groupCode, parseCode, shownStatus, statusColor, tokenFrom, verifyPath } from './cert'

describe('parseCode', () => {
  it('reads a code in any case, grouped or not', () => {
    for (const typed of ['K7Q2-M9XD-3HTA-PW4C', 'k7q2-m9xd-3hta-pw4c', 'K7Q2 M9XD 3HTA PW4C', ' k7q2m9xd3htapw4c ', 'K7Q2--M9XD-3HTA-PW4C']) {
      expect(parseCode(typed), typed).toBe('K7Q2M9XD3HTAPW4C')
    }
  })
  it('reads I and L as 1 and O as 0, as the server does', () => {
    expect(parseCode('iL0o-0000-0000-0000')).toBe('1100000000000000')
  })
  it('refuses what cannot be a code', () => {
    for (const typed of ['', 'K7Q2-M9XD-3HTA', 'K7Q2-M9XD-3HTA-PW4CX', 'K7Q2-M9XD-3HTA-PW4U', "' OR 1=1", 'K7Q2-M9XD-3HTA-PW4Ç', 'K7Q2_M9XD_3HTA_PW4C']) {
      expect(parseCode(typed), typed).toBeNull()
    }
  })
  it('gives what the database accepts', () => {
    expect(parseCode('0123-4567-89ab-cdef')).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/)
  })
})

describe('groupCode and verifyPath', () => {
  it('writes groups of four', () => {
    expect(groupCode('K7Q2M9XD3HTAPW4C')).toBe('K7Q2-M9XD-3HTA-PW4C')
    expect(groupCode('K7Q2-M9XD-3HTA-PW4C')).toBe('K7Q2-M9XD-3HTA-PW4C')
  })
  it('puts the normalised code in the address, and anything else as typed', () => {
    expect(verifyPath('k7q2 m9xd 3hta pw4c')).toBe('/verify/K7Q2-M9XD-3HTA-PW4C')
    expect(verifyPath(' abc ')).toBe('/verify/abc')
    expect(verifyPath('a/b')).toBe('/verify/a%2Fb')
  })
})

describe('tokenFrom', () => {
  it('reads t from the query string', () => {
    expect(tokenFrom('?t=eyJhbGciOiJFZERTQSJ9.eyJzIjoxfQ.c2ln')).toBe('eyJhbGciOiJFZERTQSJ9.eyJzIjoxfQ.c2ln')
    expect(tokenFrom(new URLSearchParams('lang=en&t=abc'))).toBe('abc')
  })
  it('is null without a token', () => {
    expect(tokenFrom('')).toBeNull()
    expect(tokenFrom('?t=')).toBeNull()
    expect(tokenFrom('?t=%20')).toBeNull()
    expect(tokenFrom('?x=1')).toBeNull()
  })
})

describe('status tags', () => {
  it('shows a revocation before a renewal, and a renewal before the status', () => {
    expect(shownStatus({ status: 'revoked', superseded: true })).toBe('revoked')
    expect(shownStatus({ status: 'valid', superseded: true })).toBe('superseded')
    expect(shownStatus({ status: 'expired', superseded: true })).toBe('superseded')
    expect(shownStatus({ status: 'valid', superseded: false })).toBe('valid')
    expect(shownStatus({ status: 'expired', superseded: false })).toBe('expired')
  })
  it('colours valid green, expired grey and revoked red', () => {
    expect(statusColor('valid')).toBe('green')
    expect(statusColor('expired')).toBe('default')
    expect(statusColor('revoked')).toBe('red')
  })
})

describe('expiryLevel', () => {
  const valid = { status: 'valid' as const, superseded: false }
  it('warns within 60 days and alarms within 30', () => {
    const cases: [number | null, string | null][] = [
      [null, null],
      [400, null],
      [61, null],
      [60, 'warning'],
      [31, 'warning'],
      [30, 'error'],
      [1, 'error'],
      [0, 'error'],
    ]
    for (const [days, want] of cases) expect(expiryLevel({ ...valid, expires_in_days: days }), String(days)).toBe(want)
  })
  it('says nothing of a certificate that is not in force or was renewed', () => {
    expect(expiryLevel({ status: 'expired', superseded: false, expires_in_days: -3 })).toBeNull()
    expect(expiryLevel({ status: 'revoked', superseded: false, expires_in_days: 10 })).toBeNull()
    expect(expiryLevel({ status: 'valid', superseded: true, expires_in_days: 10 })).toBeNull()
  })
})
