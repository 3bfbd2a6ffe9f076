import { useEffect, useState } from 'react'
import { Alert, App, Button, Descriptions, Drawer, Grid, Popconfirm, Skeleton, Space, Tag, Typography, theme } from 'antd'
import { EditOutlined, InboxOutlined, UndoOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { archiveQuestion, getQuestion, restoreQuestion } from '../../api/client'
import type { QuestionDetail } from '../../api/types'
import { formatDateTime } from '../../lib/format'
import { Answers, Rich } from './Answers'
import { bankErrorText, FilesTag, TypeTag } from './labels'
import { numberText } from './questions'

/**
 * QuestionDrawer shows a question at its latest version: text, answers per
 * type, feedback and history. A question made in the app can be edited
 * (onEdit), archived and restored (onChanged); one from the course files
 * says it is changed there.
 */
export function QuestionDrawer({ id, onClose, onEdit, onChanged }: { id: number; onClose(): void; onEdit?(q: QuestionDetail): void; onChanged?(): void }) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const { token } = theme.useToken()
  const mobile = Grid.useBreakpoint().md === false
  const [q, setQ] = useState<QuestionDetail | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    let live = true
    setQ(null)
    setError(null)
    getQuestion(id)
      .then((d) => live && setQ(d))
      .catch((e) => live && setError(e))
    return () => {
      live = false
    }
  }, [id])

  const section = (title: string) => (
    <Typography.Title level={5} style={{ marginTop: 20, marginBottom: 8 }}>
      {title}
    </Typography.Title>
  )
  const format = q?.format || q?.body?.Format || 'moodle'

  const setArchived = async (archive: boolean) => {
    if (!q) return
    setBusy(true)
    try {
      setQ(await (archive ? archiveQuestion(q.id) : restoreQuestion(q.id)))
      message.success(t(archive ? 'bank.editor.archived' : 'bank.editor.restored'))
      onChanged?.()
    } catch (e) {
      message.error(bankErrorText(t, e))
    } finally {
      setBusy(false)
    }
  }
  const actions =
    q && q.source === 'app' ? (
      <Space wrap>
        {q.archived ? (
          <Button icon={<UndoOutlined />} loading={busy} onClick={() => setArchived(false)} data-testid="question-restore">
            {t('bank.editor.restore')}
          </Button>
        ) : (
          <Popconfirm title={t('bank.editor.archive_confirm')} okText={t('common.yes')} cancelText={t('common.no')} onConfirm={() => setArchived(true)}>
            <Button icon={<InboxOutlined />} loading={busy} data-testid="question-archive">
              {t('bank.editor.archive')}
            </Button>
          </Popconfirm>
        )}
        {onEdit && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(q)} data-testid="question-edit">
            {t('bank.editor.edit')}
          </Button>
        )}
      </Space>
    ) : null

  return (
    <Drawer
      open
      width={mobile ? '100%' : 720}
      title={q ? q.name : t('bank.detail.title')}
      onClose={onClose}
      destroyOnHidden
      data-testid="question-drawer"
      extra={actions}
    >
      {error ? <Alert type="error" showIcon message={bankErrorText(t, error)} /> : null}
      {!q && !error && <Skeleton active />}
      {q && (
        <div data-testid="question-detail">
          {q.source === 'files' && (
            <Alert type="info" showIcon message={t('bank.detail.files_read_only')} style={{ marginBottom: 16 }} data-testid="files-read-only" />
          )}
          <Descriptions column={1} bordered size="small" labelStyle={{ width: mobile ? 110 : 170 }}>
            <Descriptions.Item label={t('bank.field.type')}>
              <TypeTag type={q.type} />
            </Descriptions.Item>
            <Descriptions.Item label={t('bank.field.category')}>{q.category_name}</Descriptions.Item>
            <Descriptions.Item label={t('bank.field.source')}>
              <Space size={6} wrap>
                {q.source === 'files' ? <FilesTag /> : t('bank.source_app')}
                {q.archived ? <Tag color="orange">{t('bank.archived')}</Tag> : null}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('bank.field.version')}>{q.version}</Descriptions.Item>
            <Descriptions.Item label={t('bank.field.default_mark')}>{numberText(q.default_mark, i18n.language)}</Descriptions.Item>
            {q.body?.IDNumber ? <Descriptions.Item label={t('bank.field.id_number')}>{q.body.IDNumber}</Descriptions.Item> : null}
            {q.tags.length > 0 && (
              <Descriptions.Item label={t('bank.field.tags')}>
                <Space size={4} wrap>
                  {q.tags.map((tag) => (
                    <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                      {tag}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('bank.field.updated_at')}>{formatDateTime(q.updated_at)}</Descriptions.Item>
          </Descriptions>

          {section(t('bank.detail.text'))}
          <div
            style={{
              padding: '10px 12px',
              border: `1px solid ${token.colorBorderSecondary}`,
              borderRadius: token.borderRadius,
              background: token.colorFillQuaternary,
            }}
          >
            <Rich text={q.text || q.body?.Text || ''} format={format} testId="question-text" />
          </div>

          {q.type !== 'description' && section(t('bank.detail.answers'))}
          {q.body ? <Answers body={q.body} type={q.type} format={format} /> : null}

          {q.general_feedback ? (
            <>
              {section(t('bank.detail.general_feedback'))}
              <Rich text={q.general_feedback} format={format} />
            </>
          ) : null}

          {section(t('bank.detail.versions'))}
          <Space direction="vertical" size={2}>
            {q.versions.map((v) => (
              <Typography.Text key={v.version} type={v.version === q.version ? undefined : 'secondary'}>
                {t('bank.detail.version_line', { version: v.version, date: formatDateTime(v.created_at) })}
                {v.version === q.version ? ` · ${t('bank.detail.current')}` : ''}
              </Typography.Text>
            ))}
          </Space>
        </div>
      )}
    </Drawer>
  )
}
