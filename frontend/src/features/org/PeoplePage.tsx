import { useState } from 'react'
import { useLoad } from '../../lib/useLoad'
import { useUrlQuery } from '../../lib/useUrlQuery'
import { Link } from 'react-router'
import { Alert, App, Button, Card, Input, Popconfirm, Row, Select, Space, Switch, Table, Tooltip, Typography } from 'antd'
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table'
import type { SorterResult } from 'antd/es/table/interface'
import { CheckCircleOutlined, DownloadOutlined, EditOutlined, PlusOutlined, SearchOutlined, StopOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { activatePerson, deactivatePerson, exportPeople, listPeople } from '../../api/client'
import { PERSON_KINDS, type FileFormat, type PeopleQuery, type PeopleSort, type Person, type PersonKind } from '../../api/types'
import { errorText } from '../../app/errors'
import { saveFile } from '../../lib/download'
import { formatDateTime } from '../../lib/format'
import { AgencyTreeSelect } from './AgencyTreeSelect'
import { ActiveTag } from './labels'
import { PersonForm } from './PersonForm'

const SORTS: PeopleSort[] = ['name', '-name', 'code', '-code', 'updated', '-updated']

/** readQuery turns the page's URL into the list query, so filters survive reloads and links. */
function readQuery(sp: URLSearchParams): PeopleQuery {
  const bool = (k: string) => (sp.get(k) === 'true' ? true : sp.get(k) === 'false' ? false : undefined)
  const num = (k: string) => (sp.get(k) && Number.isFinite(Number(sp.get(k))) ? Number(sp.get(k)) : undefined)
  const sort = sp.get('sort') as PeopleSort | null
  const kind = sp.get('kind') as PersonKind | null
  return {
    q: sp.get('q') ?? undefined,
    agency_id: num('agency_id'),
    include_sub: sp.get('include_sub') !== 'false',
    kind: kind && PERSON_KINDS.includes(kind) ? kind : undefined,
    professional: bool('professional'),
    // Active people by default; "all" is written as active=all.
    active: sp.get('active') === 'all' ? undefined : (bool('active') ?? true),
    sort: sort && SORTS.includes(sort) ? sort : 'name',
    page: num('page') ?? 1,
    page_size: num('page_size') ?? 20,
  }
}

export default function PeoplePage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { query, update, typed, setTyped } = useUrlQuery(readQuery)
  const [form, setForm] = useState<{ person?: Person } | null>(null)
  const [exporting, setExporting] = useState<FileFormat | null>(null)
  const [reloadTick, setReloadTick] = useState(0)

  const { data, loading, error } = useLoad((signal) => listPeople(query, signal), [query, reloadTick])

  const reload = () => setReloadTick((n) => n + 1)

  const toggleActive = async (p: Person) => {
    try {
      await (p.active ? deactivatePerson(p.id) : activatePerson(p.id))
      message.success(t(p.active ? 'people.deactivated' : 'people.activated', { name: p.full_name }))
      reload()
    } catch (e) {
      message.error(errorText(t, e))
    }
  }

  const doExport = async (format: FileFormat) => {
    setExporting(format)
    try {
      saveFile(await exportPeople(format, query))
    } catch (e) {
      message.error(errorText(t, e))
    } finally {
      setExporting(null)
    }
  }

  const sortOrder = (field: 'name' | 'code' | 'updated') =>
    query.sort === field ? 'ascend' : query.sort === `-${field}` ? 'descend' : null

  const columns: ColumnsType<Person> = [
    {
      key: 'name',
      title: t('people.field.full_name'),
      dataIndex: 'full_name',
      sorter: true,
      sortOrder: sortOrder('name'),
      fixed: 'left',
      width: 200,
      render: (v: string, p) => <Link to={`/people/${p.id}`}>{v}</Link>,
    },
    { key: 'code', title: t('people.field.code'), dataIndex: 'code', sorter: true, sortOrder: sortOrder('code'), width: 130 },
    { key: 'agency', title: t('people.field.agency'), dataIndex: 'agency_name', ellipsis: { showTitle: true }, width: 240 },
    { key: 'job_title', title: t('people.field.job_title'), dataIndex: 'job_title', ellipsis: { showTitle: true }, width: 200 },
    { key: 'kind', title: t('people.field.kind'), dataIndex: 'kind', render: (k: string) => t(`kinds.${k}`), width: 120 },
    {
      key: 'professional',
      title: t('people.field.professional_short'),
      dataIndex: 'professional',
      render: (b: boolean) => (b ? t('common.yes') : t('common.no')),
      width: 110,
    },
    {
      key: 'it',
      title: t('people.field.it_qualification'),
      dataIndex: 'it_qualification',
      render: (q: string) => t(`qualifications.${q}`),
      width: 170,
    },
    {
      key: 'updated',
      title: t('people.field.updated_at'),
      dataIndex: 'updated_at',
      sorter: true,
      sortOrder: sortOrder('updated'),
      render: (v: string) => formatDateTime(v).slice(0, 10),
      width: 120,
    },
    { key: 'active', title: t('people.field.status'), dataIndex: 'active', render: (a: boolean) => <ActiveTag active={a} />, width: 150 },
    {
      key: 'actions',
      title: '',
      fixed: 'right',
      width: 96,
      render: (_, p) => (
        <Space size={4}>
          <Tooltip title={t('common.edit')}>
            <Button size="small" icon={<EditOutlined />} onClick={() => setForm({ person: p })} aria-label={t('common.edit')} />
          </Tooltip>
          <Popconfirm
            title={t(p.active ? 'people.confirm_deactivate' : 'people.confirm_activate', { name: p.full_name })}
            okText={t('common.yes')}
            cancelText={t('common.no')}
            onConfirm={() => toggleActive(p)}
          >
            <Tooltip title={t(p.active ? 'people.deactivate' : 'people.activate')}>
              <Button
                size="small"
                danger={p.active}
                icon={p.active ? <StopOutlined /> : <CheckCircleOutlined />}
                aria-label={t(p.active ? 'people.deactivate' : 'people.activate')}
              />
            </Tooltip>
          </Popconfirm>
        </Space>
      ),
    },
  ]

  const onTableChange = (pg: TablePaginationConfig, _f: unknown, s: SorterResult<Person> | SorterResult<Person>[]) => {
    const sorter = Array.isArray(s) ? s[0] : s
    let sort: PeopleSort = 'name'
    if (sorter?.order && sorter.columnKey) {
      const key = sorter.columnKey as 'name' | 'code' | 'updated'
      sort = (sorter.order === 'descend' ? `-${key}` : key) as PeopleSort
    }
    const sortChanged = sort !== query.sort
    update(
      {
        sort: sort === 'name' ? undefined : sort,
        page: sortChanged || pg.current === 1 ? undefined : pg.current,
        page_size: pg.pageSize === 20 ? undefined : pg.pageSize,
      },
      false,
    )
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" style={{ rowGap: 12, columnGap: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('people.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} onClick={() => doExport('csv')}>
            {t('people.export_csv')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => doExport('xlsx')}>
            {t('people.export_xlsx')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({})}>
            {t('people.create')}
          </Button>
        </Space>
      </Row>
      <Card size="small">
        <Space wrap size="middle">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('people.search')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            style={{ width: 280 }}
            data-testid="people-search"
          />
          <AgencyTreeSelect value={query.agency_id} onChange={(id) => update({ agency_id: id })} style={{ width: 300 }} />
          <Space size={6}>
            <Switch
              size="small"
              checked={query.include_sub}
              disabled={query.agency_id === undefined}
              onChange={(v) => update({ include_sub: v ? undefined : false })}
            />
            <Typography.Text>{t('people.filter.include_sub')}</Typography.Text>
          </Space>
          <Select
            allowClear
            placeholder={t('people.filter.kind')}
            value={query.kind}
            onChange={(v) => update({ kind: v })}
            options={PERSON_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            placeholder={t('people.filter.professional')}
            value={query.professional === undefined ? undefined : String(query.professional)}
            onChange={(v) => update({ professional: v })}
            options={[
              { value: 'true', label: t('people.filter.professional_yes') },
              { value: 'false', label: t('people.filter.professional_no') },
            ]}
            style={{ width: 200 }}
          />
          <Select
            value={query.active === undefined ? 'all' : String(query.active)}
            onChange={(v) => update({ active: v === 'true' ? undefined : v })}
            options={[
              { value: 'true', label: t('people.filter.active_only') },
              { value: 'false', label: t('people.filter.inactive_only') },
              { value: 'all', label: t('people.filter.all_statuses') },
            ]}
            style={{ width: 170 }}
          />
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      <div data-testid="people-table">
        <Table<Person>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          onChange={onTableChange}
          scroll={{ x: 1540 }}
          pagination={{
            current: query.page,
            pageSize: query.page_size,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('common.total', { count: n }),
          }}
        />
      </div>
      {form && (
        <PersonForm
          person={form.person}
          defaultAgencyId={query.agency_id}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null)
            reload()
          }}
        />
      )}
    </Space>
  )
}
