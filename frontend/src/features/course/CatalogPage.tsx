import { useLoad } from '../../lib/useLoad'
import { useUrlQuery } from '../../lib/useUrlQuery'
import { Link } from 'react-router'
import { Alert, Card, Input, List, Select, Space, Typography } from 'antd'
import { BookOutlined, FieldTimeOutlined, SearchOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { listCourses } from '../../api/client'
import { LEVELS, TRACKS, type CourseQuery, type CourseSummary, type Level, type Track } from '../../api/types'
import { errorText } from '../../app/errors'
import { DueDate, EnrolmentStatus, LevelTag, PublishedTag, TrackTag } from './labels'
import { enrolmentState, percent, pick } from './progress'
import './course.css'

const PAGE_SIZE = 12

function readQuery(sp: URLSearchParams): CourseQuery {
  const track = sp.get('track') as Track | null
  const level = sp.get('level') as Level | null
  const page = Number(sp.get('page'))
  return {
    q: sp.get('q') ?? undefined,
    track: track && TRACKS.includes(track) ? track : undefined,
    level: level && LEVELS.includes(level) ? level : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    page_size: PAGE_SIZE,
  }
}

export default function CatalogPage() {
  const { t, i18n } = useTranslation()
  const { query, update, typed, setTyped } = useUrlQuery(readQuery)

  const { data, loading, error } = useLoad((signal) => listCourses(query, signal), [query])

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('courses.catalogue')}
      </Typography.Title>
      <Card size="small">
        <div className="filter-bar">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('courses.search')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            style={{ width: 360 }}
            data-testid="course-search"
          />
          <Select
            allowClear
            placeholder={t('courses.filter.track')}
            value={query.track}
            onChange={(v) => update({ track: v })}
            options={TRACKS.map((k) => ({ value: k, label: t(`tracks.${k}`) }))}
            style={{ width: 220 }}
            data-testid="track-filter"
          />
          <Select
            allowClear
            placeholder={t('courses.filter.level')}
            value={query.level}
            onChange={(v) => update({ level: v })}
            options={LEVELS.map((k) => ({ value: k, label: t(`levels.${k}`) }))}
            style={{ width: 170 }}
          />
        </div>
      </Card>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      <List<CourseSummary>
        data-testid="catalogue"
        loading={loading}
        grid={{ gutter: 16, xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('courses.none_found') }}
        pagination={
          data && data.total > PAGE_SIZE
            ? {
                current: query.page,
                pageSize: PAGE_SIZE,
                total: data.total,
                showSizeChanger: false,
                showTotal: (n) => t('common.total', { count: n }),
                onChange: (p) => update({ page: p }, false),
              }
            : false
        }
        renderItem={(c) => (
          <List.Item>
            <CourseCard course={c} lang={i18n.language} />
          </List.Item>
        )}
      />
      {data && data.total <= PAGE_SIZE && data.total > 0 && (
        <Typography.Text type="secondary">{t('common.total', { count: data.total })}</Typography.Text>
      )}
    </Space>
  )
}

function CourseCard({ course: c, lang }: { course: CourseSummary; lang: string }) {
  const { t } = useTranslation()
  const href = `/courses/${encodeURIComponent(c.slug)}`
  return (
    <Card
      size="small"
      data-testid={`course-${c.slug}`}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 8, minHeight: 230 } }}
    >
      <Space size={4} wrap>
        {c.code && <Typography.Text type="secondary" strong>{c.code}</Typography.Text>}
        <TrackTag track={c.track} />
        {!c.published && <PublishedTag published={false} />}
      </Space>
      <Typography.Title level={5} style={{ margin: 0 }}>
        <Link to={href}>{pick(c.title_vi, c.title_en, lang)}</Link>
      </Typography.Title>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ margin: 0 }}>
        {pick(c.summary_vi, c.summary_en, lang)}
      </Typography.Paragraph>
      <Space size={[12, 4]} wrap style={{ fontSize: 13 }}>
        <span>
          <FieldTimeOutlined /> {t('courses.hours', { count: c.hours })}
        </span>
        <span>
          <BookOutlined /> {t('courses.lessons', { count: c.lessons_count })}
        </span>
        <LevelTag level={c.level} />
      </Space>
      <div style={{ marginTop: 'auto' }}>
        {c.enrolment ? (
          <Space size={[8, 4]} wrap>
            <EnrolmentStatus enrolment={c.enrolment} />
            {enrolmentState(c.enrolment) === 'in_progress' && (
              <Typography.Text type="secondary">{t('courses.percent_done', { percent: percent(c.enrolment.progress) })}</Typography.Text>
            )}
            <DueDate due={c.enrolment.due_date} completedAt={c.enrolment.completed_at} />
          </Space>
        ) : (
          <Typography.Text type="secondary" data-testid="enrolment-status">
            {t(c.open ? 'courses.state.open' : 'courses.state.assigned_only')}
          </Typography.Text>
        )}
      </div>
    </Card>
  )
}
