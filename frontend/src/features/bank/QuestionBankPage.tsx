import { useEffect, useMemo, useState, type Key } from 'react'
import { useLoad } from '../../lib/useLoad'
import { useSearchParams } from 'react-router'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Dropdown,
  Empty,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Tree,
  Typography,
  Grid,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { DataNode } from 'antd/es/tree'
import {
  DownloadOutlined,
  DownOutlined,
  FileTextOutlined,
  FolderAddOutlined,
  LockOutlined,
  PlusOutlined,
  SearchOutlined,
  UnorderedListOutlined,
  UploadOutlined,
} from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { exportQuestions, listQuestions } from '../../api/client'
import {
  QUESTION_EXPORT_FORMATS,
  QUESTION_TYPES,
  type QuestionExportFormat,
  type QuestionSummary,
  type QuestionType,
} from '../../api/types'
import { formatDateTime } from '../../lib/format'
import { saveFile } from '../../lib/download'
import { CategoryModal } from './CategoryModal'
import { ImportDrawer } from './ImportDrawer'
import { QuestionDrawer } from './QuestionDrawer'
import { QuestionEditor, type EditorTarget } from './QuestionEditor'
import { EDITOR_TYPES } from './editor'
import { bankErrorText, FilesTag, TypeTag } from './labels'
import { typeLabel } from './questions'
import { ancestorIds, buildCategoryTree, categoryPath, type CategoryNode } from './tree'
import { useCategories } from './useCategories'

interface Filters {
  q?: string
  type?: QuestionType
  include_sub: boolean
  archived?: boolean
  page: number
  page_size: number
}

