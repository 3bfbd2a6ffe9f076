import { useState } from 'react'
import { useNavigate } from 'react-router'
import { App } from 'antd'
import { useTranslation } from 'react-i18next'
import { getCourse } from '../../api/client'
import { errorText } from '../../app/errors'
import { resumeLessonId } from './progress'

/**
 * useResume opens the lesson where a learner left a course (the course page
 * knows it: resume_lesson_id), or the course page when it has no lessons.
 */
export function useResume() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [busy, setBusy] = useState<string | null>(null)

  const resume = async (slug: string) => {
    setBusy(slug)
    try {
      const id = resumeLessonId(await getCourse(slug))
      navigate(id !== null ? `/lessons/${id}` : `/courses/${encodeURIComponent(slug)}`)
    } catch (e) {
      message.error(errorText(t, e))
    } finally {
      setBusy(null)
    }
  }
  return { resume, busy }
}
