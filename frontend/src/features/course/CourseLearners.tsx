import { useEffect, useState } from 'react'
import { Alert, Progress, Table } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { listCourseLearners } from '../../api/client'
import type { CourseLearner, ListResponse } from '../../api/types'
import { errorText } from '../../app/errors'
import { formatDay } from '../../lib/format'
import { DueDate } from './labels'
import { percent } from './progress'

/** CourseLearners lists who is enrolled in a course (within the manager's scope), with progress. */
export function CourseLearners({ slug, tick }: { slug: string; tick: number }) {
  const { t } = useTranslation()
  const [page, setPage] = useState(1)
  const [data, setData] = useState<ListResponse<CourseLearner> | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    let live = true
    setLoading(true)
    listCourseLearners(slug, page)
      .then((r) => {
        if (!live) return
        setData(r)
        setError(null)
      })
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [slug, page, tick])

  const columns: ColumnsType<CourseLearner> = [
    { key: 'name', title: t('people.field.full_name'), dataIndex: 'full_name', width: 190, fixed: 'left' },
    { key: 'agency', title: t('people.field.agency'), dataIndex: 'agency_name', ellipsis: { showTitle: true }, width: 220 },
    { key: 'enrolled', title: t('learners.enrolled_at'), dataIndex: 'enrolled_at', render: (v: string) => formatDay(v), width: 120 },
    {
      key: 'due',
      title: t('learners.due_date'),
      dataIndex: 'due_date',
      render: (v: string | null, r) => (v ? <DueDate due={v} completedAt={r.completed_at} bare /> : '—'),
      width: 140,
    },
    {
      key: 'progress',
      title: t('courses.progress'),
      dataIndex: 'progress',
      render: (p: number, r) => <Progress percent={percent(p)} size="small" status={r.completed_at ? 'success' : 'normal'} />,
      width: 170,
    },
    { key: 'completed', title: t('learners.completed_at'), dataIndex: 'completed_at', render: (v: string | null) => formatDay(v) || '—', width: 130 },
  ]

  if (error) return <Alert type="error" showIcon message={errorText(t, error)} />
  return (
    <Table<CourseLearner>
      data-testid="course-learners"
      rowKey="person_id"
      size="small"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: 1000 }}
      locale={{ emptyText: t('learners.none') }}
      pagination={{
        current: page,
        pageSize: data?.page_size ?? 20,
        total: data?.total ?? 0,
        showSizeChanger: false,
        showTotal: (n) => t('common.total', { count: n }),
        onChange: setPage,
        hideOnSinglePage: true,
      }}
    />
  )
}
