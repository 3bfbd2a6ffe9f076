import { useEffect, useMemo, useState, type Key } from 'react'
import { Alert, Col, Grid, Input, Modal, Row, Select, Switch, Table, Tree, Typography, type ButtonProps } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { DataNode } from 'antd/es/tree'
import { SearchOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { listQuestions } from '../../api/client'
import { QUESTION_TYPES, type QuestionCategory, type QuestionSummary, type QuestionType } from '../../api/types'
import { useLoad } from '../../lib/useLoad'
import { TypeTag } from '../bank/labels'
import { typeLabel } from '../bank/questions'
import { buildCategoryTree, type CategoryNode } from '../bank/tree'
import { quizErrorText } from './labels'

interface Props {
  categories: QuestionCategory[]
  /** questions already in the quiz as fixed questions */
  taken: Set<number>
  onClose(): void
  onPick(questions: QuestionSummary[]): void
}

const PAGE_SIZE = 10

/** QuestionPicker chooses fixed questions from the bank: a category tree on the left, a searchable list on the right. */
export function QuestionPicker({ categories, taken, onClose, onPick }: Props) {
  const { t } = useTranslation()
  const mobile = Grid.useBreakpoint().md === false
  const [categoryId, setCategoryId] = useState<number | undefined>()
  const [includeSub, setIncludeSub] = useState(true)
  const [type, setType] = useState<QuestionType | undefined>()
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const [page, setPage] = useState(1)
  const [picked, setPicked] = useState<Map<number, QuestionSummary>>(new Map())

  useEffect(() => {
    if (q === typed.trim()) return
    const id = setTimeout(() => {
      setQ(typed.trim())
      setPage(1)
    }, 300)
    return () => clearTimeout(id)
  }, [typed, q])

  const { data, loading, error } = useLoad(
    (signal) =>
      listQuestions({ category_id: categoryId, include_sub: includeSub, q: q || undefined, type, page, page_size: PAGE_SIZE }, signal),
    [categoryId, includeSub, q, type, page],
  )

  const roots = useMemo(() => buildCategoryTree(categories), [categories])
  const treeData = useMemo(() => {
    const map = (n: CategoryNode): DataNode => ({
      key: n.category.id,
      title: (
        <span style={{ overflowWrap: 'anywhere' }}>
          {n.category.name}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            ({n.total})
          </Typography.Text>
        </span>
      ),
      children: n.children.map(map),
    })
    return roots.map(map)
  }, [roots])

  const columns: ColumnsType<QuestionSummary> = [
    {
      key: 'name',
      title: t('bank.field.question'),
      render: (_, r) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {r.name}
          </Typography.Text>
          {taken.has(r.id) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              ({t('quizadmin.picker.in_quiz')})
            </Typography.Text>
          )}
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0, fontSize: 13 }}>
            {r.excerpt}
          </Typography.Paragraph>
        </div>
      ),
    },
    { key: 'type', title: t('bank.field.type'), dataIndex: 'type', width: 130, render: (ty: QuestionType) => <TypeTag type={ty} /> },
    { key: 'category', title: t('bank.field.category'), dataIndex: 'category_name', width: 160, responsive: ['lg'] },
  ]

  const toggle = (rows: QuestionSummary[], on: boolean) =>
    setPicked((prev) => {
      const next = new Map(prev)
      for (const r of rows) {
        if (on) next.set(r.id, r)
        else next.delete(r.id)
      }
      return next
    })

  return (
    <Modal
      open
      width={1040}
      title={t('quizadmin.picker.title')}
      okText={t('quizadmin.picker.add', { count: picked.size })}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: picked.size === 0, 'data-testid': 'picker-add' } as ButtonProps}
      onOk={() => onPick([...picked.values()])}
      onCancel={onClose}
      destroyOnHidden
    >
      <Row gutter={[16, 12]} data-testid="question-picker">
        <Col xs={24} md={8}>
          <Typography.Link onClick={() => { setCategoryId(undefined); setPage(1) }} strong={categoryId === undefined}>
            {t('bank.all_questions')}
          </Typography.Link>
          <Tree
            treeData={treeData}
            selectedKeys={categoryId !== undefined ? [categoryId] : []}
            defaultExpandedKeys={roots.map((n) => n.category.id as Key)}
            onSelect={(keys) => {
              if (!keys.length) return
              setCategoryId(Number(keys[0]))
              setPage(1)
            }}
            height={mobile ? 180 : 420}
            blockNode
            style={{ marginTop: 4 }}
            data-testid="picker-tree"
          />
        </Col>
        <Col xs={24} md={16}>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 12px', marginBottom: 12, alignItems: 'center' }}>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('bank.search')}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              style={{ flex: '1 1 220px' }}
              data-testid="picker-search"
            />
            <Select<QuestionType>
              allowClear
              placeholder={t('bank.filter.type')}
              value={type}
              onChange={(v) => {
                setType(v)
                setPage(1)
              }}
              options={QUESTION_TYPES.map((ty) => ({ value: ty, label: typeLabel(t, ty) }))}
              style={{ width: 170 }}
            />
            {categoryId !== undefined && (
              <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
                <Switch size="small" checked={includeSub} onChange={(v) => { setIncludeSub(v); setPage(1) }} />
                {t('bank.include_sub')}
              </label>
            )}
          </div>
          {error ? <Alert type="error" showIcon message={quizErrorText(t, error)} style={{ marginBottom: 8 }} /> : null}
          <div data-testid="picker-table">
            <Table<QuestionSummary>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={loading}
              locale={{ emptyText: t('bank.no_questions') }}
              rowSelection={{
                selectedRowKeys: [...picked.keys()],
                preserveSelectedRowKeys: true,
                getCheckboxProps: (r) => ({ disabled: taken.has(r.id) || r.archived }),
                onSelect: (r, on) => toggle([r], on),
                onSelectAll: (on, _all, changed) => toggle(changed, on),
              }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: data?.total ?? 0,
                showSizeChanger: false,
                showTotal: (n) => t('common.total', { count: n }),
                onChange: setPage,
                size: 'small',
              }}
            />
          </div>
          {picked.size > 0 && (
            <Typography.Text type="secondary" data-testid="picker-count">
              {t('quizadmin.picker.picked', { count: picked.size })}
            </Typography.Text>
          )}
        </Col>
      </Row>
    </Modal>
  )
}
