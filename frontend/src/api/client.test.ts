import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, filenameFrom, getMe, listAgencies, login, onSession, refreshSession, resetClient } from './client'
import type { TokenResponse } from './types'

const me = {
  id: 1,
  username: 'admin',
  role: 'admin',
  display_name: 'Quản trị',
  person_id: null,
  agency_id: null,
  agency_name: '',
  must_change_password: false,
} as const

function tokens(n: number): TokenResponse {
  return { access_token: `tok${n}`, token_type: 'Bearer', expires_in: 900, user: { ...me } }
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

const unauthorized = () => jsonResponse(401, { error: { code: 'unauthorized', message: 'token expired' } })

/** A fake server: protected calls succeed only with the current token. */
function fakeServer() {
  let issued = 0
  let refreshCalls = 0
  const state = { current: '' }
  let releaseRefresh: (() => void) | null = null
  let gate: Promise<void> | null = null
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    const auth = (init.headers as Record<string, string>)?.Authorization
    if (url === '/api/v1/auth/refresh') {
      refreshCalls++
      expect(init.credentials).toBe('same-origin')
      if (gate) await gate
      issued++
      state.current = `tok${issued}`
      return jsonResponse(200, tokens(issued))
    }
    if (url === '/api/v1/auth/login') {
      issued++
      state.current = `tok${issued}`
      return jsonResponse(200, tokens(issued))
    }
    if (auth !== `Bearer ${state.current}` || !state.current) return unauthorized()
    if (url === '/api/v1/me') return jsonResponse(200, me)
    if (url === '/api/v1/agencies') return jsonResponse(200, { items: [] })
    return jsonResponse(404, { error: { code: 'not_found', message: 'no such thing' } })
  })
  return {
    fetchMock,
    state,
    get refreshCalls() {
      return refreshCalls
    },
    holdRefresh() {
      gate = new Promise((r) => (releaseRefresh = r))
    },
    release() {
      releaseRefresh?.()
      gate = null
    },
  }
}

describe('api client', () => {
  let server: ReturnType<typeof fakeServer>

  beforeEach(() => {
    resetClient()
    server = fakeServer()
    vi.stubGlobal('fetch', server.fetchMock)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('sends the token from sign-in as a bearer token', async () => {
    await login('admin', 'Demo@2026')
    await expect(getMe()).resolves.toMatchObject({ username: 'admin' })
    expect(server.refreshCalls).toBe(0)
  })

  it('shares one refresh among concurrent callers', async () => {
    server.holdRefresh()
    const a = refreshSession()
    const b = refreshSession()
    expect(a).toBe(b)
    server.release()
    await expect(a).resolves.toMatchObject({ access_token: 'tok1' })
    expect(server.refreshCalls).toBe(1)
  })

  it('refreshes once when several requests get 401, then retries each once', async () => {
    await login('admin', 'x')
    server.state.current = 'expired-on-server' // every token the client holds is now stale
    server.holdRefresh()
    const calls = Promise.all([getMe(), listAgencies(), getMe()])
    await vi.waitFor(() => expect(server.refreshCalls).toBe(1))
    server.release()
    const [m1, ag, m2] = await calls
    expect(m1.username).toBe('admin')
    expect(ag).toEqual([])
    expect(m2.username).toBe('admin')
    expect(server.refreshCalls).toBe(1)
  })

  it('does not refresh again for a 401 that arrives after another caller refreshed', async () => {
    await login('admin', 'x')
    server.state.current = 'stale'
    await getMe() // refreshes: token is now tok2
    expect(server.refreshCalls).toBe(1)
    await getMe()
    expect(server.refreshCalls).toBe(1)
  })

  it('ends the session when the refresh is refused', async () => {
    const seen: (TokenResponse | null)[] = []
    onSession((s) => seen.push(s))
    server.fetchMock.mockImplementation(async () => unauthorized())
    await expect(getMe()).rejects.toMatchObject({ status: 401, code: 'unauthorized' })
    // one refresh, then no retry
    const urls = server.fetchMock.mock.calls.map((c) => c[0])
    expect(urls).toEqual(['/api/v1/me', '/api/v1/auth/refresh'])
    expect(seen).toEqual([null])
  })

  it('does not refresh on a failed sign-in', async () => {
    server.fetchMock.mockImplementation(async () =>
      jsonResponse(401, { error: { code: 'invalid_credentials', message: 'wrong', details: {} } }),
    )
    const err = await login('admin', 'bad').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('invalid_credentials')
    expect(server.fetchMock).toHaveBeenCalledTimes(1)
  })

  it('carries code, message and details of the error body', async () => {
    server.fetchMock.mockImplementation(async () =>
      jsonResponse(429, {
        error: { code: 'too_many_attempts', message: 'Too many', details: { retry_after_seconds: 60 } },
      }),
    )
    const err = (await login('a', 'b').catch((e) => e)) as ApiError
    expect(err.status).toBe(429)
    expect(err.message).toBe('Too many')
    expect(err.details.retry_after_seconds).toBe(60)
  })

  it('turns a non-JSON failure into an http_<status> error', async () => {
    server.fetchMock.mockImplementation(async () => new Response('bad gateway', { status: 502 }))
    await expect(login('a', 'b')).rejects.toMatchObject({ status: 502, code: 'http_502' })
  })
})

describe('filenameFrom', () => {
  it('reads plain and RFC 5987 names', () => {
    expect(filenameFrom('attachment; filename="people.csv"', 'x')).toBe('people.csv')
    expect(filenameFrom("attachment; filename=\"a.xlsx\"; filename*=UTF-8''c%C3%A1n-b%E1%BB%99.xlsx", 'x')).toBe(
      'cán-bộ.xlsx',
    )
    expect(filenameFrom(null, 'fallback.csv')).toBe('fallback.csv')
  })
})
