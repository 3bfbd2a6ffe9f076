import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { setLanguage, type Lang } from '../i18n'

/** LanguageSwitch toggles vi/en; compact shows VI/EN (phones). */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { i18n, t } = useTranslation()
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('app.language')}
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={setLanguage}
      options={[
        { value: 'vi', label: compact ? 'VI' : 'Tiếng Việt' },
        { value: 'en', label: compact ? 'EN' : 'English' },
      ]}
    />
  )
}
