import { useState } from 'react'
import { Alert, App, Button, DatePicker, Drawer, Form, Result, Select, Space, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { enrolPeople, listCourses, targetMissing } from '../../api/client'
import type { BulkEnrolResult, TargetAgencyRow, TargetValue } from '../../api/types'
import { errorText } from '../../app/errors'
import { DATE_FORMAT, formatDate, formatNumber } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { canEnrol, certificationOf, collectIds, courseTrack, ENROL_MAX, missingKind, missingSentenceKey } from './byAgency'

interface Props {
  target: TargetValue
  agency: Pick<TargetAgencyRow, 'agency_id' | 'name'>
  /** yyyy-mm-dd */
  asOf: string
  onClose(): void
}

const PAGE_SIZE = 20

/** MissingDrawer ("Còn thiếu") lists who or what a target lacks in one agency, and may enrol the missing people in a course. */
export function MissingDrawer({ target, agency, asOf, onClose }: Props) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const { message } = App.useApp()
  const [page, setPage] = useState(1)
  const list = useLoad(
    () => targetMissing(target.code, { as_of: asOf, agency_id: agency.agency_id, page, page_size: PAGE_SIZE }),
    [target.code, asOf, agency.agency_id, page],
  )
  const kind = list.data?.kind ?? missingKind(target)
  const cert = certificationOf(target)
  const sentence = t(missingSentenceKey(kind, target), {
    cert: cert ? t(`certadmin.target.${cert}`) : '',
    code: target.code,
    text: lang === 'en' && target.text_en ? target.text_en : target.text_vi,
    agency: agency.name,
    date: formatDate(asOf),
  })

  const enrolOffered = canEnrol(target) && kind === 'people'
  const track = courseTrack(cert)
  const [enrolOpen, setEnrolOpen] = useState(false)
  const courses = useLoad(
    (signal) => (enrolOpen && track ? listCourses({ track, page_size: 100 }, signal) : Promise.resolve(null)),
    [enrolOpen, track],
  )
  const [form] = Form.useForm<{ slug: string; due_date?: Dayjs | null }>()
  const [saving, setSaving] = useState(false)
  const [result, setResult] = useState<(BulkEnrolResult & { total: number; sent: number }) | null>(null)

  const submit = async () => {
    const v = await form.validateFields()
    setSaving(true)
    try {
      const { ids, total } = await collectIds((p, size) =>
        targetMissing(target.code, { as_of: asOf, agency_id: agency.agency_id, page: p, page_size: size }),
      )
      if (ids.length === 0) {
        message.info(t('targets.missing.none'))
        return
      }
      const r = await enrolPeople(v.slug, { person_ids: ids, due_date: v.due_date ? v.due_date.format('YYYY-MM-DD') : undefined })
      setResult({ ...r, total, sent: ids.length })
    } catch (e) {
      message.error(errorText(t, e))
    } finally {
      setSaving(false)
    }
  }

  const total = list.data?.total ?? 0

  return (
    <Drawer open width={640} title={t('targets.missing.title')} onClose={onClose} destroyOnHidden data-testid="missing-drawer">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph data-testid="missing-sentence" style={{ margin: 0 }}>
          {sentence}
        </Typography.Paragraph>
        {list.error ? <Alert type="error" showIcon message={errorText(t, list.error)} /> : null}
        {enrolOffered && !enrolOpen && total > 0 && (
          <Button type="primary" onClick={() => setEnrolOpen(true)} data-testid="missing-enrol">
            {t('targets.missing.enrol')}
          </Button>
        )}
        {enrolOpen &&
          (result ? (
            <Result
              status={result.enrolled > 0 ? 'success' : 'info'}
              title={t('targets.missing.enrolled', { count: result.enrolled })}
              subTitle={t('targets.missing.enrolled_detail', {
                sent: formatNumber(result.sent, lang),
                already: formatNumber(result.already_enrolled, lang),
                prereq: formatNumber(result.missing_prerequisites, lang),
              })}
              extra={
                <Button onClick={() => { setResult(null); setEnrolOpen(false) }} data-testid="missing-enrol-close">
                  {t('enrol.close')}
                </Button>
              }
              data-testid="missing-enrol-result"
            />
          ) : (
            <Form form={form} layout="vertical" style={{ border: '1px solid rgba(0,0,0,0.06)', borderRadius: 8, padding: 12 }}>
              <Typography.Paragraph type="secondary">
                {t('targets.missing.enrol_hint', { count: Math.min(total, ENROL_MAX), total: formatNumber(total, lang) })}
              </Typography.Paragraph>
              {total > ENROL_MAX && <Alert type="warning" showIcon message={t('targets.missing.enrol_max', { max: formatNumber(ENROL_MAX, lang) })} style={{ marginBottom: 12 }} />}
              {courses.error ? <Alert type="error" showIcon message={errorText(t, courses.error)} style={{ marginBottom: 12 }} /> : null}
              <Form.Item name="slug" label={t('targets.missing.course')} rules={[{ required: true, message: t('targets.missing.course_required') }]}>
                <Select
                  loading={courses.loading}
                  placeholder={t('targets.missing.course_placeholder')}
                  options={(courses.data?.items ?? []).map((c) => ({
                    value: c.slug,
                    label: `${c.code} — ${lang === 'en' && c.title_en ? c.title_en : c.title_vi}`,
                  }))}
                  data-testid="missing-course"
                />
              </Form.Item>
              <Form.Item name="due_date" label={t('enrol.due_date')} extra={t('enrol.due_date_hint')}>
                <DatePicker
                  format={DATE_FORMAT}
                  placeholder={t('common.date_placeholder')}
                  disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
              <Space>
                <Button onClick={() => setEnrolOpen(false)}>{t('common.cancel')}</Button>
                <Button type="primary" loading={saving} onClick={submit} data-testid="missing-enrol-submit">
                  {t('targets.missing.enrol_submit')}
                </Button>
              </Space>
            </Form>
          ))}
        <Table
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={[
            { key: 'name', title: kind === 'agencies' ? t('targets.missing.agency') : t('targets.missing.person'), dataIndex: 'name' },
            ...(kind === 'people' ? [{ key: 'agency', title: t('targets.missing.agency'), dataIndex: 'agency_name' }] : []),
          ]}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (n) => t('common.total', { count: n }),
          }}
          locale={{ emptyText: t('targets.missing.none') }}
          data-testid="missing-list"
        />
      </Space>
    </Drawer>
  )
}
