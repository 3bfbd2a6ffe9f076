import { useState } from 'react'
import { Link } from 'react-router'
import { Alert, Button, Grid, Space, Table, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { EditOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { listCertifications } from '../../api/client'
import type { Certification } from '../../api/types'
import { errorText } from '../../app/errors'
import { useLoad } from '../../lib/useLoad'
import { useMe } from '../auth/AuthContext'
import { canManageCertifications } from '../auth/access'
import { ActiveTag } from '../org/labels'
import { pick } from '../course/progress'
import { rowsFrom } from './certadmin'
import { CertificationDrawer } from './CertificationDrawer'
import { IssueButtons } from './CertificateActions'
import { Renewal, Requirements, SourceTag, TargetTag, Validity } from './labels'

/**
 * CertificationsPage lists the certifications (what can be earned, how it
 * prints, what earns it, how many were issued). Home Affairs and admins
 * create and change them and issue certificates by hand; agency managers
 * read it.
 */
export default function CertificationsPage() {
  const { t, i18n } = useTranslation()
  const me = useMe()
  const manage = canManageCertifications(me.role)
  const [tick, setTick] = useState(0)
  const { data, loading, error } = useLoad(() => listCertifications(), [tick])
  const [editing, setEditing] = useState<{ cert?: Certification } | null>(null)
  const reload = () => setTick((n) => n + 1)
  // On a phone no column stays put: the name alone would fill the screen.
  const phone = Grid.useBreakpoint().md === false

  const columns: ColumnsType<Certification> = [
    {
      key: 'name',
      title: t('certadmin.field.name'),
      width: 250,
      fixed: phone ? undefined : 'left',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{pick(c.name_vi, c.name_en, i18n.language)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="certification-code">
            {c.code}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.issuer}
            {c.signer_name ? ` · ${c.signer_title} ${c.signer_name}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'target', title: t('certadmin.field.target'), width: 140, render: (_, c) => <TargetTag target={c.target} /> },
    {
      key: 'validity',
      title: t('certadmin.field.validity'),
      width: 190,
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Validity months={c.validity_months} />
          <Renewal c={c} />
        </Space>
      ),
    },
    {
      key: 'requirements',
      title: t('certadmin.field.requirements'),
      width: 320,
      render: (_, c) => <Requirements mode={c.requirement_mode} rows={rowsFrom(c.requirements)} />,
    },
    {
      key: 'issued',
      title: t('certadmin.field.issued'),
      width: 70,
      align: 'right',
      render: (_, c) => <Link to={`/certificates?certification_id=${c.id}`}>{c.issued.toLocaleString('vi-VN')}</Link>,
    },
    {
      key: 'status',
      title: t('certadmin.field.status'),
      width: 150,
      render: (_, c) => (
        <Space direction="vertical" size={4}>
          <ActiveTag active={c.active} />
          <SourceTag source={c.source} />
        </Space>
      ),
    },
  ]
  if (manage) {
    columns.push({
      key: 'actions',
      title: '',
      fixed: phone ? undefined : 'right',
      width: 56,
      render: (_, c) => (
        <Tooltip title={t('common.edit')}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ cert: c })} aria-label={t('common.edit')} data-testid="certification-edit" />
        </Tooltip>
      ),
    })
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('certadmin.title')}
        </Typography.Title>
        {manage && (
          <Space wrap>
            <IssueButtons onDone={reload} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="certification-create">
              {t('certadmin.create')}
            </Button>
          </Space>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t(manage ? 'certadmin.intro' : 'certadmin.intro_readonly')}
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      <div data-testid="certification-table">
        <Table<Certification>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data ?? []}
          loading={loading}
          pagination={false}
          scroll={{ x: 1170 }}
          locale={{ emptyText: t('certadmin.none') }}
        />
      </div>
      {editing && (
        <CertificationDrawer
          cert={editing.cert}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            reload()
          }}
          onReload={() => {
            setEditing(null)
            reload()
          }}
        />
      )}
    </Space>
  )
}
