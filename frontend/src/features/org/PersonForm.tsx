import { useState } from 'react'
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Switch } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { ApiError, createPerson, getPerson, updatePerson } from '../../api/client'
import { IT_QUALIFICATIONS, PERSON_KINDS, type Person, type PersonInput, type PersonPatch } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { DATE_FORMAT } from '../../lib/format'
import { AgencyTreeSelect } from './AgencyTreeSelect'
import { CODE_PATTERN } from './AgencyForm'

type Values = Omit<PersonInput, 'birth_date'> & { birth_date: Dayjs | null; moved_on?: Dayjs | null }

interface Props {
  person?: Person
  defaultAgencyId?: number
  onClose(): void
  onSaved(p: Person): void
}

// The same rules as the server (api/org/model.go, PersonInput.Validate).
const EMAIL_PATTERN = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/
const PHONE_PATTERN = /^\+?[0-9 .-]{6,20}$/
// Names hold letters, spaces and punctuation, never digits or control characters.
const NAME_PATTERN = /^[^\u0000-\u001f\u007f0-9]*$/
const MIN_AGE = 15

function toValues(p: Person): Values {
  return {
    code: p.code,
    family_name: p.family_name,
    middle_name: p.middle_name,
    given_name: p.given_name,
    gender: p.gender,
    birth_date: p.birth_date ? dayjs(p.birth_date) : null,
    email: p.email,
    phone: p.phone,
    agency_id: p.agency_id,
    kind: p.kind,
    professional: p.professional,
    job_title: p.job_title,
    it_qualification: p.it_qualification,
  }
}

function toInput(v: Values): PersonInput {
  const s = (x: string | undefined) => (x ?? '').trim()
  return {
    code: s(v.code),
    family_name: s(v.family_name),
    middle_name: s(v.middle_name),
    given_name: s(v.given_name),
    gender: v.gender ?? '',
    birth_date: v.birth_date ? v.birth_date.format('YYYY-MM-DD') : null,
    email: s(v.email),
    phone: s(v.phone),
    agency_id: v.agency_id,
    kind: v.kind,
    professional: v.professional ?? true,
    job_title: s(v.job_title),
    it_qualification: v.it_qualification ?? 'none',
  }
}

/**
 * changed keeps only the fields that differ from the stored person, so a PATCH
 * says what the user changed. The server reads a null birth_date in a PATCH
 * as "unchanged" and "" as "clear it".
 */
function changed(before: Person, after: PersonInput): PersonPatchBody {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(after) as (keyof PersonInput)[]) {
    if (after[k] !== before[k]) out[k] = k === 'birth_date' && after[k] === null ? '' : after[k]
  }
  return out as PersonPatchBody
}

type PersonPatchBody = Omit<PersonPatch, 'version'>

export function PersonForm({ person, defaultAgencyId, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)
  const [current, setCurrent] = useState<Person | undefined>(person)
  const [conflict, setConflict] = useState(false)
  const required = { required: true, whitespace: true, message: t('validation.required') }
  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) })
  const nameRule = { pattern: NAME_PATTERN, message: t('validation.name') }
  // A change of agency asks since when: the targets count people where they worked on each day.
  const agencyId = Form.useWatch('agency_id', form)
  const moving = current !== undefined && agencyId !== undefined && agencyId !== current.agency_id

  const submit = async () => {
    const v = await form.validateFields()
    const input = toInput(v)
    setSaving(true)
    try {
      const moved = current && input.agency_id !== current.agency_id && v.moved_on ? { moved_on: v.moved_on.format('YYYY-MM-DD') } : {}
      const saved = current
        ? await updatePerson(current.id, { ...changed(current, input), ...moved, version: current.version })
        : await createPerson(input)
      message.success(t(current ? 'common.saved' : 'common.created'))
      onSaved(saved)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version_conflict') setConflict(true)
      applyFieldErrors(form, t, e)
      message.error(errorText(t, e))
    } finally {
      setSaving(false)
    }
  }

  const reloadLatest = async () => {
    if (!current) return
    try {
      const fresh = await getPerson(current.id)
      setCurrent(fresh)
      form.setFieldsValue(toValues(fresh))
      setConflict(false)
    } catch (e) {
      message.error(errorText(t, e))
    }
  }

  return (
    <Drawer
      open
      width={720}
      title={current ? t('people.edit_title', { name: current.full_name }) : t('people.create')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={submit} data-testid="person-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('errors.version_conflict')}
          action={<Button size="small" onClick={reloadLatest}>{t('people.reload_latest')}</Button>}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          current
            ? toValues(current)
            : {
                gender: '',
                kind: 'cong_chuc',
                professional: true,
                it_qualification: 'none',
                agency_id: defaultAgencyId,
                birth_date: null,
              }
        }
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="family_name" label={t('people.field.family_name')} rules={[required, max(50), nameRule]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="middle_name" label={t('people.field.middle_name')} rules={[max(80), nameRule]}>
              <Input maxLength={80} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="given_name" label={t('people.field.given_name')} rules={[required, max(50), nameRule]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="code"
              label={t('people.field.code')}
              rules={[required, { pattern: CODE_PATTERN, message: t('validation.code') }]}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="gender" label={t('people.field.gender')}>
              <Select
                options={[
                  { value: '', label: t('gender.unknown') },
                  { value: 'male', label: t('gender.male') },
                  { value: 'female', label: t('gender.female') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="birth_date"
              label={t('people.field.birth_date')}
              rules={[
                {
                  validator: (_, d: Dayjs | null) =>
                    !d || (d.year() >= 1900 && !d.isAfter(dayjs().subtract(MIN_AGE, 'year'), 'day'))
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('validation.birth_date', { age: MIN_AGE }))),
                },
              ]}
            >
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder={t('common.date_placeholder')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="email"
              label={t('people.field.email')}
              rules={[max(200), { pattern: EMAIL_PATTERN, message: t('validation.email') }]}
            >
              <Input maxLength={200} type="email" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="phone"
              label={t('people.field.phone')}
              rules={[max(30), { pattern: PHONE_PATTERN, message: t('validation.phone') }]}
            >
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="agency_id" label={t('people.field.agency')} rules={[{ required: true, message: t('validation.required') }]}>
              <AgencyTreeSelect allowClear={false} placeholder={t('people.pick_agency')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {moving && (
            <Col span={12}>
              <Form.Item name="moved_on" label={t('people.field.moved_on')} extra={t('people.moved_on_hint')}>
                <DatePicker
                  format={DATE_FORMAT}
                  style={{ width: '100%' }}
                  placeholder={t('common.date_placeholder')}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  data-testid="person-moved-on"
                />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="kind" label={t('people.field.kind')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={PERSON_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="professional" label={t('people.field.professional')} valuePropName="checked">
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="job_title" label={t('people.field.job_title')} rules={[max(200)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="it_qualification" label={t('people.field.it_qualification')}>
              <Select options={IT_QUALIFICATIONS.map((q) => ({ value: q, label: t(`qualifications.${q}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  )
}
