import type { Downloaded } from '../api/client'

/** saveFile hands a downloaded blob to the browser as a file. */
export function saveFile({ blob, filename }: Downloaded) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
