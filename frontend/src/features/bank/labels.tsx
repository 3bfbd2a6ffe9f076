import { Tag } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import i18n from '../../i18n'
import { ApiError } from '../../api/client'
import type { QuestionType } from '../../api/types'
import { errorText } from '../../app/errors'
import { typeColors, typeLabel } from './questions'

export function TypeTag({ type }: { type: QuestionType }) {
  const { t } = useTranslation()
  return (
    <Tag color={typeColors[type] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {typeLabel(t, type)}
    </Tag>
  )
}

/** FilesTag marks what comes from the course files in courses/ (read-only in the app). */
export function FilesTag({ short = false }: { short?: boolean }) {
  const { t } = useTranslation()
  return (
    <Tag color="default" style={{ marginInlineEnd: 0 }}>
      {t(short ? 'bank.from_files_short' : 'bank.from_files')}
    </Tag>
  )
}

/**
 * bankErrorText translates an error of the question bank: codes the bank
 * means differently from the people import (unsupported_file, import_empty,
 * ...) have their own sentence under bank.errors, the rest are as everywhere.
 */
export function bankErrorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    const key = `bank.errors.${err.code}`
    if (i18n.exists(key)) return t(key, { ...err.details, defaultValue: err.message })
  }
  return errorText(t, err)
}
