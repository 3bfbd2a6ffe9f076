import { useMemo, useState } from 'react'
import { Alert, App, Button, Card, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { personQualifications, qualificationEvidence } from '../../api/client'
import { saveFile } from '../../lib/download'
import type { Qualification } from '../../api/types'
import { errorText } from '../../app/errors'
import { formatDate } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { degreeKey, sortDegrees } from './degrees'
import { DegreeDrawer } from './DegreeDrawer'
import { day } from './positions'

/**
 * QualificationsPanel lists a person's IT degrees (Bằng cấp CNTT), each
 * counted by the targets from its award day, and records a new one with
 * its evidence. Shown to the roles that maintain an agency's facts.
 */
export function QualificationsPanel({ personId, personName }: { personId: number; personName: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [tick, setTick] = useState(0)
  const [adding, setAdding] = useState(false)
  const { data, error, loading } = useLoad(() => personQualifications(personId), [personId, tick])
  const items = useMemo(() => sortDegrees(data ?? []), [data])

  const columns: ColumnsType<Qualification> = [
    { title: t('degrees.col.level'), key: 'level', render: (_, q) => t(degreeKey(q.level)) },
    {
      title: t('degrees.col.field'),
      key: 'field',
      render: (_, q) => (
        <>
          {q.field}{' '}
          <Tag color={q.it_field ? 'blue' : 'default'} style={{ marginInlineStart: 4 }} data-testid="degree-it">
            {t(q.it_field ? 'degrees.it' : 'degrees.not_it')}
          </Tag>
        </>
      ),
    },
    { title: t('degrees.col.awarded_on'), key: 'awarded_on', render: (_, q) => formatDate(day(q.awarded_on)) },
    { title: t('degrees.col.institution'), key: 'institution', render: (_, q) => q.institution || '—' },
    {
      title: t('degrees.col.evidence'),
      key: 'evidence',
      render: (_, q) =>
        q.evidence_name ? (
          <Button
            type="link"
            size="small"
            icon={<PaperClipOutlined />}
            style={{ paddingInline: 0 }}
            onClick={() => qualificationEvidence(q.id).then(saveFile, (e) => message.error(errorText(t, e)))}
            data-testid={`degree-evidence-${q.id}`}
          >
            {q.evidence_name}
          </Button>
        ) : (
          '—'
        ),
    },
  ]

  return (
    <Card
      size="small"
      title={t('degrees.title')}
      data-testid="degrees"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="degree-add">
          {t('degrees.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('degrees.intro')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} style={{ marginBottom: 12 }} /> : null}
      <Table<Qualification>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('degrees.none') }}
        scroll={{ x: 640 }}
        data-testid="degrees-table"
      />
      {adding && (
        <DegreeDrawer
          personId={personId}
          personName={personName}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false)
            setTick((n) => n + 1)
          }}
        />
      )}
    </Card>
  )
}
