import { Alert, Card, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { personMemberships } from '../../api/client'
import type { Membership } from '../../api/types'
import { errorText } from '../../app/errors'
import { formatDate } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'

/**
 * MembershipsPanel ("Quá trình công tác") lists the agencies a person worked
 * in, newest first, with the first and last day: the targets count a person
 * where they worked on the day asked. version reloads it after an edit.
 */
export function MembershipsPanel({ personId, version }: { personId: number; version: number }) {
  const { t } = useTranslation()
  const { data, error, loading } = useLoad((signal) => personMemberships(personId, signal), [personId, version])
  return (
    <Card size="small" title={t('people.memberships.title')} data-testid="memberships">
      {error !== null && <Alert type="error" showIcon message={errorText(t, error)} />}
      <Table<Membership>
        size="small"
        rowKey={(m) => `${m.agency_id}-${m.valid_from}`}
        loading={loading && !data}
        dataSource={data ?? []}
        pagination={false}
        locale={{ emptyText: t('people.memberships.empty') }}
        columns={[
          { title: t('people.memberships.agency'), dataIndex: 'agency_name' },
          { title: t('people.memberships.from'), width: 140, render: (_, m) => formatDate(m.valid_from) },
          {
            title: t('people.memberships.to'),
            width: 160,
            render: (_, m) => (m.valid_to ? formatDate(m.valid_to) : <Tag color="green">{t('people.memberships.current')}</Tag>),
          },
        ]}
      />
    </Card>
  )
}
