import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router'
import { App as AntApp, ConfigProvider } from 'antd'
import viVN from 'antd/es/locale/vi_VN'
import enUS from 'antd/es/locale/en_US'
import { useTranslation } from 'react-i18next'
import './i18n'
import './app/global.css'
import { AuthProvider } from './features/auth/AuthContext'
import { router } from './app/router'

function Root() {
  const { i18n } = useTranslation()
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : viVN}
      theme={{
        token: { colorPrimary: '#1f4e8c', borderRadius: 6, controlItemBgActive: '#e6eefa', controlItemBgActiveHover: '#d5e3f7' },
        components: { Menu: { itemSelectedBg: '#e6eefa', itemSelectedColor: '#1f4e8c' } },
      }}
    >
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
)
