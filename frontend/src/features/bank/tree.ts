import type { QuestionCategory } from '../../api/types'
import { viCollator } from '../../lib/fold'

export interface CategoryNode {
  category: QuestionCategory
  children: CategoryNode[]
  /** live questions in this category and every category under it */
  total: number
}

/**
 * buildCategoryTree turns the flat list of GET /question-categories into a
 * forest. A category whose parent is not in the list is a root. Siblings are
 * ordered by name in Vietnamese order (numbers by value), so "Mô đun 2" comes
 * before "Mô đun 10".
 */
export function buildCategoryTree(items: QuestionCategory[]): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>()
  for (const c of items) nodes.set(c.id, { category: c, children: [], total: 0 })
  const roots: CategoryNode[] = []
  for (const n of nodes.values()) {
    const parent = n.category.parent_id !== null ? nodes.get(n.category.parent_id) : undefined
    // A category that is its own ancestor would loop forever: make it a root.
    if (parent && !isAncestor(nodes, n.category.id, parent)) parent.children.push(n)
    else roots.push(n)
  }
  const finish = (list: CategoryNode[]): number => {
    list.sort((x, y) => viCollator.compare(x.category.name, y.category.name) || x.category.id - y.category.id)
    let sum = 0
    for (const n of list) {
      n.total = n.category.question_count + finish(n.children)
      sum += n.total
    }
    return sum
  }
  finish(roots)
  return roots
}

function isAncestor(nodes: Map<number, CategoryNode>, id: number, from: CategoryNode): boolean {
  const seen = new Set<number>()
  for (let n: CategoryNode | undefined = from; n; ) {
    if (n.category.id === id) return true
    if (seen.has(n.category.id)) return true
    seen.add(n.category.id)
    n = n.category.parent_id !== null ? nodes.get(n.category.parent_id) : undefined
  }
  return false
}

/** categoryPath lists the names from the root down to the category id ([] when it is unknown). */
export function categoryPath(items: QuestionCategory[], id: number): string[] {
  const byId = new Map(items.map((c) => [c.id, c]))
  const out: string[] = []
  const seen = new Set<number>()
  for (let c = byId.get(id); c && !seen.has(c.id); c = c.parent_id !== null ? byId.get(c.parent_id) : undefined) {
    seen.add(c.id)
    out.unshift(c.name)
  }
  return out
}

/** ancestorIds lists the ids above the category id, nearest first. */
export function ancestorIds(items: QuestionCategory[], id: number): number[] {
  const byId = new Map(items.map((c) => [c.id, c]))
  const out: number[] = []
  const seen = new Set<number>([id])
  for (let p = byId.get(id)?.parent_id ?? null; p !== null && !seen.has(p); p = byId.get(p)?.parent_id ?? null) {
    seen.add(p)
    out.push(p)
  }
  return out
}

/** categoryNameError checks a new category's name the way the server does: 1–200 characters, no "/". */
export function categoryNameError(name: string): 'required' | 'too_long' | 'slash' | null {
  const n = name.trim()
  if (!n) return 'required'
  if ([...n].length > 200) return 'too_long'
  if (n.includes('/')) return 'slash'
  return null
}
