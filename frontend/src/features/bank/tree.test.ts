import { describe, expect, it } from 'vitest'
import type { QuestionCategory } from '../../api/types'
import { ancestorIds, buildCategoryTree, categoryNameError, categoryPath } from './tree'

function cat(id: number, parent: number | null, name: string, count = 0, source: 'files' | 'app' = 'app'): QuestionCategory {
  return { id, parent_id: parent, name, source, course_slug: null, question_count: count }
}

const list = [
  cat(1, null, 'Chương trình đào tạo', 0, 'files'),
  cat(2, 1, 'IU01 – Hiểu biết về CNTT cơ bản', 0, 'files'),
  cat(3, 2, 'Mô đun 10', 5, 'files'),
  cat(4, 2, 'Mô đun 2', 7, 'files'),
  cat(5, null, 'Đề thi thử', 3),
  cat(6, 5, 'Ánh xạ', 1),
  cat(7, 99, 'Mồ côi', 2), // parent not in the list
]

describe('question category tree', () => {
  it('nests the flat list, roots and siblings in Vietnamese order, numbers by value', () => {
    const roots = buildCategoryTree(list)
    expect(roots.map((n) => n.category.id)).toEqual([1, 5, 7])
    expect(roots[0].children[0].children.map((n) => n.category.name)).toEqual(['Mô đun 2', 'Mô đun 10'])
    expect(roots[1].children.map((n) => n.category.id)).toEqual([6])
  })

  it('counts the questions of a category and of everything under it', () => {
    const roots = buildCategoryTree(list)
    expect(roots[0].total).toBe(12)
    expect(roots[0].children[0].total).toBe(12)
    expect(roots[1].total).toBe(4)
    expect(roots[2].total).toBe(2)
  })

  it('survives a loop in the parents', () => {
    const roots = buildCategoryTree([cat(1, 2, 'A'), cat(2, 1, 'B')])
    const ids = (ns: typeof roots): number[] => ns.flatMap((n) => [n.category.id, ...ids(n.children)])
    expect(ids(roots).sort()).toEqual([1, 2])
  })

  it('names the path of a category and lists its ancestors', () => {
    expect(categoryPath(list, 3)).toEqual(['Chương trình đào tạo', 'IU01 – Hiểu biết về CNTT cơ bản', 'Mô đun 10'])
    expect(categoryPath(list, 42)).toEqual([])
    expect(ancestorIds(list, 3)).toEqual([2, 1])
    expect(ancestorIds(list, 5)).toEqual([])
  })

  it('checks a new name as the server does', () => {
    expect(categoryNameError('  ')).toBe('required')
    expect(categoryNameError('Chương 1/2')).toBe('slash')
    expect(categoryNameError('ấ'.repeat(200))).toBeNull()
    expect(categoryNameError('ấ'.repeat(201))).toBe('too_long')
    expect(categoryNameError(' Đề thi thử ')).toBeNull()
  })
})
