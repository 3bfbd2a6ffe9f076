import { Link, useParams, useSearchParams } from 'react-router'
import { Alert, Skeleton, Space, Tabs, Typography } from 'antd'
import { ArrowLeftOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { getQuiz } from '../../api/client'
import { useLoad } from '../../lib/useLoad'
import { pick } from '../course/progress'
import { AttemptsTab } from './AttemptsTab'
import { quizErrorText, QuizFilesTag, QuizStateTag } from './labels'
import { RegradeTab } from './RegradeTab'
import { StatisticsTab } from './StatisticsTab'

const TABS = ['attempts', 'statistics', 'regrade'] as const
type Tab = (typeof TABS)[number]

/** ResultsPage (/authoring/quizzes/:id/results): a quiz's attempts, statistics and regrade; the tab is kept in the address. */
export default function ResultsPage() {
  const { t, i18n } = useTranslation()
  const id = Number(useParams().id)
  const [sp, setSp] = useSearchParams()
  const tab: Tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as Tab) : 'attempts'
  const { data: quiz, error } = useLoad(() => getQuiz(id), [id])

  if (error) {
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Link to="/authoring">
          <ArrowLeftOutlined /> {t('authoring.title')}
        </Link>
        <Alert type="error" showIcon message={quizErrorText(t, error)} />
      </Space>
    )
  }
  if (!quiz || quiz.id !== id) return <Skeleton active />

  const lang = i18n.language
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap size={16}>
        <Link to={`/authoring/${encodeURIComponent(quiz.course_slug)}`}>
          <ArrowLeftOutlined /> {pick(quiz.course_title_vi, quiz.course_title_en, lang)}
        </Link>
        <Link to={`/authoring/quizzes/${quiz.id}`}>{t('quizadmin.results.to_builder')}</Link>
      </Space>
      <div>
        <Space size={4} wrap>
          <Typography.Text type="secondary">{t('quizadmin.results.title')}</Typography.Text>
          <QuizStateTag published={quiz.published} />
          {quiz.source === 'files' && <QuizFilesTag />}
        </Space>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="results-title">
          {pick(quiz.title_vi, quiz.title_en, lang)}
        </Typography.Title>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === 'attempts' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'attempts', label: t('quizadmin.results.attempts'), children: <AttemptsTab quizId={quiz.id} /> },
          { key: 'statistics', label: t('quizadmin.results.statistics'), children: <StatisticsTab quizId={quiz.id} /> },
          { key: 'regrade', label: t('quizadmin.results.regrade'), children: <RegradeTab quizId={quiz.id} /> },
        ]}
      />
    </Space>
  )
}
