import { useState } from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router'
import { Button, Layout, Menu, Space, Tag, Typography, theme } from 'antd'
import {
  ApartmentOutlined,
  AuditOutlined,
  IdcardOutlined,
  LogoutOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useAuth, useMe } from '../features/auth/AuthContext'
import { areasOf, type Area } from '../features/auth/access'
import { LanguageSwitch } from './LanguageSwitch'

const menuIcons: Record<Area, React.ReactNode> = {
  agencies: <ApartmentOutlined />,
  people: <TeamOutlined />,
  import: <UploadOutlined />,
  audit: <AuditOutlined />,
  users: <UserSwitchOutlined />,
  profile: <IdcardOutlined />,
}

export function AppLayout() {
  const { t } = useTranslation()
  const me = useMe()
  const { signOut } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const [collapsed, setCollapsed] = useState(false)
  const { token } = theme.useToken()

  const selected = '/' + (location.pathname.split('/')[1] ?? '')
  // Until a forced password change is done, only the profile is reachable.
  const areas: Area[] = me.must_change_password ? ['profile'] : areasOf(me.role)
  const items = areas.map((a) => ({
    key: `/${a}`,
    icon: menuIcons[a],
    label: t(`menu.${a}`),
  }))

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={220}
        theme="light"
        style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            padding: '0 20px',
            fontWeight: 600,
            color: token.colorPrimary,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          <img src="/favicon.svg" alt="" width={24} height={24} />
          {!collapsed && <span>{t('app.short_name')}</span>}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          items={items}
          onClick={(e) => navigate(e.key)}
          data-testid="side-menu"
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
          }}
        >
          <Typography.Text strong style={{ fontSize: 16, flex: 1, minWidth: 0 }} ellipsis>
            {t('app.name')}
          </Typography.Text>
          <Space size="middle" wrap={false} style={{ flex: 'none' }}>
            <Space size={6} data-testid="current-user">
              <UserOutlined />
              <Typography.Text style={{ whiteSpace: 'nowrap' }}>{me.display_name || me.username}</Typography.Text>
              <Tag color="blue" data-testid="current-role">
                {t(`roles.${me.role}`)}
              </Tag>
            </Space>
            <LanguageSwitch />
            <Button
              icon={<LogoutOutlined />}
              onClick={async () => {
                await signOut()
                navigate('/login', { replace: true })
              }}
            >
              {t('auth.sign_out')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
