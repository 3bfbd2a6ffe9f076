import { useEffect, useRef, useState } from 'react'
import { Select, Spin } from 'antd'
import { useTranslation } from 'react-i18next'
import { listPeople } from '../../api/client'
import type { Person } from '../../api/types'

interface Props {
  value?: number[]
  onChange?: (ids: number[]) => void
  id?: string
  placeholder?: string
}

const label = (p: Person) => `${p.full_name} · ${p.code} · ${p.agency_name}`

/** PeopleSelect picks several active people, searched on the server by name or code (without diacritics). */
export function PeopleSelect({ value, onChange, id, placeholder }: Props) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const [found, setFound] = useState<Person[]>([])
  const [loading, setLoading] = useState(false)
  // Labels of the people picked so far, kept when a new search replaces the options.
  const picked = useRef(new Map<number, string>())

  useEffect(() => {
    if (!q.trim()) {
      setFound([])
      return
    }
    const ctl = new AbortController()
    const timer = setTimeout(() => {
      setLoading(true)
      listPeople({ q, page_size: 20, active: true }, ctl.signal)
        .then((r) => setFound(r.items))
        .catch(() => undefined)
        .finally(() => !ctl.signal.aborted && setLoading(false))
    }, 300)
    return () => {
      clearTimeout(timer)
      ctl.abort()
    }
  }, [q])

  for (const p of found) if (value?.includes(p.id)) picked.current.set(p.id, label(p))
  const options = [
    ...(value ?? []).filter((v) => !found.some((p) => p.id === v)).map((v) => ({ value: v, label: picked.current.get(v) ?? `#${v}` })),
    ...found.map((p) => ({ value: p.id, label: label(p) })),
  ]

  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      showSearch
      allowClear
      value={value}
      placeholder={placeholder ?? t('users.person_search')}
      filterOption={false}
      searchValue={q}
      onSearch={setQ}
      onChange={(ids) => {
        for (const p of found) if (ids.includes(p.id)) picked.current.set(p.id, label(p))
        onChange?.(ids)
      }}
      notFoundContent={loading ? <Spin size="small" /> : q ? t('common.no_results') : t('users.type_to_search')}
      options={options}
      data-testid="people-select"
    />
  )
}
