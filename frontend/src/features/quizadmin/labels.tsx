import { Tag } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import i18n from '../../i18n'
import { ApiError } from '../../api/client'
import type { QuestionCategory } from '../../api/types'
import { errorText, fieldErrorText } from '../../app/errors'
import { buildCategoryTree, type CategoryNode } from '../bank/tree'
import { slotIndexOf } from './slots'

/**
 * quizErrorText translates an error of the quiz screens: codes a quiz means
 * differently (managed_by_files, has_attempts, version_conflict) have their
 * own sentence under quizadmin.errors, the rest are as everywhere.
 */
export function quizErrorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    const key = `quizadmin.errors.${err.code}`
    if (i18n.exists(key)) return t(key, { ...err.details, defaultValue: err.message })
  }
  return errorText(t, err)
}

/** slotFieldText explains a server field error of the question list ("slots.2.count" → "Question 3: ..."). */
export function slotFieldText(t: TFunction, field: string, code: string): string | null {
  const i = slotIndexOf(field)
  if (i === null) return null
  return t('quizadmin.slots.error_at', { n: i + 1, error: fieldErrorText(t, code) })
}

export function QuizStateTag({ published }: { published: boolean }) {
  const { t } = useTranslation()
  return published ? <Tag color="green">{t('quizadmin.published')}</Tag> : <Tag color="orange">{t('quizadmin.draft')}</Tag>
}

export function QuizFilesTag() {
  const { t } = useTranslation()
  return <Tag>{t('quizadmin.from_files')}</Tag>
}

export interface CategoryOption {
  value: number
  title: string
  children: CategoryOption[]
}

/** categoryOptions is the category tree for a TreeSelect, each name followed by how many questions it holds with its sub-categories. */
export function categoryOptions(categories: QuestionCategory[]): CategoryOption[] {
  const map = (n: CategoryNode): CategoryOption => ({
    value: n.category.id,
    title: `${n.category.name} (${n.total})`,
    children: n.children.map(map),
  })
  return buildCategoryTree(categories).map(map)
}
