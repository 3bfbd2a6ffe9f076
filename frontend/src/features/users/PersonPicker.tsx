import { useEffect, useState } from 'react'
import { Select, Spin } from 'antd'
import { useTranslation } from 'react-i18next'
import { listPeople } from '../../api/client'
import type { Person } from '../../api/types'

interface Props {
  value?: number
  onChange?: (id: number | undefined, person?: Person) => void
  id?: string
}

/** PersonPicker finds a person by name or code (searched on the server) to link to an account. */
export function PersonPicker({ value, onChange, id }: Props) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const [people, setPeople] = useState<Person[]>([])
  const [loading, setLoading] = useState(false)

  useEffect(() => {
    if (!q.trim()) {
      setPeople((p) => p.filter((x) => x.id === value))
      return
    }
    const ctl = new AbortController()
    const timer = setTimeout(() => {
      setLoading(true)
      listPeople({ q, page_size: 20, active: true }, ctl.signal)
        .then((r) => setPeople(r.items))
        .catch(() => undefined)
        .finally(() => !ctl.signal.aborted && setLoading(false))
    }, 300)
    return () => {
      clearTimeout(timer)
      ctl.abort()
    }
  }, [q, value])

  return (
    <Select<number>
      id={id}
      showSearch
      allowClear
      value={value}
      placeholder={t('users.person_search')}
      filterOption={false}
      onSearch={setQ}
      onChange={(v) => onChange?.(v ?? undefined, people.find((p) => p.id === v))}
      notFoundContent={loading ? <Spin size="small" /> : q ? t('common.no_results') : t('users.type_to_search')}
      options={people.map((p) => ({ value: p.id, label: `${p.full_name} · ${p.code} · ${p.agency_name}` }))}
    />
  )
}
