import { useState } from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router'
import { Button, Drawer, Grid, Layout, Menu, Space, Tag, Typography, theme } from 'antd'
import {
  ApartmentOutlined,
  AppstoreOutlined,
  AimOutlined,
  AuditOutlined,
  BookOutlined,
  CheckSquareOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  FormOutlined,
  IdcardOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  MenuOutlined,
  TeamOutlined,
  TrophyOutlined,
  UploadOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useAuth, useMe } from '../features/auth/AuthContext'
import { areasOf, type Area } from '../features/auth/access'
import { LanguageSwitch } from './LanguageSwitch'

const menuIcons: Record<Area, React.ReactNode> = {
  'my-courses': <BookOutlined />,
  'my-certificates': <TrophyOutlined />,
  courses: <AppstoreOutlined />,
  authoring: <FormOutlined />,
  'question-bank': <DatabaseOutlined />,
  grading: <CheckSquareOutlined />,
  agencies: <ApartmentOutlined />,
  people: <TeamOutlined />,
  certificates: <SafetyCertificateOutlined />,
  certifications: <FileProtectOutlined />,
  targets: <AimOutlined />,
  reports: <FileTextOutlined />,
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
  const [drawer, setDrawer] = useState(false)
  // Phones: below antd's md breakpoint (768 px). Before the first measure
  // screens is empty, which counts as a wide screen.
  const screens = Grid.useBreakpoint()
  const mobile = screens.md === false
  const { token } = theme.useToken()

  // A lesson or a quiz belongs to "my courses"; every other page to the area its path starts with.
  const first = location.pathname.split('/')[1] ?? ''
  const selected = '/' + (['lessons', 'quizzes', 'attempts'].includes(first) ? 'my-courses' : first)
  // Until a forced password change is done, only the profile is reachable.
  const areas: Area[] = me.must_change_password ? ['profile'] : areasOf(me.role, me.person_id !== null)
  const items = areas.map((a) => ({
    key: `/${a}`,
    icon: menuIcons[a],
    label: t(`menu.${a}`),
  }))

  const brand = (withName: boolean) => (
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
      {withName && <span>{t('app.short_name')}</span>}
    </div>
  )
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      onClick={(e) => {
        setDrawer(false)
        navigate(e.key)
      }}
      data-testid="side-menu"
      style={{ borderInlineEnd: 'none' }}
    />
  )
  const userBadge = (
    <Space size={6} data-testid="current-user">
      <UserOutlined />
      <Typography.Text style={{ whiteSpace: 'nowrap' }}>{me.display_name || me.username}</Typography.Text>
      <Tag color="blue" data-testid="current-role">
        {t(`roles.${me.role}`)}
      </Tag>
    </Space>
  )
  const signOutAndLeave = async () => {
    await signOut()
    navigate('/login', { replace: true })
  }

  // On a phone the menu lives in a drawer opened from the header, and the
  // header keeps only what fits: the menu button, the app's short name, the
  // language and sign-out. Both layouts share one tree, so that turning a
  // tablet or resizing a window does not remount the page (and lose what is
  // being typed in it).
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          width={220}
          theme="light"
          style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
        >
          {brand(!collapsed)}
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            padding: mobile ? '0 8px 0 4px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: mobile ? 8 : 16,
            ...(mobile ? { position: 'sticky', top: 0, zIndex: 10, height: 56, lineHeight: '56px' } : {}),
          }}
        >
          {mobile ? (
            <>
              <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label={t('app.menu')} data-testid="menu-button" />
              <Typography.Text strong style={{ flex: 1, minWidth: 0, color: token.colorPrimary }} ellipsis>
                {t('app.short_name')}
              </Typography.Text>
              <LanguageSwitch compact />
              <Button type="text" icon={<LogoutOutlined />} onClick={signOutAndLeave} aria-label={t('auth.sign_out')} title={t('auth.sign_out')} />
            </>
          ) : (
            <>
              <Typography.Text strong style={{ fontSize: 16, flex: 1, minWidth: 0 }} ellipsis>
                {t('app.name')}
              </Typography.Text>
              <Space size="middle" wrap={false} style={{ flex: 'none' }}>
                {userBadge}
                <LanguageSwitch />
                <Button icon={<LogoutOutlined />} onClick={signOutAndLeave}>
                  {t('auth.sign_out')}
                </Button>
              </Space>
            </>
          )}
        </Layout.Header>
        {mobile && (
          <Drawer open={drawer} placement="left" width={280} onClose={() => setDrawer(false)} closable={false} styles={{ body: { padding: 0 } }}>
            {brand(true)}
            <div style={{ padding: '4px 20px 12px', borderBottom: `1px solid ${token.colorBorderSecondary}`, marginBottom: 4 }}>{userBadge}</div>
            {menu}
          </Drawer>
        )}
        <Layout.Content style={{ padding: mobile ? 12 : 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
