import { useState } from 'react'
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Radio, Result, Select, Space, Switch } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { enrolPeople } from '../../api/client'
import { PERSON_KINDS, type BulkEnrolResult } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { DATE_FORMAT, formatDate } from '../../lib/format'
import { useMe } from '../auth/AuthContext'
import { AgencyTreeSelect } from '../org/AgencyTreeSelect'
import { PeopleSelect } from '../org/PeopleSelect'
import { toRequest, type EnrolValues } from './enrol'

type Values = EnrolValues & { due_date?: Dayjs | null }

interface Props {
  slug: string
  title: string
  onClose(): void
  onDone(): void
}

/** EnrolDrawer enrols many people at once: a group (agency, kind, professional work) or people picked by name. */
export function EnrolDrawer({ slug, title, onClose, onDone }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const me = useMe()
  const [form] = Form.useForm<Values>()
  const mode = Form.useWatch('mode', form) ?? 'group'
  const agency = Form.useWatch('agency_id', form)
  const [saving, setSaving] = useState(false)
  const [missing, setMissing] = useState(false)
  const [result, setResult] = useState<BulkEnrolResult | null>(null)

  const submit = async () => {
    const v = await form.validateFields()
    const body = toRequest(v)
    setMissing(body === null)
    if (!body) return
    setSaving(true)
    try {
      setResult(await enrolPeople(slug, body))
      onDone()
    } catch (e) {
      if (!applyFieldErrors(form, t, e)) message.error(errorText(t, e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Drawer
      open
      width={560}
      title={t('enrol.title', { course: title })}
      onClose={onClose}
      destroyOnHidden
      extra={
        !result && (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={submit} data-testid="enrol-submit">
              {t('enrol.submit')}
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <Result
          status={result.enrolled > 0 ? 'success' : 'info'}
          title={t('enrol.done', { count: result.enrolled })}
          extra={[
            <Button key="more" onClick={() => setResult(null)}>
              {t('enrol.more')}
            </Button>,
            <Button key="close" type="primary" onClick={onClose} data-testid="enrol-close">
              {t('enrol.close')}
            </Button>,
          ]}
        >
          <Descriptions column={1} bordered size="small" data-testid="enrol-result">
            <Descriptions.Item label={t('enrol.result.matched')}>{result.matched}</Descriptions.Item>
            <Descriptions.Item label={t('enrol.result.enrolled')}>{result.enrolled}</Descriptions.Item>
            <Descriptions.Item label={t('enrol.result.already_enrolled')}>{result.already_enrolled}</Descriptions.Item>
            <Descriptions.Item label={t('enrol.result.missing_prerequisites')}>{result.missing_prerequisites}</Descriptions.Item>
            <Descriptions.Item label={t('enrol.result.due_date')}>
              <span style={{ whiteSpace: 'nowrap' }}>{result.due_date ? formatDate(result.due_date) : t('enrol.no_due_date')}</span>
            </Descriptions.Item>
          </Descriptions>
        </Result>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            mode: 'group',
            include_sub: true,
            agency_id: me.role === 'agency_manager' ? (me.agency_id ?? undefined) : undefined,
          }}
          onValuesChange={() => setMissing(false)}
        >
          <Form.Item name="mode" label={t('enrol.who')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'group', label: t('enrol.mode.group') },
                { value: 'people', label: t('enrol.mode.people') },
              ]}
            />
          </Form.Item>
          {mode === 'group' ? (
            <>
              <Form.Item name="agency_id" label={t('enrol.agency')}>
                <AgencyTreeSelect placeholder={t('enrol.any_agency')} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="include_sub" label={t('people.filter.include_sub')} valuePropName="checked">
                <Switch disabled={agency === undefined} />
              </Form.Item>
              <Form.Item name="kind" label={t('people.field.kind')}>
                <Select
                  allowClear
                  placeholder={t('enrol.any_kind')}
                  options={PERSON_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
                />
              </Form.Item>
              <Form.Item name="professional" label={t('people.field.professional')}>
                <Select
                  allowClear
                  placeholder={t('enrol.any_professional')}
                  options={[
                    { value: 'true', label: t('people.filter.professional_yes') },
                    { value: 'false', label: t('people.filter.professional_no') },
                  ]}
                />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="person_ids" label={t('enrol.people')}>
              <PeopleSelect />
            </Form.Item>
          )}
          <Form.Item name="due_date" label={t('enrol.due_date')} extra={t('enrol.due_date_hint')}>
            <DatePicker
              format={DATE_FORMAT}
              placeholder={t('common.date_placeholder')}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
              style={{ width: '100%' }}
            />
          </Form.Item>
          {missing && <Alert type="warning" showIcon message={t('enrol.need_selector')} data-testid="enrol-need-selector" />}
        </Form>
      )}
    </Drawer>
  )
}
