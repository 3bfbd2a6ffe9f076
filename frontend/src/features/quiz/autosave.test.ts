import { describe, expect, it } from 'vitest'
import { acknowledge, emptyQueue, hasPending, hasUnsent, nextSave, record, responsesOf, resume, retryDelay } from './autosave'

describe('autosave queue', () => {
  it('sends every change with an increasing seq and forgets it once acknowledged', () => {
    let q = record(emptyQueue(), 0, { choice: 1 })
    q = record(q, 2, { text: 'a' })
    const first = nextSave(q)
    expect(first.request).toEqual({ seq: 1, answers: { '0': { choice: 1 }, '2': { text: 'a' } } })
    expect(hasUnsent(first.queue)).toBe(false)
    q = acknowledge(first.queue, 1)
    expect(hasPending(q)).toBe(false)
    const second = nextSave(record(q, 0, { choice: 2 }), 1)
    expect(second.request).toEqual({ seq: 2, answers: { '0': { choice: 2 } }, page: 1 })
  })

  it('resends what a lost save carried', () => {
    let q = record(emptyQueue(), 0, { choice: 1 })
    q = nextSave(q).queue // seq 1 is lost
    q = record(q, 1, { value: true })
    const retry = nextSave(q)
    expect(retry.request.seq).toBe(2)
    expect(retry.request.answers).toEqual({ '0': { choice: 1 }, '1': { value: true } })
    expect(hasPending(acknowledge(retry.queue, 2))).toBe(false)
  })

  it('keeps a change made after a save that is acknowledged late or out of order', () => {
    let q = record(emptyQueue(), 0, { text: 'old' })
    q = nextSave(q).queue // seq 1 carries "old"
    q = record(q, 0, { text: 'new' }) // changed while seq 1 is out
    q = acknowledge(q, 1)
    expect(q.pending['0']).toEqual({ r: { text: 'new' }, sent: null })
    const s2 = nextSave(q)
    q = record(s2.queue, 0, { text: 'newer' })
    const s3 = nextSave(q)
    // seq 3 is acknowledged before seq 2: nothing is left, and the late ack changes nothing.
    q = acknowledge(s3.queue, 3)
    expect(hasPending(q)).toBe(false)
    expect(acknowledge(q, 2)).toEqual(q)
  })

  it('an acknowledgement of an older save keeps answers sent in a newer one', () => {
    let q = record(emptyQueue(), 0, { choice: 0 })
    q = nextSave(q).queue // 1
    q = record(q, 1, { choice: 3 })
    q = nextSave(q).queue // 2 carries both
    q = acknowledge(q, 1)
    expect(Object.keys(q.pending).sort()).toEqual(['0', '1'])
    expect(hasPending(acknowledge(q, 2))).toBe(false)
  })

  it('resumes above the server counter with kept answers unsent', () => {
    let q = record(emptyQueue(), 4, { text: 'x' })
    q = nextSave(q).queue
    const r = resume(q, 7)
    expect(r.seq).toBe(7)
    expect(r.pending['4'].sent).toBeNull()
    expect(resume({ seq: 9, pending: {} }, 3).seq).toBe(9)
    expect(nextSave(r).request.seq).toBe(8)
  })

  it('overlays pending answers on the saved ones', () => {
    const q = record(emptyQueue(), 1, { choice: 2 })
    expect(responsesOf({ 0: { choice: 0 }, 1: { choice: 1 }, 2: null }, q)).toEqual({ 0: { choice: 0 }, 1: { choice: 2 }, 2: null })
  })

  it('backs off from 1 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
  })
})
