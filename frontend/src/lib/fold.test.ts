import { describe, expect, it } from 'vitest'
import { fold, foldIncludes } from './fold'

describe('fold', () => {
  it.each([
    ['Nguyễn Văn An', 'nguyen van an'],
    ['ĐẶNG  Thị   Đào', 'dang thi dao'],
    ['  Huyện Can Lộc ', 'huyen can loc'],
    ['Sở Tài nguyên và Môi trường', 'so tai nguyen va moi truong'],
    ['Phường Bắc Hà', 'phuong bac ha'],
    ['abc-123', 'abc-123'],
  ])('%s -> %s', (input, want) => {
    expect(fold(input)).toBe(want)
  })

  it('folds precomposed and decomposed forms alike', () => {
    const precomposed = 'Nguy\u1ec5n'
    const decomposed = 'Nguye\u0302\u0303n'
    expect(fold(precomposed)).toBe(fold(decomposed))
  })

  it('matches substrings without diacritics', () => {
    expect(foldIncludes('Thành phố Hà Tĩnh', 'ha tinh')).toBe(true)
    expect(foldIncludes('Thành phố Hà Tĩnh', 'HÀ TĨNH')).toBe(true)
    expect(foldIncludes('Huyện Kỳ Anh', 'can loc')).toBe(false)
  })
})
