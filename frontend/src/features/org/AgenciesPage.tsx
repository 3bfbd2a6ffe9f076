import { useMemo, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { Alert, Button, Card, Col, Descriptions, Empty, Input, Row, Space, Tag, Tree, Typography } from 'antd'
import { EditOutlined, PlusOutlined, ProfileOutlined, SearchOutlined, TeamOutlined } from '@ant-design/icons'
import type { DataNode } from 'antd/es/tree'
import { useTranslation } from 'react-i18next'
import type { Agency } from '../../api/types'
import { errorText } from '../../app/errors'
import { formatDate } from '../../lib/format'
import { useMe } from '../auth/AuthContext'
import { canEditAgencies } from '../auth/access'
import { PositionsSection } from '../facts/PositionsPanel'
import { AgencyForm } from './AgencyForm'
import { agencyName, buildTree, filterTree, type AgencyNode } from './tree'
import { useAgencies } from './useAgencies'

export default function AgenciesPage() {
  const { t, i18n } = useTranslation()
  const me = useMe()
  const navigate = useNavigate()
  const params = useParams()
  const { agencies, byId, loading, error } = useAgencies()
  const [query, setQuery] = useState('')
  const [expanded, setExpanded] = useState<React.Key[] | null>(null)
  const [form, setForm] = useState<{ agency?: Agency; parentId?: number | null } | null>(null)

  const selectedId = params.id ? Number(params.id) : undefined
  const selected = selectedId !== undefined ? byId.get(selectedId) : undefined
  const editable = canEditAgencies(me.role)

  const roots = useMemo(() => buildTree(agencies), [agencies])
  const filtered = useMemo(() => filterTree(roots, query), [roots, query])
  const treeData = useMemo(() => {
    const map = (n: AgencyNode): DataNode => ({
      key: n.agency.id,
      title: (
        <span>
          {agencyName(n.agency, i18n.language)}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {n.agency.code}
          </Typography.Text>
        </span>
      ),
      children: n.children.map(map),
    })
    return filtered.roots.map(map)
  }, [filtered, i18n.language])

  // Searching expands the path to every match; otherwise the user's own expansion (roots open at first).
  const expandedKeys = query.trim() ? filtered.expand : (expanded ?? roots.map((r) => r.agency.id))
  const parent = selected?.parent_id ? byId.get(selected.parent_id) : undefined

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" style={{ rowGap: 12, columnGap: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('agencies.title')}
        </Typography.Title>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ parentId: selected?.id ?? null })}>
            {t('agencies.create')}
          </Button>
        )}
      </Row>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      <Row gutter={16}>
        <Col xs={24} md={10} xl={8}>
          <Card size="small" loading={loading}>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('agencies.search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              style={{ marginBottom: 12 }}
              data-testid="agency-search"
            />
            {treeData.length === 0 ? (
              <Empty description={t('common.no_results')} />
            ) : (
              <Tree
                treeData={treeData}
                selectedKeys={selectedId !== undefined ? [selectedId] : []}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys)}
                onSelect={(keys) => keys.length && navigate(`/agencies/${keys[0]}`)}
                height={600}
                blockNode
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} xl={16}>
          <Card
            size="small"
            title={selected ? agencyName(selected, i18n.language) : t('agencies.details')}
            extra={
              selected && (
                <Space>
                  <Link to={`/people?agency_id=${selected.id}&include_sub=true`}>
                    <Button icon={<TeamOutlined />}>{t('agencies.view_people')}</Button>
                  </Link>
                  <Link to={`/agencies/${selected.id}/facts`} data-testid="agency-facts-open">
                    <Button icon={<ProfileOutlined />}>{t('agency_facts.open')}</Button>
                  </Link>
                  {editable && (
                    <Button icon={<EditOutlined />} onClick={() => setForm({ agency: selected })}>
                      {t('common.edit')}
                    </Button>
                  )}
                  {editable && (
                    <Button icon={<PlusOutlined />} onClick={() => setForm({ parentId: selected.id })}>
                      {t('agencies.add_child')}
                    </Button>
                  )}
                </Space>
              )
            }
          >
            {selected ? (
              <Descriptions column={1} bordered size="small" labelStyle={{ width: 200 }} data-testid="agency-details">
                <Descriptions.Item label={t('agencies.field.code')}>{selected.code}</Descriptions.Item>
                <Descriptions.Item label={t('agencies.field.name')}>{selected.name}</Descriptions.Item>
                <Descriptions.Item label={t('agencies.field.name_en')}>{selected.name_en || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('agencies.field.level')}>{t(`agencies.level.${selected.level}`)}</Descriptions.Item>
                <Descriptions.Item label={t('agencies.field.parent')}>
                  {parent ? <Link to={`/agencies/${parent.id}`}>{agencyName(parent, i18n.language)}</Link> : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('agencies.field.sectors')}>
                  {selected.sectors.length
                    ? selected.sectors.map((s) => (
                        <Tag key={s} color="geekblue">
                          {t(`sectors.${s}`, { defaultValue: s })}
                        </Tag>
                      ))
                    : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('agencies.field.people_count')}>
                  <Link to={`/people?agency_id=${selected.id}&include_sub=true`}>
                    {selected.people_count.toLocaleString(i18n.language === 'en' ? 'en-US' : 'vi-VN')}
                  </Link>
                </Descriptions.Item>
                {(selected.valid_from || selected.valid_to) && (
                  <Descriptions.Item label={t('agencies.field.validity')}>
                    {formatDate(selected.valid_from) || '…'} – {formatDate(selected.valid_to) || '…'}
                  </Descriptions.Item>
                )}
              </Descriptions>
            ) : (
              <Empty description={t('agencies.pick_one')} />
            )}
          </Card>
          {selected && <PositionsSection agencyId={selected.id} />}
        </Col>
      </Row>
      {form && (
        <AgencyForm
          agency={form.agency}
          parentId={form.parentId}
          onClose={() => setForm(null)}
          onSaved={(a) => {
            setForm(null)
            navigate(`/agencies/${a.id}`)
          }}
        />
      )}
    </Space>
  )
}
