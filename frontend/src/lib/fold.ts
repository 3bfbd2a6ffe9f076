// fold turns text into lower case without diacritics, with đ/Đ as d and runs
// of white space collapsed, the way the server folds names for search
// (api/platform/vn.Fold), so "nguyen van an" matches "Nguyễn Văn An".
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** foldIncludes reports whether text contains query, both folded. */
export function foldIncludes(text: string, query: string): boolean {
  return fold(text).includes(fold(query))
}

/** viCollator compares strings in Vietnamese order. */
export const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true })
