import { Space, Tag, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import i18n from '../../i18n'
import type { RowError } from '../../api/types'

/** rowErrorText translates an import row error by its code, falling back to the server's English text. */
export function rowErrorText(t: TFunction, e: RowError): string {
  const keys = e.field
    ? [`import.error_field.${e.field}.${e.code}`, `import.error.${e.code}`]
    : [`import.error.${e.code}`, `errors.${e.code}`]
  const key = keys.find((k) => i18n.exists(k))
  return key ? t(key) : e.message || e.code
}

/** fieldLabel names an import column the way the people form does. */
export function fieldLabel(t: TFunction, field: string): string {
  if (!field) return t('import.whole_row')
  const key = `people.field.${field}`
  return i18n.exists(key) ? t(key) : field
}

export function RowErrors({ errors }: { errors: RowError[] }) {
  const { t } = useTranslation()
  if (!errors.length) return <Typography.Text type="success">{t('import.row_ok')}</Typography.Text>
  return (
    <Space direction="vertical" size={2}>
      {errors.map((e, i) => (
        <span key={i}>
          <Tag color="red">{fieldLabel(t, e.field)}</Tag>
          <Typography.Text>{rowErrorText(t, e)}</Typography.Text>
        </span>
      ))}
    </Space>
  )
}
