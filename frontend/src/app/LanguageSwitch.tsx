import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { setLanguage, type Lang } from '../i18n'

export function LanguageSwitch() {
  const { i18n, t } = useTranslation()
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('app.language')}
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={setLanguage}
      options={[
        { value: 'vi', label: 'Tiếng Việt' },
        { value: 'en', label: 'English' },
      ]}
    />
  )
}
