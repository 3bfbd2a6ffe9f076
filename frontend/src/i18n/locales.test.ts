import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import vi from './locales/vi.json'
import en from './locales/en.json'

type Tree = { [k: string]: string | Tree }

/** paths lists every leaf as its path of keys (keys may hold dots, like audit.actions."auth.login"). */
function paths(t: Tree, prefix: string[] = []): string[][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[...prefix, k]] : paths(v, [...prefix, k])))
}

function keys(t: Tree): string[] {
  return paths(t).map((p) => p.join('.'))
}

function at(t: Tree, path: string[]): string | Tree | undefined {
  return path.reduce<string | Tree | undefined>((n, k) => (n && typeof n === 'object' ? n[k] : undefined), t)
}

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort()
}

function lookup(t: Tree, key: string): string | Tree | undefined {
  return key.split('.').reduce<string | Tree | undefined>((n, k) => (n && typeof n === 'object' ? n[k] : undefined), t)
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [p] : []
  })
}

describe('i18n files', () => {
  it('have the same keys in Vietnamese and English', () => {
    const v = keys(vi as Tree).sort()
    const e = keys(en as Tree).sort()
    expect(v.filter((k) => !e.includes(k))).toEqual([])
    expect(e.filter((k) => !v.includes(k))).toEqual([])
  })

  it('use the same placeholders in both languages', () => {
    for (const p of paths(vi as Tree)) {
      expect(placeholders(at(en as Tree, p) as string), p.join('.')).toEqual(placeholders(at(vi as Tree, p) as string))
    }
  })

  it('have no empty strings', () => {
    for (const p of paths(vi as Tree)) expect(at(vi as Tree, p), p.join('.')).not.toBe('')
    for (const p of paths(en as Tree)) expect(at(en as Tree, p), p.join('.')).not.toBe('')
  })

  it('hold every literal key the code asks for', () => {
    const root = fileURLToPath(new URL('..', import.meta.url))
    const missing: string[] = []
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([a-z_]+(?:\.[a-zA-Z_.]+)+)'/g)) {
        // A key used with {count} may exist only in its plural forms (key_one, key_other).
        const found = [m[1], `${m[1]}_other`].some((k) => typeof lookup(vi as Tree, k) === 'string')
        if (!found) missing.push(`${file}: ${m[1]}`)
      }
    }
    expect(missing).toEqual([])
  })
})
