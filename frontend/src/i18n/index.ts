import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import dayjs from 'dayjs'
import 'dayjs/locale/vi'
import 'dayjs/locale/en'
import vi from './locales/vi.json'
import en from './locales/en.json'

export type Lang = 'vi' | 'en'
export const LANGS: Lang[] = ['vi', 'en']
const STORAGE_KEY = 'lms.lang'

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    if (v === 'vi' || v === 'en') return v
  } catch {
    // storage unavailable (private mode): use the default
  }
  return 'vi'
}

const initial = storedLang()
dayjs.locale(initial)
document.documentElement.lang = initial

function setTitle() {
  document.title = i18n.t('app.short_name')
}
i18n.on('initialized', setTitle)
i18n.on('languageChanged', setTitle)

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
})

/** setLanguage switches the interface language and remembers the choice. */
export function setLanguage(lang: Lang) {
  void i18n.changeLanguage(lang)
  dayjs.locale(lang)
  document.documentElement.lang = lang
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // not remembered; still switched
  }
}

export default i18n
