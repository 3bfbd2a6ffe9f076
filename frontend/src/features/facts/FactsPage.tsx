import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { Button, Card, Descriptions, Tabs, Tag, Typography } from 'antd'
import { EditOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { Agency } from '../../api/types'
import { formatDate } from '../../lib/format'
import { useMe } from '../auth/AuthContext'
import { canEditAgencies, canMaintainFacts } from '../auth/access'
import { AgencyForm } from '../org/AgencyForm'
import { agencyName } from '../org/tree'
import { useAgencies } from '../org/useAgencies'
import { AgencyFrame } from './AgencyFrame'
import { MailboxesPanel } from './MailboxesPanel'
import { PositionsPanel } from './PositionsPanel'

/** FactsTab is the tab of the facts page, kept in the address (?tab=mailboxes). */
export type FactsTab = 'positions' | 'mailboxes'

export function readFactsTab(s: string | null): FactsTab {
  return s === 'mailboxes' ? 'mailboxes' : 'positions'
}

/**
 * FactsPage ("Thông tin đơn vị") is what the targets read about an agency
 * besides its people: its level, sectors and validity, its IT staff and its
 * official mailbox over time. /agencies/:id/facts.
 */
export default function FactsPage() {
  return <AgencyFrame>{(agency) => <Facts agency={agency} />}</AgencyFrame>
}

function Facts({ agency }: { agency: Agency }) {
  const { t, i18n } = useTranslation()
  const me = useMe()
  const [sp, setSp] = useSearchParams()
  const tab = readFactsTab(sp.get('tab'))
  const [editing, setEditing] = useState(false)
  const { agencies } = useAgencies()

  return (
    <>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('agency_facts.title', { agency: agencyName(agency, i18n.language) })}
      </Typography.Title>
      <Card
        size="small"
        title={t('agency_facts.general')}
        extra={
          canEditAgencies(me.role) && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="facts-edit-agency">
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="facts-agency">
          <Descriptions.Item label={t('agencies.field.level')}>{t(`agencies.level.${agency.level}`)}</Descriptions.Item>
          <Descriptions.Item label={t('agencies.field.sectors')}>
            {agency.sectors.length
              ? agency.sectors.map((s) => (
                  <Tag key={s} color="geekblue">
                    {t(`sectors.${s}`, { defaultValue: s })}
                  </Tag>
                ))
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('agencies.field.valid_from')}>{formatDate(agency.valid_from) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('agencies.field.valid_to')}>{formatDate(agency.valid_to) || t('agency_facts.still_valid')}</Descriptions.Item>
          {agency.successor_of !== null && (
            <Descriptions.Item label={t('agencies.field.successor_of')}>
              {(() => {
                const old = agencies.find((a) => a.id === agency.successor_of)
                return old ? agencyName(old, i18n.language) : `#${agency.successor_of}`
              })()}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === 'mailboxes' ? { tab: k } : {}, { replace: true })}
        data-testid="facts-tabs"
        items={[
          { key: 'positions', label: t('facts.title'), children: <PositionsPanel agencyId={agency.id} /> },
          {
            key: 'mailboxes',
            label: t('mailboxes.title'),
            children: <MailboxesPanel agencyId={agency.id} editable={canMaintainFacts(me.role)} />,
          },
        ]}
      />
      {editing && <AgencyForm agency={agency} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </>
  )
}
