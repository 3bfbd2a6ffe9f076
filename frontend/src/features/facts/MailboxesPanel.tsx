import { useMemo, useState } from 'react'
import { Alert, Button, Row, Space, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { MailOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { agencyMailboxes } from '../../api/client'
import type { Mailbox } from '../../api/types'
import { errorText } from '../../app/errors'
import { todayISO } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { Period, SpanSection } from './labels'
import { MailboxAddModal, MailboxEndModal } from './MailboxModals'
import { firstFreeDay, splitMailboxes } from './mailboxes'

/**
 * MailboxesPanel is an agency's official mailbox (Hộp thư công vụ) over
 * time: the address in use and the earlier ones with their days. A new
 * address closes the one before on the day before it; history only grows.
 */
export function MailboxesPanel({ agencyId, editable }: { agencyId: number; editable: boolean }) {
  const { t } = useTranslation()
  const [tick, setTick] = useState(0)
  const [adding, setAdding] = useState(false)
  const [ending, setEnding] = useState<Mailbox | null>(null)
  const { data, error, loading } = useLoad(() => agencyMailboxes(agencyId), [agencyId, tick])
  const today = todayISO()
  const { current, history } = useMemo(() => splitMailboxes(data ?? [], today), [data, today])
  const reload = () => setTick((n) => n + 1)

  const columns = (withEnd: boolean): ColumnsType<Mailbox> => [
    {
      title: t('mailboxes.col.address'),
      key: 'address',
      render: (_, m) => (
        <Space size={6}>
          <MailOutlined />
          <Typography.Text copyable={{ text: m.address }} data-testid="mailbox-address">
            {m.address}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('mailboxes.col.period'), key: 'period', render: (_, m) => <Period p={m} /> },
    ...(withEnd && editable
      ? [
          {
            key: 'actions',
            width: 120,
            render: (_: unknown, m: Mailbox) =>
              m.valid_to === null && (
                <Button size="small" onClick={() => setEnding(m)} data-testid="mailbox-end">
                  {t('mailboxes.end')}
                </Button>
              ),
          },
        ]
      : []),
  ]

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="mailboxes">
      <Alert type="info" showIcon message={t('mailboxes.intro')} />
      <Row justify="space-between" align="middle" style={{ rowGap: 8, columnGap: 16 }}>
        <Typography.Text type="secondary">
          {current.length === 0 && !loading && data ? <Tag color="orange">{t('mailboxes.none_now')}</Tag> : t('mailboxes.scope')}
        </Typography.Text>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="mailbox-add">
            {t('mailboxes.add')}
          </Button>
        )}
      </Row>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      <SpanSection<Mailbox>
        title={t('mailboxes.current')}
        items={current}
        columns={columns(true)}
        loading={loading}
        empty={t('mailboxes.none_current')}
        testId="mailboxes-current"
      />
      <SpanSection<Mailbox>
        title={t('mailboxes.history')}
        items={history}
        columns={columns(false)}
        loading={loading}
        empty={t('mailboxes.none_history')}
        testId="mailboxes-history"
      />
      {adding && (
        <MailboxAddModal
          agencyId={agencyId}
          current={current.find((m) => m.valid_to === null) ?? null}
          firstDay={firstFreeDay(data ?? [])}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false)
            reload()
          }}
        />
      )}
      {ending && (
        <MailboxEndModal
          mailbox={ending}
          onClose={() => setEnding(null)}
          onDone={() => {
            setEnding(null)
            reload()
          }}
        />
      )}
    </Space>
  )
}
