import { describe, expect, it } from 'vitest'
import { toRequest } from './enrol'

const day = (s: string) => ({ format: () => s })

describe('toRequest', () => {
  it('needs at least one selector', () => {
    expect(toRequest({ mode: 'group', include_sub: true })).toBe(null)
    expect(toRequest({ mode: 'people', include_sub: true, person_ids: [] })).toBe(null)
    expect(toRequest({ mode: 'people', include_sub: true, due_date: day('2026-05-01') })).toBe(null)
  })
  it('sends a group with include_sub only when an agency is chosen', () => {
    expect(toRequest({ mode: 'group', include_sub: false, agency_id: 4 })).toEqual({
      agency_id: 4,
      include_sub: false,
      kind: undefined,
      professional: undefined,
      due_date: undefined,
    })
    expect(toRequest({ mode: 'group', include_sub: true, kind: 'cong_chuc', professional: 'false' })).toEqual({
      agency_id: undefined,
      include_sub: undefined,
      kind: 'cong_chuc',
      professional: false,
      due_date: undefined,
    })
  })
  it('sends picked people without the group selectors, with the due date', () => {
    expect(
      toRequest({ mode: 'people', include_sub: true, agency_id: 4, kind: 'can_bo', person_ids: [7, 9], due_date: day('2026-05-01') }),
    ).toEqual({ person_ids: [7, 9], due_date: '2026-05-01' })
  })
})
