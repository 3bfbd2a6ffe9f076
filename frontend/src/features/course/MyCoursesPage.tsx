import { useEffect, useMemo, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { Alert, Button, Card, Empty, List, Row, Skeleton, Space, Typography } from 'antd'
import { AppstoreOutlined, PlayCircleOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { myCourses } from '../../api/client'
import type { MyCourse } from '../../api/types'
import { errorText } from '../../app/errors'
import { todayISO } from '../../lib/format'
import { CourseProgress, DueDate, EnrolmentStatus, TrackTag } from './labels'
import { enrolmentState, pick, sortMyCourses } from './progress'
import { useResume } from './useResume'

export default function MyCoursesPage() {
  const { t, i18n } = useTranslation()
  const [items, setItems] = useState<MyCourse[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const { resume, busy } = useResume()
  const navigate = useNavigate()

  useEffect(() => {
    let live = true
    myCourses()
      .then((r) => live && setItems(r))
      .catch((e) => live && setError(e))
    return () => {
      live = false
    }
  }, [])

  const sorted = useMemo(() => (items ? sortMyCourses(items, todayISO()) : []), [items])

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" style={{ rowGap: 12, columnGap: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('courses.mine')}
        </Typography.Title>
        <Button icon={<AppstoreOutlined />} onClick={() => navigate('/courses')}>
          {t('courses.browse')}
        </Button>
      </Row>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      {!items && !error && <Skeleton active />}
      {items && items.length === 0 && (
        <Card>
          <Empty description={t('courses.none_mine')}>
            <Button type="primary" onClick={() => navigate('/courses')}>
              {t('courses.browse')}
            </Button>
          </Empty>
        </Card>
      )}
      {sorted.length > 0 && (
        <List<MyCourse>
          data-testid="my-courses"
          grid={{ gutter: 16, xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          dataSource={sorted}
          renderItem={(c) => {
            const state = enrolmentState(c)
            const title = pick(c.title_vi, c.title_en, i18n.language)
            return (
              <List.Item>
                <Card
                  size="small"
                  data-testid={`my-course-${c.course_slug}`}
                  styles={{ body: { display: 'flex', flexDirection: 'column', gap: 10, minHeight: 210 } }}
                >
                  <Space size={4} wrap>
                    {c.code && <Typography.Text type="secondary">{c.code}</Typography.Text>}
                    <TrackTag track={c.track} />
                  </Space>
                  <Typography.Title level={5} style={{ margin: 0 }}>
                    <Link to={`/courses/${encodeURIComponent(c.course_slug)}`}>{title}</Link>
                  </Typography.Title>
                  <CourseProgress enrolment={c} />
                  <Space size={[8, 4]} wrap>
                    <EnrolmentStatus enrolment={c} />
                    <DueDate due={c.due_date} completedAt={c.completed_at} />
                  </Space>
                  <div style={{ marginTop: 'auto' }}>
                    <Button
                      type={state === 'completed' ? 'default' : 'primary'}
                      icon={<PlayCircleOutlined />}
                      loading={busy === c.course_slug}
                      onClick={() => resume(c.course_slug)}
                      data-testid="resume"
                    >
                      {t(state === 'completed' ? 'courses.review' : state === 'in_progress' ? 'courses.continue' : 'courses.start')}
                    </Button>
                  </div>
                </Card>
              </List.Item>
            )
          }}
        />
      )}
    </Space>
  )
}
