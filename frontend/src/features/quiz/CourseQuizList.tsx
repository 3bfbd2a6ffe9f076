import { Link } from 'react-router'
import { Alert, Card, List, Space, Tag, Typography } from 'antd'
import { FileDoneOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { listCourseQuizzes } from '../../api/client'
import type { CourseDetail } from '../../api/types'
import { errorText } from '../../app/errors'
import { useLoad } from '../../lib/useLoad'
import { pick } from '../course/progress'
import { PublishedTag } from '../course/labels'
import { MyStatus } from './labels'

/** CourseQuizList is the "Bài kiểm tra" card of the course page: each quiz with the learner's standing. */
export function CourseQuizList({ course }: { course: CourseDetail }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const { data, error } = useLoad(() => listCourseQuizzes(course.slug), [course.slug])
  if (error) return <Alert type="error" showIcon message={errorText(t, error)} />
  // A course without quizzes shows no empty card.
  if (!data || data.length === 0) return null
  const moduleTitle = (slug: string | null) => {
    const m = slug ? course.modules.find((x) => x.slug === slug) : undefined
    return m ? pick(m.title_vi, m.title_en, lang) : null
  }
  return (
    <Card title={t('quiz.section')} size="small" data-testid="course-quizzes">
      <List
        size="small"
        dataSource={data}
        renderItem={(q) => (
          <List.Item style={{ paddingInline: 4 }} data-testid={`course-quiz-${q.id}`}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space size={8} wrap>
                <FileDoneOutlined />
                <Link to={`/quizzes/${q.id}`} data-testid="quiz-link">
                  {pick(q.title_vi, q.title_en, lang)}
                </Link>
                {q.required && <Tag color="gold">{t('quiz.required')}</Tag>}
                {!q.published && <PublishedTag published={false} />}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {[
                  moduleTitle(q.module_slug),
                  t('quiz.questions', { count: q.question_count }),
                  q.time_limit_minutes ? t('quiz.minutes', { count: q.time_limit_minutes }) : t('quiz.no_time_limit'),
                  t('quiz.pass_mark', { percent: q.pass_percent }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
              {q.my && (
                <Space size={[4, 4]} wrap data-testid="quiz-status">
                  <MyStatus my={q.my} allowed={q.attempts_allowed} />
                </Space>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}
