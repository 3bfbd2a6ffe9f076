import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { Alert, App, Button, Card, Empty, List, Popconfirm, Row, Space, Tag, Tooltip, Typography } from 'antd'
import { BarChartOutlined, DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { deleteQuiz, listCourseQuizzes } from '../../api/client'
import type { CourseDetail, QuizSummary } from '../../api/types'
import { formatDateTime } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { pick } from '../course/progress'
import { quizErrorText, QuizFilesTag, QuizStateTag } from './labels'

/** CourseQuizzes is the "Bài kiểm tra" section of the course editor: the course's quizzes with new, edit, results and delete. */
export function CourseQuizzes({ course, readOnly }: { course: CourseDetail; readOnly: boolean }) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [tick, setTick] = useState(0)
  const [busy, setBusy] = useState<number | null>(null)
  const { data, loading, error } = useLoad(() => listCourseQuizzes(course.slug), [course.slug, tick])
  const lang = i18n.language
  const moduleTitle = (slug: string | null) => {
    if (!slug) return t('quizadmin.whole_course')
    const m = course.modules.find((x) => x.slug === slug)
    return m ? pick(m.title_vi, m.title_en, lang) : slug
  }

  const remove = async (q: QuizSummary) => {
    setBusy(q.id)
    try {
      await deleteQuiz(q.id)
      message.success(t('quizadmin.deleted'))
      setTick((n) => n + 1)
    } catch (e) {
      message.error(quizErrorText(t, e))
    } finally {
      setBusy(null)
    }
  }

  const facts = (q: QuizSummary) =>
    [
      moduleTitle(q.module_slug),
      t('quizadmin.n_questions', { count: q.question_count }),
      q.time_limit_minutes ? t('quizadmin.n_minutes', { count: q.time_limit_minutes }) : t('quizadmin.untimed'),
      t('quizadmin.pass_at', { percent: q.pass_percent }),
      q.close_at ? t('quizadmin.closes_at', { time: formatDateTime(q.close_at) }) : null,
    ].filter(Boolean)

  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }} data-testid="course-quizzes">
      <Row justify="space-between" align="middle" style={{ rowGap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('quizadmin.section.quizzes')}
        </Typography.Title>
        {!readOnly && (
          <Button icon={<PlusOutlined />} onClick={() => navigate(`/authoring/${encodeURIComponent(course.slug)}/quizzes/new`)} data-testid="quiz-add">
            {t('quizadmin.create')}
          </Button>
        )}
      </Row>
      {error ? <Alert type="error" showIcon message={quizErrorText(t, error)} /> : null}
      <Card size="small">
        <List<QuizSummary>
          loading={loading && !data}
          dataSource={data ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quizadmin.none')} /> }}
          renderItem={(q) => {
            const editable = !readOnly && q.source === 'app'
            return (
              <List.Item
                data-testid={`quiz-${q.id}`}
                actions={[
                  <Tooltip key="edit" title={editable ? t('common.edit') : t('quizadmin.view')}>
                    <Button
                      size="small"
                      type="text"
                      icon={editable ? <EditOutlined /> : <EyeOutlined />}
                      aria-label={editable ? t('common.edit') : t('quizadmin.view')}
                      onClick={() => navigate(`/authoring/quizzes/${q.id}`)}
                    />
                  </Tooltip>,
                  <Tooltip key="results" title={t('quizadmin.results.open')}>
                    <Button
                      size="small"
                      type="text"
                      icon={<BarChartOutlined />}
                      aria-label={t('quizadmin.results.open')}
                      onClick={() => navigate(`/authoring/quizzes/${q.id}/results`)}
                    />
                  </Tooltip>,
                  ...(editable
                    ? [
                        <Popconfirm
                          key="delete"
                          title={t('quizadmin.confirm_delete')}
                          description={t('quizadmin.confirm_delete_hint')}
                          okText={t('common.yes')}
                          cancelText={t('common.no')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => remove(q)}
                        >
                          <Tooltip title={t('quizadmin.delete')}>
                            <Button size="small" type="text" danger icon={<DeleteOutlined />} loading={busy === q.id} aria-label={t('quizadmin.delete')} data-testid="quiz-delete" />
                          </Tooltip>
                        </Popconfirm>,
                      ]
                    : []),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space size={6} wrap>
                      <Link to={`/authoring/quizzes/${q.id}`} data-testid="quiz-link">
                        {pick(q.title_vi, q.title_en, lang)}
                      </Link>
                      <QuizStateTag published={q.published} />
                      {q.required && <Tag color="blue">{t('quizadmin.required_tag')}</Tag>}
                      {q.source === 'files' && <QuizFilesTag />}
                    </Space>
                  }
                  description={<span style={{ fontSize: 13 }}>{facts(q).join(' · ')}</span>}
                />
              </List.Item>
            )
          }}
        />
      </Card>
    </Space>
  )
}
