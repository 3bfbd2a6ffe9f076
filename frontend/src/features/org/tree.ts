import type { Agency, AgencyLevel } from '../../api/types'
import { fold, viCollator } from '../../lib/fold'

export interface AgencyNode {
  agency: Agency
  children: AgencyNode[]
}

const levelRank: Record<AgencyLevel, number> = { province: 0, department: 1, district: 2, commune: 3, unit: 4 }

/**
 * buildTree turns the flat list into a forest. An agency whose parent is not
 * in the list (outside the caller's scope) is a root. Siblings are ordered by
 * level, then by name in Vietnamese order.
 */
export function buildTree(items: Agency[]): AgencyNode[] {
  const nodes = new Map<number, AgencyNode>()
  for (const a of items) nodes.set(a.id, { agency: a, children: [] })
  const roots: AgencyNode[] = []
  for (const n of nodes.values()) {
    const parent = n.agency.parent_id !== null ? nodes.get(n.agency.parent_id) : undefined
    if (parent) parent.children.push(n)
    else roots.push(n)
  }
  const sort = (list: AgencyNode[]) => {
    list.sort(
      (x, y) =>
        levelRank[x.agency.level] - levelRank[y.agency.level] || viCollator.compare(x.agency.name, y.agency.name),
    )
    for (const n of list) sort(n.children)
  }
  sort(roots)
  return roots
}

/** agencyName is the name to show in the given language (English falls back to Vietnamese). */
export function agencyName(a: Agency, lang: string): string {
  return lang === 'en' && a.name_en ? a.name_en : a.name
}

/**
 * filterTree keeps the agencies whose name, English name or code contains
 * query (diacritics-insensitive) together with their ancestors, and returns
 * the ids to expand so that every match shows.
 */
export function filterTree(roots: AgencyNode[], query: string): { roots: AgencyNode[]; expand: number[] } {
  const q = fold(query)
  if (!q) return { roots, expand: [] }
  const expand: number[] = []
  const walk = (list: AgencyNode[]): AgencyNode[] => {
    const out: AgencyNode[] = []
    for (const n of list) {
      const a = n.agency
      const self = fold(a.name).includes(q) || fold(a.name_en).includes(q) || fold(a.code).includes(q)
      const children = walk(n.children)
      if (children.length > 0) expand.push(a.id)
      if (self || children.length > 0) out.push({ agency: a, children: self && children.length === 0 ? n.children : children })
    }
    return out
  }
  return { roots: walk(roots), expand }
}

/** descendantIds returns id and every id below it. */
export function descendantIds(items: Agency[], id: number): Set<number> {
  const kids = new Map<number, number[]>()
  for (const a of items) {
    if (a.parent_id === null) continue
    const list = kids.get(a.parent_id) ?? []
    list.push(a.id)
    kids.set(a.parent_id, list)
  }
  const out = new Set<number>([id])
  const stack = [id]
  while (stack.length) {
    for (const k of kids.get(stack.pop()!) ?? []) {
      if (!out.has(k)) {
        out.add(k)
        stack.push(k)
      }
    }
  }
  return out
}
