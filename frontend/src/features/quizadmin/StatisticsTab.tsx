import { Alert, Card, Col, Empty, Row, Skeleton, Space, Statistic, Table, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { WarningFilled } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { quizStatistics } from '../../api/client'
import type { QuestionStatistics, QuestionType } from '../../api/types'
import { useLoad } from '../../lib/useLoad'
import { TypeTag } from '../bank/labels'
import { AnswerBars, ScoreHistogram } from './charts'
import { quizErrorText } from './labels'
import { discriminationLevel, facilityLevel, flagged, levelColor, numberText, percentText, tenBins } from './stats'

/** StatisticsTab: the attempts' scores at a glance, a histogram, and how each question did (Moodle's facility and discrimination indexes). */
export function StatisticsTab({ quizId }: { quizId: number }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const { data, loading, error } = useLoad(() => quizStatistics(quizId), [quizId])

  if (error) return <Alert type="error" showIcon message={quizErrorText(t, error)} />
  if (loading || !data) return <Skeleton active />
  if (data.attempts === 0) return <Empty description={t('quizadmin.stats.none')} />

  const pc = (n: number | null) => (n === null ? '—' : `${numberText(n, lang)}%`)
  const columns: ColumnsType<QuestionStatistics> = [
    { key: 'slot', title: '#', width: 48, render: (_, q) => q.slot + 1 },
    {
      key: 'name',
      title: t('quizadmin.stats.question'),
      render: (_, q) => (
        <Space size={6} wrap>
          {flagged(q) && (
            <Tooltip title={t('quizadmin.stats.flagged')}>
              <WarningFilled style={{ color: levelColor.easy }} aria-label={t('quizadmin.stats.flagged')} data-testid="question-flag" />
            </Tooltip>
          )}
          <span style={{ overflowWrap: 'anywhere' }}>{q.name}</span>
        </Space>
      ),
    },
    { key: 'type', title: t('bank.field.type'), dataIndex: 'type', width: 130, responsive: ['lg'], render: (ty: QuestionType) => <TypeTag type={ty} /> },
    { key: 'attempts', title: t('quizadmin.stats.attempts'), dataIndex: 'attempts', width: 90, align: 'right', responsive: ['md'] },
    {
      key: 'facility',
      title: <Tooltip title={t('quizadmin.stats.facility_hint')}>{t('quizadmin.stats.facility')}</Tooltip>,
      width: 130,
      align: 'right',
      render: (_, q) => {
        const level = facilityLevel(q.facility)
        return (
          <Typography.Text style={{ color: level ? levelColor[level] : undefined }} strong={level !== null && level !== 'ok'} data-level={level ?? ''}>
            {percentText(q.facility, lang)}
            {level && level !== 'ok' && <span style={{ fontSize: 12, fontWeight: 'normal' }}> ({t(`quizadmin.stats.level.${level}`)})</span>}
          </Typography.Text>
        )
      },
    },
    {
      key: 'discrimination',
      title: <Tooltip title={t('quizadmin.stats.discrimination_hint')}>{t('quizadmin.stats.discrimination')}</Tooltip>,
      width: 130,
      align: 'right',
      render: (_, q) => {
        const level = discriminationLevel(q.discrimination)
        return (
          <Typography.Text style={{ color: level ? levelColor[level] : undefined }} strong={level !== null && level !== 'ok'} data-level={level ?? ''}>
            {percentText(q.discrimination, lang)}
            {level && level !== 'ok' && <span style={{ fontSize: 12, fontWeight: 'normal' }}> ({t(`quizadmin.stats.level.${level}`)})</span>}
          </Typography.Text>
        )
      },
    },
  ]

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="statistics">
      <Row gutter={[12, 12]}>
        {[
          ['attempts', String(data.attempts)],
          ['mean', pc(data.mean)],
          ['median', pc(data.median)],
          ['stddev', data.stddev === null ? '—' : numberText(data.stddev, lang)],
          ['pass_rate', pc(data.pass_rate)],
        ].map(([k, v]) => (
          <Col key={k} xs={12} sm={8} lg={4}>
            <Card size="small">
              <Statistic title={t(`quizadmin.stats.${k}`)} value={v} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('quizadmin.stats.histogram')}>
        <ScoreHistogram bins={tenBins(data.histogram)} title={t('quizadmin.stats.histogram')} />
      </Card>
      <Card size="small" title={t('quizadmin.stats.questions')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('quizadmin.stats.legend')}
        </Typography.Paragraph>
        <div data-testid="question-stats">
          <Table<QuestionStatistics>
            rowKey="slot"
            size="small"
            columns={columns}
            dataSource={data.questions}
            pagination={false}
            scroll={{ x: 520 }}
            expandable={{
              expandedRowRender: (q) => (
                <AnswerBars answers={q.answers} lang={lang} title={t('quizadmin.stats.answers_of', { n: q.slot + 1, name: q.name })} />
              ),
              rowExpandable: (q) => q.answers.length > 0,
            }}
          />
        </div>
      </Card>
    </Space>
  )
}