export default function QuestionBankPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const mobile = Grid.useBreakpoint().md === false
  const [params, setParams] = useSearchParams()
  const selectedId = Number(params.get('category')) || undefined
  const { items, byId, loading: treeLoading, error: treeError, reload: reloadTree } = useCategories()
  const selected = selectedId !== undefined ? byId.get(selectedId) : undefined

  const [expanded, setExpanded] = useState<Key[] | null>(null)
  const [filters, setFilters] = useState<Filters>({ include_sub: true, page: 1, page_size: 20 })
  const [typed, setTyped] = useState('')
  const [tick, setTick] = useState(0)
  const [openId, setOpenId] = useState<number | null>(null)
  const [adding, setAdding] = useState(false)
  const [importing, setImporting] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [editing, setEditing] = useState<EditorTarget | null>(null)

  // The search box asks the server (which folds diacritics) once typing pauses.
  useEffect(() => {
    if ((filters.q ?? '') === typed.trim()) return
    const id = setTimeout(() => setFilters((f) => ({ ...f, q: typed.trim() || undefined, page: 1 })), 300)
    return () => clearTimeout(id)
  }, [typed, filters.q])

  const { data, loading, error } = useLoad((signal) => listQuestions({ ...filters, category_id: selectedId }, signal), [filters, selectedId, tick])

  const roots = useMemo(() => buildCategoryTree(items), [items])
  const treeData = useMemo(() => {
    const map = (n: CategoryNode, parentFromFiles: boolean): DataNode => {
      const c = n.category
      const files = c.source === 'files'
      return {
        key: c.id,
        title: (
          <span data-testid={`category-${c.id}`} style={{ overflowWrap: 'anywhere' }}>
            {files && parentFromFiles ? (
              <Tooltip title={t('bank.from_files')}>
                <LockOutlined style={{ color: 'rgba(0,0,0,0.35)', marginInlineEnd: 4 }} aria-label={t('bank.from_files')} />
              </Tooltip>
            ) : null}
            {c.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              ({n.total})
            </Typography.Text>
            {/* The tag marks where the course files begin; what is under it comes from the files too (the lock). */}
            {files && !parentFromFiles ? (
              <>
                {' '}
                <FilesTag />
              </>
            ) : null}
          </span>
        ),
        children: n.children.map((k) => map(k, files)),
      }
    }
    return roots.map((n) => map(n, false))
  }, [roots, t])

  const path = selectedId !== undefined ? categoryPath(items, selectedId) : []
  // At first the roots are open, and the way down to a category given in the address.
  const expandedKeys = expanded ?? [...roots.map((r) => r.category.id), ...(selectedId ? ancestorIds(items, selectedId) : [])]

  const select = (id: number | undefined) => {
    setParams(id ? { category: String(id) } : {}, { replace: false })
    setFilters((f) => ({ ...f, page: 1 }))
  }

  const refresh = () => {
    reloadTree()
    setTick((n) => n + 1)
  }

  const download = async (format: QuestionExportFormat) => {
    if (!selectedId) return
    setExporting(true)
    try {
      saveFile(await exportQuestions(selectedId, format))
    } catch (e) {
      message.error(bankErrorText(t, e))
    } finally {
      setExporting(false)
    }
  }

  const needCategory = !selected
  const columns: ColumnsType<QuestionSummary> = [
    {
      key: 'name',
      title: t('bank.field.question'),
      render: (_, q) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Link onClick={() => setOpenId(q.id)} strong data-testid="question-open">
            {q.name}
          </Typography.Link>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0, fontSize: 13 }}>
            {q.excerpt}
          </Typography.Paragraph>
          {q.archived ? <Tag color="orange">{t('bank.archived')}</Tag> : null}
        </div>
      ),
    },
    { key: 'type', title: t('bank.field.type'), dataIndex: 'type', width: mobile ? 104 : 130, render: (ty: QuestionType) => <TypeTag type={ty} /> },
    {
      key: 'category',
      title: t('bank.field.category'),
      dataIndex: 'category_name',
      width: 200,
      responsive: ['xl'],
    },
    {
      key: 'source',
      title: t('bank.field.source'),
      width: 140,
      responsive: ['lg'],
      render: (_, q) => (q.source === 'files' ? <FilesTag short /> : <Typography.Text type="secondary">{t('bank.source_app')}</Typography.Text>),
    },
    {
      key: 'version',
      title: t('bank.field.version'),
      dataIndex: 'version',
      width: 90,
      align: 'right',
      responsive: ['xxl'],
    },
    {
      key: 'updated',
      title: t('bank.field.updated_at'),
      dataIndex: 'updated_at',
      width: 150,
      responsive: ['xxl'],
      render: (v: string) => formatDateTime(v),
    },
  ]

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" style={{ rowGap: 12, columnGap: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('bank.title')}
        </Typography.Title>
        <Space wrap>
          <Dropdown
            trigger={['click']}
            menu={{
              items: EDITOR_TYPES.map((ty) => ({ key: ty, label: typeLabel(t, ty), 'data-testid': `new-question-${ty}` })),
              onClick: (e) =>
                setEditing({ type: e.key as QuestionType, categoryId: selected?.source === 'app' ? selected.id : undefined }),
            }}
          >
            <Button type="primary" icon={<PlusOutlined />} data-testid="question-new">
              {t('bank.editor.new')} <DownOutlined />
            </Button>
          </Dropdown>
          <Button icon={<FolderAddOutlined />} onClick={() => setAdding(true)} data-testid="category-add">
            {t('bank.category.add')}
          </Button>
          <Tooltip title={needCategory ? t('bank.pick_category_first') : undefined}>
            <Button
              icon={<UploadOutlined />}
              disabled={needCategory}
              onClick={() => setImporting(true)}
              data-testid="bank-import-open"
            >
              {t('bank.import.open')}
            </Button>
          </Tooltip>
          <Tooltip title={needCategory ? t('bank.pick_category_first') : undefined}>
            <Dropdown
              disabled={needCategory}
              trigger={['click']}
              menu={{
                items: QUESTION_EXPORT_FORMATS.map((f) => ({ key: f, label: t(`bank.export.${f}`) })),
                onClick: (e) => download(e.key as QuestionExportFormat),
              }}
            >
              <Button icon={<DownloadOutlined />} loading={exporting} disabled={needCategory} data-testid="bank-export">
                {t('bank.export.button')} <DownOutlined />
              </Button>
            </Dropdown>
          </Tooltip>
        </Space>
      </Row>
      {treeError ? <Alert type="error" showIcon message={bankErrorText(t, treeError)} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={9} xl={7}>
          <Card size="small" title={t('bank.categories')} loading={treeLoading && items.length === 0} data-testid="category-tree">
            <Button
              type={selectedId ? 'link' : 'text'}
              icon={<UnorderedListOutlined />}
              onClick={() => select(undefined)}
              style={{ paddingInline: 4, marginBottom: 4, fontWeight: selectedId ? undefined : 600 }}
              data-testid="category-all"
            >
              {t('bank.all_questions')}
            </Button>
            {treeData.length === 0 ? (
              <Empty description={t('bank.no_categories')} />
            ) : (
              <Tree
                treeData={treeData}
                selectedKeys={selectedId !== undefined ? [selectedId] : []}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys)}
                // Clicking the selected category again keeps it selected.
                onSelect={(keys) => keys.length && select(Number(keys[0]))}
                height={mobile ? 320 : 620}
                blockNode
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={15} xl={17}>
          <Card
            size="small"
            title={
              <span style={{ whiteSpace: 'normal' }} data-testid="bank-list-title">
                {selected ? (
                  <>
                    <FileTextOutlined /> {selected.name}
                  </>
                ) : (
                  t('bank.all_questions')
                )}
              </span>
            }
          >
            {path.length > 1 && (
              <Typography.Paragraph type="secondary" style={{ marginTop: -4, fontSize: 12 }}>
                {path.join(' / ')}
              </Typography.Paragraph>
            )}
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 12px', marginBottom: 12 }}>
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t('bank.search')}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                style={{ flex: '1 1 240px', maxWidth: 360 }}
                data-testid="bank-search"
              />
              <Select<QuestionType>
                allowClear
                placeholder={t('bank.filter.type')}
                value={filters.type}
                onChange={(v) => setFilters((f) => ({ ...f, type: v, page: 1 }))}
                options={QUESTION_TYPES.map((ty) => ({ value: ty, label: typeLabel(t, ty) }))}
                style={{ flex: '0 1 180px', minWidth: 150 }}
                data-testid="bank-type"
              />
              <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6, cursor: 'pointer' }}>
                <Switch
                  size="small"
                  checked={Boolean(filters.archived)}
                  onChange={(v) => setFilters((f) => ({ ...f, archived: v || undefined, page: 1 }))}
                  data-testid="bank-archived"
                />
                <Typography.Text>{t('bank.show_archived')}</Typography.Text>
              </label>
              {selected && (
                <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6, cursor: 'pointer' }}>
                  <Switch
                    size="small"
                    checked={filters.include_sub}
                    onChange={(v) => setFilters((f) => ({ ...f, include_sub: v, page: 1 }))}
                    data-testid="bank-include-sub"
                  />
                  <Typography.Text>{t('bank.include_sub')}</Typography.Text>
                </label>
              )}
            </div>
            {error ? <Alert type="error" showIcon message={bankErrorText(t, error)} style={{ marginBottom: 12 }} /> : null}
            <div data-testid="question-table">
            <Table<QuestionSummary>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={loading}
              locale={{ emptyText: t('bank.no_questions') }}
              pagination={{
                current: filters.page,
                pageSize: filters.page_size,
                total: data?.total ?? 0,
                showSizeChanger: !mobile,
                pageSizeOptions: [20, 50, 100],
                showTotal: (n) => t('common.total', { count: n }),
                size: mobile ? 'small' : undefined,
                onChange: (page, pageSize) => setFilters((f) => ({ ...f, page: pageSize !== f.page_size ? 1 : page, page_size: pageSize })),
              }}
            />
            </div>
          </Card>
        </Col>
      </Row>
      {openId !== null && (
        <QuestionDrawer
          key={`${openId}-${tick}`}
          id={openId}
          onClose={() => setOpenId(null)}
          onEdit={(q) => setEditing({ question: q })}
          onChanged={() => refresh()}
        />
      )}
      {editing && (
        <QuestionEditor
          target={editing}
          categories={items}
          onClose={() => setEditing(null)}
          onSaved={(q) => {
            setEditing(null)
            refresh()
            setOpenId(q.id)
          }}
        />
      )}
      {adding && (
        <CategoryModal
          categories={items}
          parentId={selected?.source === 'app' ? selected.id : undefined}
          onClose={() => setAdding(false)}
          onCreated={(c) => {
            setAdding(false)
            reloadTree()
            if (c.parent_id !== null) setExpanded((keys) => [...(keys ?? expandedKeys), c.parent_id as number, ...ancestorIds(items, c.parent_id as number)])
            select(c.id)
          }}
        />
      )}
      {importing && selected && (
        <ImportDrawer
          categoryId={selected.id}
          categoryPath={path}
          onClose={() => setImporting(false)}
          onImported={() => {
            // New sub-categories ($CATEGORY) open under the target.
            setExpanded((keys) => [...(keys ?? expandedKeys), selected.id])
            refresh()
          }}
        />
      )}
    </Space>
  )
}
