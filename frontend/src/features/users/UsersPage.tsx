import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { Alert, Button, Card, Input, Row, Select, Space, Table, Tag, Typography } from 'antd'
import { KeyOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { listUsers } from '../../api/client'
import type { ListResponse, Role, User, UsersQuery } from '../../api/types'
import { errorText } from '../../app/errors'
import { formatDateTime } from '../../lib/format'
import { CreateUserModal, EditUserModal, ResetPasswordModal, useRoleOptions } from './UserForms'

const roleColors: Record<Role, string> = {
  learner: 'default',
  trainer: 'cyan',
  agency_manager: 'blue',
  home_affairs: 'purple',
  admin: 'red',
}

export default function UsersPage() {
  const { t } = useTranslation()
  const roles = useRoleOptions()
  const [query, setQuery] = useState<UsersQuery>({ page: 1, page_size: 20 })
  const [typed, setTyped] = useState('')
  const [data, setData] = useState<ListResponse<User> | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [tick, setTick] = useState(0)
  const [modal, setModal] = useState<{ kind: 'create' } | { kind: 'edit' | 'password'; user: User } | null>(null)

  useEffect(() => {
    if ((query.q ?? '') === typed) return
    const id = setTimeout(() => setQuery((q) => ({ ...q, q: typed || undefined, page: 1 })), 300)
    return () => clearTimeout(id)
  }, [typed, query.q])

  useEffect(() => {
    let live = true
    setLoading(true)
    listUsers(query)
      .then((r) => {
        if (!live) return
        setData(r)
        setError(null)
      })
      .catch((e) => live && setError(e))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [query, tick])

  const saved = () => {
    setModal(null)
    setTick((n) => n + 1)
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" style={{ rowGap: 12, columnGap: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ kind: 'create' })}>
          {t('users.create')}
        </Button>
      </Row>
      <Card size="small">
        <Space wrap size="middle">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('users.search')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            style={{ width: 280 }}
          />
          <Select
            allowClear
            placeholder={t('users.filter.role')}
            value={query.role}
            onChange={(v) => setQuery((q) => ({ ...q, role: v, page: 1 }))}
            options={roles}
            style={{ width: 220 }}
          />
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      <Table<User>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{
          current: query.page,
          pageSize: query.page_size,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, page_size: pageSize })),
        }}
        columns={[
          { title: t('users.field.username'), dataIndex: 'username', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('users.field.display_name'), dataIndex: 'display_name' },
          { title: t('users.field.role'), dataIndex: 'role', render: (r: Role) => <Tag color={roleColors[r]}>{t(`roles.${r}`)}</Tag> },
          { title: t('users.field.agency'), dataIndex: 'agency_name', render: (v: string) => v || '—', ellipsis: true },
          {
            title: t('users.field.person'),
            dataIndex: 'person_name',
            render: (v: string, u) => (u.person_id ? <Link to={`/people/${u.person_id}`}>{v}</Link> : '—'),
          },
          {
            title: t('users.field.active'),
            dataIndex: 'active',
            render: (a: boolean, u) => (
              <Space size={4} wrap>
                {a ? <Tag color="green">{t('status.active')}</Tag> : <Tag>{t('status.locked')}</Tag>}
                {u.must_change_password && <Tag color="orange">{t('users.must_change')}</Tag>}
              </Space>
            ),
          },
          { title: t('users.field.last_login_at'), dataIndex: 'last_login_at', render: (v: string | null) => formatDateTime(v) || '—', width: 150 },
          {
            title: '',
            key: 'actions',
            width: 200,
            render: (_, u) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setModal({ kind: 'edit', user: u })}>
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setModal({ kind: 'password', user: u })}>
                  {t('users.reset_password')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {modal?.kind === 'create' && <CreateUserModal onClose={() => setModal(null)} onSaved={saved} />}
      {modal?.kind === 'edit' && <EditUserModal user={modal.user} onClose={() => setModal(null)} onSaved={saved} />}
      {modal?.kind === 'password' && <ResetPasswordModal user={modal.user} onClose={saved} />}
    </Space>
  )
}
