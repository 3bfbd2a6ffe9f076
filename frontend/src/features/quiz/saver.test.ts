import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AutosaveRequest, AutosaveResult } from '../../api/types'
import { Saver, type SaveStatus, type SaverOptions } from './saver'

class MemoryStorage {
  data = new Map<string, string>()
  getItem(k: string) {
    return this.data.get(k) ?? null
  }
  setItem(k: string, v: string) {
    this.data.set(k, v)
  }
  removeItem(k: string) {
    this.data.delete(k)
  }
}

const ok = (seq: number): AutosaveResult => ({ save_seq: seq, furthest: 0, deadline: null, server_time: '2026-11-26T10:00:00Z' })
const fail = (status: number, code: string) => Object.assign(new Error(code), { status, code })

function setup(send: (req: AutosaveRequest) => Promise<AutosaveResult>, extra: Partial<SaverOptions> = {}) {
  const storage = new MemoryStorage()
  const statuses: SaveStatus[] = []
  const finished: string[] = []
  const sent: AutosaveRequest[] = []
  const opts: SaverOptions = {
    send: (req) => {
      sent.push(req)
      return send(req)
    },
    storage,
    storageKey: 'lms.attempt.7',
    serverSeq: 0,
    onStatus: (s) => statuses.push(s),
    onResult: () => undefined,
    onFinished: (c) => finished.push(c),
    mono: () => 0,
    ...extra,
  }
  return { saver: new Saver(opts), storage, statuses, finished, sent, opts }
}

describe('Saver', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves changes every 3 seconds and says so', async () => {
    const { saver, sent, statuses } = setup((req) => Promise.resolve(ok(req.seq)))
    saver.start()
    saver.change(0, { choice: 1 })
    expect(saver.current).toBe('saving')
    await vi.advanceTimersByTimeAsync(3000)
    expect(sent).toEqual([{ seq: 1, answers: { '0': { choice: 1 } } }])
    expect(saver.current).toBe('saved')
    // Nothing changed: no save.
    await vi.advanceTimersByTimeAsync(9000)
    expect(sent).toHaveLength(1)
    expect(statuses.at(-1)).toBe('saved')
    saver.stop()
  })

  it('keeps unsaved answers and the counter across a reload', async () => {
    const { saver, storage, opts } = setup(() => Promise.reject(fail(0, 'network_error')))
    saver.change(3, { text: 'kept' })
    await saver.flush().catch(() => undefined)
    expect(saver.current).toBe('offline')
    saver.stop()
    // The page reloads: a new saver reads the same storage; the server had seen seq 0.
    const sent: AutosaveRequest[] = []
    const again = new Saver({ ...opts, storage, serverSeq: 0, send: (req) => (sent.push(req), Promise.resolve(ok(req.seq))) })
    expect(again.pendingResponses()).toEqual({ 3: { text: 'kept' } })
    again.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual([{ seq: 2, answers: { '3': { text: 'kept' } } }])
    expect(again.current).toBe('saved')
    expect(JSON.parse(storage.getItem('lms.attempt.7')!)).toEqual({ seq: 2, pending: {} })
    again.stop()
  })

  it('retries with backoff after network errors and 5xx, resending everything', async () => {
    const outcomes = [fail(0, 'network_error'), fail(503, 'unavailable')]
    const { saver, sent } = setup((req) => {
      const o = outcomes.shift()
      return o ? Promise.reject(o) : Promise.resolve(ok(req.seq))
    })
    saver.start()
    saver.change(0, { choice: 1 })
    await vi.advanceTimersByTimeAsync(3000) // seq 1 fails
    expect(saver.current).toBe('offline')
    saver.change(1, { value: true })
    await vi.advanceTimersByTimeAsync(1000) // retry after 1 s: seq 2 fails
    expect(sent.map((r) => r.seq)).toEqual([1, 2])
    expect(saver.current).toBe('offline')
    await vi.advanceTimersByTimeAsync(1999)
    expect(sent).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1) // retry after 2 s
    expect(sent[2]).toEqual({ seq: 3, answers: { '0': { choice: 1 }, '1': { value: true } } })
    expect(saver.current).toBe('saved')
    saver.stop()
  })

  it('does not drop a change made while a save was out', async () => {
    let release: (r: AutosaveResult) => void = () => undefined
    const { saver, sent } = setup((req) => (req.seq === 1 ? new Promise((r) => (release = r)) : Promise.resolve(ok(req.seq))))
    saver.start()
    saver.change(0, { text: 'a' })
    await vi.advanceTimersByTimeAsync(3000)
    saver.change(0, { text: 'ab' })
    release(ok(1))
    await vi.advanceTimersByTimeAsync(0)
    expect(saver.current).toBe('saving')
    await vi.advanceTimersByTimeAsync(3000)
    expect(sent[1]).toEqual({ seq: 2, answers: { '0': { text: 'ab' } } })
    expect(saver.current).toBe('saved')
    saver.stop()
  })

  it('hands over to the page when the attempt is over', async () => {
    const { saver, finished, storage } = setup(() => Promise.reject(fail(409, 'time_up')))
    saver.change(0, { choice: 0 })
    await expect(saver.flush()).rejects.toMatchObject({ code: 'time_up' })
    expect(finished).toEqual(['time_up'])
    expect(storage.getItem('lms.attempt.7')).toBeNull()
    saver.change(1, { choice: 0 })
    expect(await saver.flush()).toBeNull()
  })

  it('moves a sequential attempt on with a save carrying the page', async () => {
    const { saver, sent } = setup((req) => Promise.resolve({ ...ok(req.seq), furthest: req.page ?? 0 }))
    saver.change(0, { choice: 2 })
    const r = await saver.flush(1)
    expect(r?.furthest).toBe(1)
    expect(sent).toEqual([{ seq: 1, answers: { '0': { choice: 2 } }, page: 1 }])
  })

  it('puts the pending answers in the submit body with a fresh seq', () => {
    const { saver } = setup(() => Promise.resolve(ok(1)), { serverSeq: 5 })
    saver.change(2, { text: 'x' })
    expect(saver.takeForSubmit()).toEqual({ seq: 6, answers: { '2': { text: 'x' } } })
  })
})

describe('Saver after a failed submit', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves again what the submit carried', async () => {
    const { saver, sent } = setup((req) => Promise.resolve(ok(req.seq)))
    saver.change(1, { choice: 0 })
    const body = saver.takeForSubmit()
    expect(body.seq).toBe(1)
    // the submit fails on the network; the page reopens the saver
    saver.reopen()
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual([{ seq: 2, answers: { '1': { choice: 0 } } }])
    expect(saver.current).toBe('saved')
    saver.stop()
  })
})

describe('Saver when the page is hidden', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('retries what a failed keepalive save carried', async () => {
    let fails = 1
    const { saver, sent } = setup((req) => (fails-- > 0 ? Promise.reject(fail(0, 'network_error')) : Promise.resolve(ok(req.seq))))
    saver.start()
    saver.change(0, { choice: 3 })
    saver.leave() // the tab is hidden; the save is lost
    await vi.advanceTimersByTimeAsync(0)
    expect(saver.current).toBe('offline')
    await vi.advanceTimersByTimeAsync(1000)
    expect(sent.map((r) => r.seq)).toEqual([1, 2])
    expect(sent[1].answers).toEqual({ '0': { choice: 3 } })
    expect(saver.current).toBe('saved')
    saver.stop()
  })
})
