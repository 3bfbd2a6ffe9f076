import { useState } from 'react'
import { Link } from 'react-router'
import { Alert, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import { listQuizAttempts } from '../../api/client'
import type { QuizAttemptRow } from '../../api/types'
import { formatDateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { quizErrorText } from './labels'
import { numberText } from './stats'

const PAGE_SIZE = 20

/** AttemptsTab lists every attempt at a quiz, newest first as the server orders them, each linked to its review. */
export function AttemptsTab({ quizId }: { quizId: number }) {
  const { t, i18n } = useTranslation()
  const [page, setPage] = useState(1)
  const { data, loading, error } = useLoad(() => listQuizAttempts(quizId, page, PAGE_SIZE), [quizId, page])
  const lang = i18n.language

  const columns: ColumnsType<QuizAttemptRow> = [
    {
      key: 'person',
      title: t('quizadmin.attempts.person'),
      render: (_, r) => (
        <div>
          <Link to={`/attempts/${r.id}/review`} data-testid="attempt-review">
            {r.full_name}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {r.agency_name}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'agency', title: t('quizadmin.attempts.agency'), dataIndex: 'agency_name', responsive: ['xxl'] },
    { key: 'number', title: t('quizadmin.attempts.number'), dataIndex: 'number', width: 70, align: 'right' },
    {
      key: 'state',
      title: t('quizadmin.attempts.state'),
      width: 150,
      render: (_, r) =>
        r.state === 'in_progress' ? (
          <Tag color="processing">{t('quizadmin.attempts.in_progress')}</Tag>
        ) : (
          <Tag>{t(r.auto_finished ? 'quizadmin.attempts.auto_finished' : 'quizadmin.attempts.finished')}</Tag>
        ),
    },
    {
      key: 'finished',
      title: t('quizadmin.attempts.finished_at'),
      width: 150,
      responsive: ['md'],
      render: (_, r) => formatDateTime(r.finished_at) || '—',
    },
    {
      key: 'percent',
      title: t('quizadmin.attempts.percent'),
      width: 90,
      align: 'right',
      render: (_, r) => (r.percent === null ? '—' : `${numberText(r.percent, lang)}%`),
    },
    {
      key: 'passed',
      title: t('quizadmin.attempts.passed'),
      width: 110,
      render: (_, r) =>
        r.needs_grading ? (
          <Link to={`/grading?quiz=${quizId}`}>
            <Tag color="gold">{t('quizadmin.attempts.needs_grading')}</Tag>
          </Link>
        ) : r.passed === null ? (
          '—'
        ) : r.passed ? (
          <Tag color="success">{t('quizadmin.attempts.pass')}</Tag>
        ) : (
          <Tag color="error">{t('quizadmin.attempts.fail')}</Tag>
        ),
    },
  ]

  return (
    <>
      {error ? <Alert type="error" showIcon message={quizErrorText(t, error)} style={{ marginBottom: 12 }} /> : null}
      <div data-testid="attempts-table">
        <Table<QuizAttemptRow>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          locale={{ emptyText: t('quizadmin.attempts.none') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (n) => t('common.total', { count: n }),
            onChange: setPage,
          }}
        />
      </div>
    </>
  )
}
