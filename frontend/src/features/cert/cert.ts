// The pure parts of the certificate screens: the verification code as typed,
// what tag a certificate shows, and the QR token of a verify address.
import type { Certificate, CertificateStatus } from '../../api/types'

// Crockford base32, as the server's vcode package: no I, L, O or U.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const CODE_LENGTH = 16

/**
 * parseCode reads a code as a person types it: any case, with or without the
 * dashes or spaces between groups, I and L read as 1 and O as 0 (as the
 * server reads them). It returns the 16 characters, or null for anything
 * that cannot be a code.
 */
export function parseCode(typed: string): string | null {
  let out = ''
  for (let ch of typed.toUpperCase()) {
    if (ch === '-' || ch === ' ' || ch === '\u00a0') continue
    if (ch === 'I' || ch === 'L') ch = '1'
    else if (ch === 'O') ch = '0'
    if (!ALPHABET.includes(ch)) return null
    out += ch
  }
  return out.length === CODE_LENGTH ? out : null
}

/** groupCode writes a code in groups of four joined by dashes, as certificates print it. */
export function groupCode(code: string): string {
  return (code.replace(/-/g, '').match(/.{1,4}/g) ?? []).join('-')
}

/** verifyPath is the public verify page of a code (as typed; left as typed when it is no code, so the page says so). */
export function verifyPath(typed: string): string {
  const code = parseCode(typed)
  return `/verify/${encodeURIComponent(code ? groupCode(code) : typed.trim())}`
}

/** tokenFrom reads the QR token (t=) of a verify address's query string; null when there is none. */
export function tokenFrom(search: string | URLSearchParams): string | null {
  const sp = typeof search === 'string' ? new URLSearchParams(search) : search
  const t = sp.get('t')?.trim()
  return t ? t : null
}

/** Shown is what a certificate's main tag says: its status today, or that a newer certificate renewed it. */
export type Shown = CertificateStatus | 'superseded'

export function shownStatus(c: Pick<Certificate, 'status' | 'superseded'>): Shown {
  // A revocation says more than a renewal; a renewed certificate is no longer the one to show.
  if (c.status === 'revoked') return 'revoked'
  if (c.superseded) return 'superseded'
  return c.status
}

/** statusColor is the antd tag colour of a shown status. */
export function statusColor(s: Shown): string {
  switch (s) {
    case 'valid':
      return 'green'
    case 'revoked':
      return 'red'
    case 'superseded':
      return 'blue'
    default:
      return 'default'
  }
}

export type ExpiryLevel = 'error' | 'warning'

/** Days before expiry from which a certificate in force shows a warning tag, and an error tag. */
export const WARN_DAYS = 60
export const ERROR_DAYS = 30

/**
 * expiryLevel says whether a certificate in force, not renewed, shows that
 * it expires soon: an error within 30 days, a warning within 60, nothing
 * otherwise (nor for one that never expires).
 */
export function expiryLevel(c: Pick<Certificate, 'status' | 'superseded' | 'expires_in_days'>): ExpiryLevel | null {
  const d = c.expires_in_days
  if (c.status !== 'valid' || c.superseded || d === null || d === undefined || d < 0) return null
  if (d <= ERROR_DAYS) return 'error'
  if (d <= WARN_DAYS) return 'warning'
  return null
}
