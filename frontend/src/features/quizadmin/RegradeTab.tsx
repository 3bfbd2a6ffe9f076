import { useState } from 'react'
import { Link } from 'react-router'
import { Alert, App, Button, Empty, List, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { ExperimentOutlined, SyncOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { regradeQuiz } from '../../api/client'
import type { RegradeChange, RegradeReport } from '../../api/types'
import { quizErrorText } from './labels'
import { numberText } from './stats'

/** RegradeTab regrades a quiz's finished attempts with its questions' latest versions: a dry run first, then Apply. */
export function RegradeTab({ quizId }: { quizId: number }) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [report, setReport] = useState<RegradeReport | null>(null)
  const [busy, setBusy] = useState<'dry' | 'apply' | null>(null)
  const [error, setError] = useState<unknown>(null)
  const lang = i18n.language

  const run = async (dry: boolean) => {
    setBusy(dry ? 'dry' : 'apply')
    setError(null)
    try {
      const r = await regradeQuiz(quizId, dry)
      setReport(r)
      if (!dry) message.success(t('quizadmin.regrade.applied', { count: r.changes.length }))
    } catch (e) {
      setError(e)
    } finally {
      setBusy(null)
    }
  }

  const pc = (n: number | null) => (n === null ? '—' : `${numberText(n, lang)}%`)
  const passTag = (p: boolean | null) =>
    p === null ? '—' : p ? <Tag color="success">{t('quizadmin.attempts.pass')}</Tag> : <Tag color="error">{t('quizadmin.attempts.fail')}</Tag>
  const columns: ColumnsType<RegradeChange> = [
    {
      key: 'person',
      title: t('quizadmin.attempts.person'),
      render: (_, c) => <Link to={`/attempts/${c.attempt_id}/review`}>{c.person_name}</Link>,
    },
    { key: 'number', title: t('quizadmin.attempts.number'), dataIndex: 'number', width: 70, align: 'right' },
    { key: 'percent', title: t('quizadmin.regrade.percent'), render: (_, c) => `${pc(c.old_percent)} → ${pc(c.new_percent)}` },
    {
      key: 'passed',
      title: t('quizadmin.attempts.passed'),
      render: (_, c) => (
        <Space size={4}>
          {passTag(c.old_passed)} → {passTag(c.new_passed)}
        </Space>
      ),
    },
    { key: 'slots', title: t('quizadmin.regrade.slots'), responsive: ['md'], render: (_, c) => c.slots.map((s) => s + 1).join(', ') },
  ]

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="regrade">
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('quizadmin.regrade.intro')}</Typography.Paragraph>
      <Space wrap>
        <Button icon={<ExperimentOutlined />} loading={busy === 'dry'} disabled={busy !== null} onClick={() => run(true)} data-testid="regrade-dry">
          {t('quizadmin.regrade.dry_run')}
        </Button>
        <Popconfirm
          title={t('quizadmin.regrade.confirm')}
          okText={t('common.yes')}
          cancelText={t('common.no')}
          onConfirm={() => run(false)}
          disabled={!report?.dry_run || report.changes.length === 0}
        >
          <Button
            type="primary"
            icon={<SyncOutlined />}
            loading={busy === 'apply'}
            disabled={busy !== null || !report?.dry_run || report.changes.length === 0}
            data-testid="regrade-apply"
          >
            {t('quizadmin.regrade.apply')}
          </Button>
        </Popconfirm>
      </Space>
      {error ? <Alert type="error" showIcon message={quizErrorText(t, error)} /> : null}
      {report && (
        <>
          <Alert
            type={report.dry_run ? 'info' : 'success'}
            showIcon
            data-testid="regrade-summary"
            message={t(report.dry_run ? 'quizadmin.regrade.dry_summary' : 'quizadmin.regrade.done_summary', {
              checked: report.attempts_checked,
              changed: report.changes.length,
            })}
          />
          <div>
            <Typography.Title level={5}>{t('quizadmin.regrade.updated_questions')}</Typography.Title>
            {report.updated_questions.length === 0 ? (
              <Typography.Text type="secondary">{t('quizadmin.regrade.no_updates')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={report.updated_questions}
                renderItem={(q) => (
                  <List.Item>
                    {q.name}{' '}
                    <Typography.Text type="secondary">{t('quizadmin.regrade.versions', { from: q.from_version, to: q.to_version })}</Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </div>
          <div>
            <Typography.Title level={5}>{t('quizadmin.regrade.changes')}</Typography.Title>
            {report.changes.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quizadmin.regrade.no_changes')} />
            ) : (
              <Table<RegradeChange> rowKey="attempt_id" size="small" columns={columns} dataSource={report.changes} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
            )}
          </div>
        </>
      )}
    </Space>
  )
}
