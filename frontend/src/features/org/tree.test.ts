import { describe, expect, it } from 'vitest'
import type { Agency } from '../../api/types'
import { buildTree, descendantIds, filterTree } from './tree'

function ag(id: number, parent: number | null, name: string, level: Agency['level'] = 'commune'): Agency {
  return {
    id,
    parent_id: parent,
    code: `A${id}`,
    name,
    name_en: '',
    level,
    sectors: [],
    valid_from: null,
    valid_to: null,
    successor_of: null,
    people_count: 0,
  }
}

const list = [
  ag(1, null, 'UBND tỉnh Hà Tĩnh', 'province'),
  ag(2, 1, 'Huyện Can Lộc', 'district'),
  ag(3, 2, 'Xã Vượng Lộc'),
  ag(4, 2, 'Thị trấn Nghèn'),
  ag(5, 1, 'Sở Nội vụ', 'department'),
  ag(6, 99, 'Xã Đồng Lộc'), // parent outside the caller's scope
]

describe('agency tree', () => {
  it('builds a forest with out-of-scope parents as roots, siblings ordered by level then name', () => {
    const roots = buildTree(list)
    expect(roots.map((n) => n.agency.id)).toEqual([1, 6])
    expect(roots[0].children.map((n) => n.agency.name)).toEqual(['Sở Nội vụ', 'Huyện Can Lộc'])
    expect(roots[0].children[1].children.map((n) => n.agency.name)).toEqual(['Thị trấn Nghèn', 'Xã Vượng Lộc'])
  })

  it('filters without diacritics and keeps the ancestors of matches', () => {
    const { roots, expand } = filterTree(buildTree(list), 'vuong loc')
    expect(roots.map((n) => n.agency.id)).toEqual([1])
    expect(roots[0].children.map((n) => n.agency.id)).toEqual([2])
    expect(roots[0].children[0].children.map((n) => n.agency.id)).toEqual([3])
    expect(expand.sort()).toEqual([1, 2])
  })

  it('lists an agency and everything under it', () => {
    expect([...descendantIds(list, 2)].sort()).toEqual([2, 3, 4])
  })
})
