import { useMemo, useState } from 'react'
import { Link } from 'react-router'
import { Alert, Button, Card, Row, Space, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { ExportOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { agencyPositions } from '../../api/client'
import type { Position } from '../../api/types'
import { errorText } from '../../app/errors'
import { todayISO } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { agencyName } from '../org/tree'
import { useAgencies } from '../org/useAgencies'
import { AssignDrawer } from './AssignDrawer'
import { EndModal } from './EndModal'
import { Decision, Period, RoleTag, SpanSection } from './labels'
import { canEnd, splitPositions } from './positions'

/**
 * PositionsPanel lists the IT positions of an agency's subtree, those held
 * today (Đang giữ) apart from the ended ones (Đã thôi), and assigns and ends
 * them. Nothing is overwritten: ending records a last day.
 */
export function PositionsPanel({ agencyId }: { agencyId: number }) {
  const { t, i18n } = useTranslation()
  const { byId } = useAgencies()
  const [tick, setTick] = useState(0)
  const [assigning, setAssigning] = useState(false)
  const [ending, setEnding] = useState<Position | null>(null)
  const { data, error, loading } = useLoad(() => agencyPositions(agencyId), [agencyId, tick])
  const today = todayISO()
  const { current, history } = useMemo(() => splitPositions(data ?? [], today), [data, today])
  const reload = () => setTick((n) => n + 1)

  const columns = (withEnd: boolean): ColumnsType<Position> => [
    {
      title: t('facts.col.person'),
      key: 'person',
      render: (_, p) => <Link to={`/people/${p.person_id}`}>{p.person_name}</Link>,
    },
    {
      title: t('facts.col.agency'),
      key: 'agency',
      // The name in the interface language when the agency is in the caller's list.
      render: (_, p) => {
        const a = byId.get(p.agency_id)
        return a ? agencyName(a, i18n.language) : p.agency_name
      },
    },
    { title: t('facts.col.role'), key: 'role', render: (_, p) => <RoleTag role={p.role} /> },
    { title: t('facts.col.period'), key: 'period', render: (_, p) => <Period p={p} /> },
    { title: t('facts.col.decision'), key: 'decision', render: (_, p) => <Decision p={p} /> },
    ...(withEnd
      ? [
          {
            key: 'actions',
            width: 110,
            render: (_: unknown, p: Position) =>
              canEnd(p) && (
                <Button size="small" onClick={() => setEnding(p)} data-testid="position-end">
                  {t('facts.end')}
                </Button>
              ),
          },
        ]
      : []),
  ]

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="positions">
      <Alert type="info" showIcon message={t('facts.intro')} />
      <Row justify="space-between" align="middle" style={{ rowGap: 8, columnGap: 16 }}>
        <Typography.Text type="secondary">{t('facts.scope')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAssigning(true)} data-testid="position-assign">
          {t('facts.assign')}
        </Button>
      </Row>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      <SpanSection<Position>
        title={t('facts.current')}
        items={current}
        columns={columns(true)}
        loading={loading}
        empty={t('facts.none_current')}
        scrollX={680}
        testId="positions-current"
      />
      <SpanSection<Position>
        title={t('facts.history')}
        items={history}
        columns={columns(false)}
        loading={loading}
        empty={t('facts.none_history')}
        scrollX={680}
        testId="positions-history"
      />
      {assigning && (
        <AssignDrawer
          agencyId={agencyId}
          onClose={() => setAssigning(false)}
          onDone={() => {
            setAssigning(false)
            reload()
          }}
        />
      )}
      {ending && (
        <EndModal
          position={ending}
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

/** PositionsSection is the IT staff of the agency selected on the agencies page, with a link to their own page. */
export function PositionsSection({ agencyId }: { agencyId: number }) {
  const { t } = useTranslation()
  return (
    <Card
      size="small"
      title={t('facts.title')}
      style={{ marginTop: 16 }}
      extra={
        <Link to={`/agencies/${agencyId}/positions`} data-testid="positions-open">
          <ExportOutlined /> {t('facts.open_page')}
        </Link>
      }
    >
      <PositionsPanel agencyId={agencyId} />
    </Card>
  )
}
