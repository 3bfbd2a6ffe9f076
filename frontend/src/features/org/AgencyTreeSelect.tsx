import { useMemo } from 'react'
import { TreeSelect } from 'antd'
import { useTranslation } from 'react-i18next'
import { fold } from '../../lib/fold'
import { agencyName, buildTree, type AgencyNode } from './tree'
import { useAgencies } from './useAgencies'

interface Props {
  value?: number | null
  onChange?: (id: number | undefined) => void
  placeholder?: string
  allowClear?: boolean
  /** disabled lists agencies that may not be picked (an agency's own subtree when moving it). */
  disabled?: Set<number>
  /** rootId limits the choice to that agency and those below it (the whole scope when absent). */
  rootId?: number
  style?: React.CSSProperties
  id?: string
}

interface Option {
  value: number
  title: string
  search: string
  disabled?: boolean
  children: Option[]
}

/** AgencyTreeSelect picks one agency from the caller's scope, searchable without diacritics. */
export function AgencyTreeSelect({ value, onChange, placeholder, allowClear = true, disabled, rootId, style, id }: Props) {
  const { t, i18n } = useTranslation()
  const { agencies, loading } = useAgencies()
  const data = useMemo(() => {
    const map = (n: AgencyNode): Option => {
      const title = agencyName(n.agency, i18n.language)
      return {
        value: n.agency.id,
        title,
        search: fold(`${title} ${n.agency.name} ${n.agency.code}`),
        disabled: disabled?.has(n.agency.id),
        children: n.children.map(map),
      }
    }
    const find = (list: AgencyNode[]): AgencyNode[] => {
      for (const n of list) {
        const found = n.agency.id === rootId ? [n] : find(n.children)
        if (found.length) return found
      }
      return []
    }
    const roots = buildTree(agencies)
    return (rootId === undefined ? roots : find(roots)).map(map)
  }, [agencies, i18n.language, disabled, rootId])

  return (
    <TreeSelect<number>
      id={id}
      style={{ minWidth: 260, ...style }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={data}
      loading={loading}
      allowClear={allowClear}
      showSearch
      placeholder={placeholder ?? t('people.filter.agency')}
      treeNodeFilterProp="search"
      filterTreeNode={(input, node) => (node as unknown as Option).search.includes(fold(input))}
      popupMatchSelectWidth={false}
      listHeight={400}
      treeDefaultExpandedKeys={data.map((d) => d.value)}
    />
  )
}
