import { describe, expect, it } from 'vitest'
import { diffRows } from './diff'

describe('diffRows', () => {
  it('marks changed keys', () => {
    const rows = diffRows({ role: 'learner', active: true }, { role: 'admin', active: true })!
    expect(rows.map((r) => [r.key, r.changed])).toEqual([
      ['role', true],
      ['active', false],
    ])
  })
  it('treats a missing side as empty', () => {
    expect(diffRows(null, { a: 1 })).toEqual([{ key: 'a', before: undefined, after: 1, changed: true }])
  })
  it('gives up on non-objects', () => {
    expect(diffRows('x', [1])).toBeNull()
  })
})
