import type { FormInstance } from 'antd'
import type { TFunction } from 'i18next'
import i18n from '../i18n'
import { ApiError } from '../api/client'

/** errorText turns any thrown value into a sentence for the user, translated by error code. */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`
    if (i18n.exists(key)) return t(key, { ...err.details, defaultValue: err.message })
    return err.message || t('errors.unknown')
  }
  return t('errors.unknown')
}

/** fieldErrorText translates one code of a 400 response's details.fields. */
export function fieldErrorText(t: TFunction, code: string): string {
  const key = `fieldErrors.${code}`
  return i18n.exists(key) ? t(key) : t('fieldErrors.invalid_with_code', { code })
}

/**
 * applyFieldErrors shows a 400 error's per-field codes on the form's fields
 * and reports whether any of them matched a field of the form.
 */
export function applyFieldErrors(form: FormInstance, t: TFunction, err: unknown): boolean {
  if (!(err instanceof ApiError)) return false
  const fields = Object.entries(err.fieldErrors)
  const registered = form.getFieldsValue() as Record<string, unknown>
  const known = fields.filter(([name]) => Object.prototype.hasOwnProperty.call(registered, name))
  form.setFields(known.map(([name, code]) => ({ name, errors: [fieldErrorText(t, code)] })))
  return known.length > 0
}

