import { useEffect, useState } from 'react'
import { useLoad } from '../../lib/useLoad'
import { Link, useNavigate } from 'react-router'
import { Alert, Button, Card, Input, Row, Space, Table, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { LockOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { listCourses } from '../../api/client'
import type { CourseQuery, CourseSummary, Track } from '../../api/types'
import { errorText } from '../../app/errors'
import { CourseForm } from './CourseForm'
import { FilesTag, PublishedTag, TrackTag } from './labels'
import { pick } from './progress'

/**
 * editable: app courses the caller may change. Course summaries say so in
 * can_edit when the server sends it; without it every app course is offered
 * and the server has the last word.
 */
export const editable = (c: CourseSummary) => c.source === 'app' && c.can_edit !== false

export default function AuthoringPage() {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const [query, setQuery] = useState<CourseQuery>({ page: 1, page_size: 50 })
  const [typed, setTyped] = useState('')
  const [creating, setCreating] = useState(false)

  useEffect(() => {
    if ((query.q ?? '') === typed) return
    const id = setTimeout(() => setQuery((q) => ({ ...q, q: typed || undefined, page: 1 })), 300)
    return () => clearTimeout(id)
  }, [typed, query.q])

  const { data, loading, error } = useLoad((signal) => listCourses(query, signal), [query])

  // Other authors' app courses are not this page's business; file courses are listed read-only.
  // Courses to work on come first.
  const rows = (data?.items ?? [])
    .filter((c) => c.source === 'files' || editable(c))
    .sort((a, b) => Number(editable(b)) - Number(editable(a)))

  const columns: ColumnsType<CourseSummary> = [
    { key: 'code', title: t('authoring.field.code'), dataIndex: 'code', width: 110, responsive: ['sm'] },
    {
      key: 'title',
      title: t('authoring.field.title'),
      render: (_, c) => {
        const title = pick(c.title_vi, c.title_en, i18n.language)
        return editable(c) ? (
          <Link to={`/authoring/${encodeURIComponent(c.slug)}`}>{title}</Link>
        ) : (
          <Space size={6}>
            <Tooltip title={t('authoring.read_only_hint')}>
              <LockOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
            </Tooltip>
            <Link to={`/courses/${encodeURIComponent(c.slug)}`}>{title}</Link>
          </Space>
        )
      },
    },
    { key: 'track', title: t('courses.field.track'), dataIndex: 'track', render: (v: Track) => <TrackTag track={v} />, width: 200, responsive: ['md'] },
    { key: 'lessons', title: t('authoring.field.lessons'), dataIndex: 'lessons_count', width: 90, align: 'right', responsive: ['md'] },
    {
      key: 'status',
      title: t('authoring.field.status'),
      width: 160,
      render: (_, c) => (
        <Space size={4} wrap>
          <PublishedTag published={c.published} />
          {c.source === 'files' && <FilesTag />}
        </Space>
      ),
    },
  ]

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" style={{ rowGap: 12, columnGap: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('authoring.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="course-create">
          {t('authoring.create')}
        </Button>
      </Row>
      <Card size="small">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('courses.search')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          style={{ maxWidth: 320 }}
        />
      </Card>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      <Table<CourseSummary>
        data-testid="authoring-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={loading}
        locale={{ emptyText: t('authoring.none') }}
        pagination={{
          current: query.page,
          pageSize: query.page_size,
          total: data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: (page) => setQuery((q) => ({ ...q, page })),
        }}
      />
      {creating && (
        <CourseForm
          onClose={() => setCreating(false)}
          onSaved={(c) => navigate(`/authoring/${encodeURIComponent(c.slug)}`)}
        />
      )}
    </Space>
  )
}
