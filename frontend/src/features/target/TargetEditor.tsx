import { useState } from 'react'
import { Alert, Button, Row, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { EditOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { targetDefinitions } from '../../api/client'
import type { TargetDefinition } from '../../api/types'
import { errorText } from '../../app/errors'
import { formatDate, formatNumber } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { newTargetValues, nextPosition } from './edit'
import { TargetDrawer } from './TargetDrawer'
import { ruleKey } from './targets'

/**
 * TargetEditor ("Quản lý chỉ tiêu") lists every target as written, inactive
 * ones too, and adds or changes them in a drawer. For Home Affairs and
 * admins; onSaved lets the dashboard compute again.
 */
export function TargetEditor({ onSaved }: { onSaved(): void }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const [tick, setTick] = useState(0)
  const [open, setOpen] = useState<{ target: TargetDefinition | null } | null>(null)
  const { data, error, loading } = useLoad((signal) => targetDefinitions(signal), [tick])
  const items = data ?? []

  const columns: ColumnsType<TargetDefinition> = [
    { title: t('target_edit.col.position'), dataIndex: 'position', width: 70 },
    {
      title: t('target_edit.col.code'),
      key: 'code',
      render: (_, d) => <Tag style={{ fontFamily: 'monospace', marginInlineEnd: 0 }}>{d.code}</Tag>,
    },
    {
      title: t('target_edit.col.text'),
      key: 'text',
      render: (_, d) => (
        <>
          <div>{lang === 'en' && d.text_en ? d.text_en : d.text_vi}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[d.section && t('targets.section', { section: d.section }), t(`target_edit.population.${d.population}`), t(`target_edit.metric.${d.metric}`)]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('target_edit.col.rule'),
      key: 'rule',
      render: (_, d) => <span style={{ whiteSpace: 'nowrap' }}>{t(ruleKey(d.rule, d.threshold), { pct: formatNumber(d.threshold, lang, 1) })}</span>,
    },
    { title: t('target_edit.col.deadline'), key: 'deadline', render: (_, d) => formatDate(d.deadline) },
    {
      title: t('target_edit.col.active'),
      key: 'active',
      render: (_, d) => (
        <Tag color={d.active ? 'green' : 'default'} data-testid="target-def-active">
          {t(d.active ? 'target_edit.active' : 'target_edit.inactive')}
        </Tag>
      ),
    },
    {
      key: 'actions',
      width: 90,
      render: (_, d) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setOpen({ target: d })} data-testid="target-edit">
          {t('common.edit')}
        </Button>
      ),
    },
  ]

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="target-editor">
      <Row justify="space-between" align="middle" style={{ rowGap: 8, columnGap: 16 }}>
        <Typography.Text type="secondary">{t('target_edit.scope')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen({ target: null })} data-testid="target-add">
          {t('target_edit.add')}
        </Button>
      </Row>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      <Table<TargetDefinition>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('targets.empty') }}
        scroll={{ x: 860 }}
        data-testid="target-defs"
      />
      {open && (
        <TargetDrawer
          target={open.target}
          initial={newTargetValues(nextPosition(items))}
          onClose={() => setOpen(null)}
          onSaved={() => {
            setOpen(null)
            setTick((n) => n + 1)
            onSaved()
          }}
          reload={async (id) => (await targetDefinitions()).find((d) => d.id === id) ?? null}
        />
      )}
    </Space>
  )
}
