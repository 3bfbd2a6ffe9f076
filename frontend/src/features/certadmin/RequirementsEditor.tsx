import { useEffect, useState } from 'react'
import { Button, InputNumber, List, Select, Space, Tag, Tooltip, Typography } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { listCourseQuizzes, listCourses } from '../../api/client'
import type { CourseSummary, QuizSummary } from '../../api/types'
import { fieldErrorText } from '../../app/errors'
import { pick } from '../course/progress'
import { addRow, moveRow, removeRow, setMinPercent, type ReqRow } from './certadmin'

interface Props {
  value?: ReqRow[]
  onChange?: (rows: ReqRow[]) => void
  /** the server's codes per requirement, by index */
  errors?: Record<number, string>
}

/**
 * RequirementsEditor edits what earns a certification made in the app:
 * courses to complete, and quizzes (of a chosen course) to pass, each with
 * an optional minimum %; in order, each once.
 */
export function RequirementsEditor({ value = [], onChange, errors = {} }: Props) {
  const { t, i18n } = useTranslation()
  const [courses, setCourses] = useState<CourseSummary[] | null>(null)
  const [slug, setSlug] = useState<string>()
  const [quizzes, setQuizzes] = useState<QuizSummary[] | null>(null)
  const [quizId, setQuizId] = useState<number>()
  const [min, setMin] = useState<number | null>(null)

  useEffect(() => {
    listCourses({ page_size: 100 })
      .then((r) => setCourses(r.items))
      .catch(() => setCourses([]))
  }, [])

  useEffect(() => {
    setQuizzes(null)
    setQuizId(undefined)
    if (!slug) return
    let live = true
    listCourseQuizzes(slug)
      .then((qs) => live && setQuizzes(qs))
      .catch(() => live && setQuizzes([]))
    return () => {
      live = false
    }
  }, [slug])

  const change = (rows: ReqRow[]) => onChange?.(rows)
  const course = courses?.find((c) => c.slug === slug)

  const addCourse = () => {
    if (!course) return
    change(addRow(value, { kind: 'course', course_slug: course.slug, title: pick(course.title_vi, course.title_en, i18n.language) }))
  }
  const addQuiz = () => {
    const q = quizzes?.find((x) => x.id === quizId)
    if (!q) return
    change(addRow(value, { kind: 'quiz', quiz_id: q.id, title: pick(q.title_vi, q.title_en, i18n.language), min_percent: min }))
    setQuizId(undefined)
    setMin(null)
  }

  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }} data-testid="requirements-editor">
      <List<ReqRow>
        size="small"
        bordered
        dataSource={value}
        locale={{ emptyText: t('certadmin.req.none') }}
        renderItem={(r, i) => (
          <List.Item
            data-testid="requirement-row"
            actions={[
              <Tooltip key="up" title={t('certadmin.req.up')}>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => change(moveRow(value, i, -1))} aria-label={t('certadmin.req.up')} />
              </Tooltip>,
              <Tooltip key="down" title={t('certadmin.req.down')}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  disabled={i === value.length - 1}
                  onClick={() => change(moveRow(value, i, 1))}
                  aria-label={t('certadmin.req.down')}
                />
              </Tooltip>,
              <Tooltip key="remove" title={t('certadmin.req.remove')}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => change(removeRow(value, i))} aria-label={t('certadmin.req.remove')} />
              </Tooltip>,
            ]}
          >
            <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
              <Space size={6} wrap>
                <Tag style={{ marginInlineEnd: 0 }} color={r.kind === 'course' ? 'blue' : 'orange'}>
                  {t(`certadmin.req.kind_${r.kind}`)}
                </Tag>
                <Typography.Text>{r.title}</Typography.Text>
              </Space>
              {r.kind === 'quiz' && (
                <Space size={6}>
                  <Typography.Text type="secondary">{t('certadmin.req.min')}</Typography.Text>
                  <InputNumber<number>
                    size="small"
                    min={0}
                    max={100}
                    value={r.min_percent}
                    placeholder={t('certadmin.req.min_default')}
                    onChange={(v) => change(setMinPercent(value, i, v ?? null))}
                    suffix="%"
                    style={{ width: 190 }}
                  />
                </Space>
              )}
              {errors[i] && <Typography.Text type="danger">{fieldErrorText(t, errors[i])}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      <Space wrap>
        <Select
          showSearch
          optionFilterProp="label"
          placeholder={t('certadmin.req.pick_course')}
          value={slug}
          onChange={setSlug}
          loading={!courses}
          options={(courses ?? []).map((c) => ({ value: c.slug, label: `${c.code} · ${pick(c.title_vi, c.title_en, i18n.language)}` }))}
          popupMatchSelectWidth={false}
          style={{ width: 360, maxWidth: '100%' }}
          data-testid="req-course"
        />
        <Button icon={<PlusOutlined />} disabled={!course} onClick={addCourse} data-testid="req-add-course">
          {t('certadmin.req.add_course')}
        </Button>
      </Space>
      <Space wrap>
        <Select
          placeholder={slug ? t('certadmin.req.pick_quiz') : t('certadmin.req.pick_course_first')}
          disabled={!slug}
          value={quizId}
          onChange={setQuizId}
          loading={!!slug && !quizzes}
          notFoundContent={t('certadmin.req.no_quizzes')}
          options={(quizzes ?? []).map((q) => ({
            value: q.id,
            label: t('certadmin.req.quiz_option', { title: pick(q.title_vi, q.title_en, i18n.language), pass: q.pass_percent }),
          }))}
          popupMatchSelectWidth={false}
          style={{ width: 360, maxWidth: '100%' }}
          data-testid="req-quiz"
        />
        <InputNumber<number>
          min={0}
          max={100}
          value={min}
          onChange={(v) => setMin(v ?? null)}
          placeholder={t('certadmin.req.min')}
          suffix="%"
          style={{ width: 150 }}
        />
        <Button icon={<PlusOutlined />} disabled={!quizId} onClick={addQuiz} data-testid="req-add-quiz">
          {t('certadmin.req.add_quiz')}
        </Button>
      </Space>
    </Space>
  )
}
