import { useMemo, useState } from 'react'
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Grid, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError, createTarget, updateTarget } from '../../api/client'
import { SECTORS, type TargetDefinition } from '../../api/types'
import { errorText, fieldErrorText } from '../../app/errors'
import { DATE_FORMAT } from '../../lib/format'
import { targetKey } from '../certadmin/certadmin'
import { degreeKey } from '../facts/degrees'
import { roleKey } from '../facts/positions'
import { agencyName } from '../org/tree'
import { useAgencies } from '../org/useAgencies'
import { checkParams, fieldPath, keepParams, metricsFor, PARAM_VOCABULARY, paramsNeeded, POPULATIONS, TARGET_CODE, toInput, toValues, type TargetValues } from './edit'

interface Props {
  /** the target to change; null to add one */
  target: TargetDefinition | null
  /** the values a new target starts from */
  initial: TargetValues
  onClose(): void
  onSaved(code: string): void
  /** fetches the target again after a version conflict; null when it is gone */
  reload(id: number): Promise<TargetDefinition | null>
}

/**
 * TargetDrawer adds or changes a target (Home Affairs, admins): its code and
 * texts, and its population, metric and params from the vocabulary only,
 * showing just the params the two need; the server's field errors land on
 * their fields and a stale version is said plainly, with the latest a click
 * away.
 */
export function TargetDrawer({ target, initial, onClose, onSaved, reload }: Props) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<TargetValues>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [conflict, setConflict] = useState(false)
  const [current, setCurrent] = useState(target)
  const phone = Grid.useBreakpoint().md === false
  const { agencies } = useAgencies()
  const population = Form.useWatch('population', form)
  const metric = Form.useWatch('metric', form)
  const needs = paramsNeeded(population, metric)
  const metrics = metricsFor(population)
  const codes = useMemo(
    () => agencies.map((a) => ({ value: a.code, label: `${a.code} · ${agencyName(a, i18n.language)}` })),
    [agencies, i18n.language],
  )
  const required = { required: true, message: t('validation.required') }

  // mark shows errors by field name ("params.role"); the API's codes, or the check's own words before sending.
  const mark = (fields: [string, string][], text: (name: string, code: string) => string) =>
    form.setFields(fields.map(([k, code]) => ({ name: fieldPath(k) as never, errors: [text(k, code)] })))

  const submit = async (v: TargetValues) => {
    const wrong = Object.entries(checkParams(v.population, v.metric, v.params))
    if (wrong.length) {
      mark(wrong, (k) => t(k === 'params.sectors' ? 'target_edit.sectors_required' : 'validation.required'))
      return
    }
    setBusy(true)
    setError(null)
    setConflict(false)
    try {
      const input = toInput(v)
      if (current) await updateTarget(current.id, { ...input, version: current.version })
      else await createTarget(input)
      message.success(t(current ? 'target_edit.saved' : 'target_edit.created', { code: input.code }))
      onSaved(input.code)
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict(true)
        return
      }
      const fields = e instanceof ApiError ? Object.entries(e.fieldErrors) : []
      if (fields.length) {
        mark(fields, (_, code) => fieldErrorText(t, code))
        setError(t('errors.invalid_input'))
      } else setError(errorText(t, e))
    } finally {
      setBusy(false)
    }
  }

  const takeLatest = async () => {
    if (!current) return
    try {
      const latest = await reload(current.id)
      if (!latest) {
        setError(t('errors.not_found'))
        return
      }
      setCurrent(latest)
      form.setFieldsValue(toValues(latest))
      setConflict(false)
    } catch (e) {
      setError(errorText(t, e))
    }
  }

  // A changed population or metric keeps only the params they still need, and a metric that fits.
  const onValuesChange = (changed: Partial<TargetValues>, all: TargetValues) => {
    if (!('population' in changed) && !('metric' in changed)) return
    const fit = metricsFor(all.population)
    const m = fit.includes(all.metric) ? all.metric : fit[0]
    form.setFieldsValue({ metric: m, params: keepParams(all.population, m, all.params) })
  }

  return (
    <Drawer
      open
      width={phone ? '100%' : 640}
      title={current ? t('target_edit.edit_title', { code: current.code }) : t('target_edit.add_title')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="target-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('target_edit.intro')}</Typography.Paragraph>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('errors.version_conflict')}
          data-testid="target-conflict"
          action={
            <Button size="small" onClick={takeLatest} data-testid="target-take-latest">
              {t('target_edit.take_latest')}
            </Button>
          }
        />
      )}
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} data-testid="target-error" />}
      <Form<TargetValues>
        form={form}
        layout="vertical"
        requiredMark
        onFinish={submit}
        onValuesChange={onValuesChange}
        initialValues={target ? toValues(target) : initial}
        data-testid="target-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="code"
              label={t('target_edit.field.code')}
              extra={t('target_edit.code_hint')}
              normalize={(v: string) => v.toUpperCase()}
              rules={[required, { pattern: TARGET_CODE, message: t('target_edit.code_invalid') }]}
            >
              <Input maxLength={30} data-testid="target-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="section" label={t('target_edit.field.section')} rules={[{ max: 50, message: t('validation.max', { max: 50 }) }]}>
              <Input maxLength={50} placeholder="I.2.2.1" data-testid="target-section" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="text_vi"
          label={t('target_edit.field.text_vi')}
          rules={[{ ...required, whitespace: true }, { max: 500, message: t('validation.max', { max: 500 }) }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="target-text-vi" />
        </Form.Item>
        <Form.Item name="text_en" label={t('target_edit.field.text_en')} rules={[{ max: 500, message: t('validation.max', { max: 500 }) }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="target-text-en" />
        </Form.Item>
        <Form.Item name="population" label={t('target_edit.field.population')} rules={[required]}>
          <Select options={POPULATIONS.map((p) => ({ value: p, label: t(`target_edit.population.${p}`) }))} data-testid="target-population" />
        </Form.Item>
        <Form.Item name="metric" label={t('target_edit.field.metric')} rules={[required]}>
          <Select options={metrics.map((m) => ({ value: m, label: t(`target_edit.metric.${m}`) }))} data-testid="target-metric" />
        </Form.Item>
        {needs.includes('levels') && (
          <Form.Item name={['params', 'levels']} label={t('target_edit.field.levels')} rules={[required]}>
            <Select
              mode="multiple"
              options={PARAM_VOCABULARY.levels.map((l) => ({ value: l, label: t(`agencies.level.${l}`) }))}
              data-testid="target-levels"
            />
          </Form.Item>
        )}
        {needs.includes('sectors') && (
          <>
            <Form.Item name={['params', 'sectors']} label={t('target_edit.field.sectors')} extra={t('target_edit.sectors_hint')}>
              <Select mode="multiple" allowClear options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} data-testid="target-sectors" />
            </Form.Item>
            <Form.Item name={['params', 'codes']} label={t('target_edit.field.codes')}>
              <Select mode="multiple" allowClear showSearch optionFilterProp="label" options={codes} data-testid="target-codes" />
            </Form.Item>
          </>
        )}
        {needs.includes('role') && (
          <Form.Item name={['params', 'role']} label={t('target_edit.field.role')} rules={[required]}>
            <Select options={PARAM_VOCABULARY.role.map((r) => ({ value: r, label: t(roleKey(r)) }))} data-testid="target-role" />
          </Form.Item>
        )}
        {needs.includes('certification') && (
          <Form.Item name={['params', 'certification']} label={t('target_edit.field.certification')} rules={[required]}>
            <Select options={PARAM_VOCABULARY.certification.map((c) => ({ value: c, label: t(targetKey(c)) }))} data-testid="target-certification" />
          </Form.Item>
        )}
        {needs.includes('level') && (
          <Form.Item name={['params', 'level']} label={t('target_edit.field.level')} extra={t('target_edit.level_hint')} rules={[required]}>
            <Select options={PARAM_VOCABULARY.level.map((l) => ({ value: l, label: t(degreeKey(l)) }))} data-testid="target-level" />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="rule" label={t('target_edit.field.rule')} extra={t('target_edit.rule_hint')} rules={[required]}>
              <Radio.Group data-testid="target-rule-input">
                <Radio.Button value="ge">≥</Radio.Button>
                <Radio.Button value="gt">&gt;</Radio.Button>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="threshold" label={t('target_edit.field.threshold')} rules={[required]}>
              <InputNumber min={0} max={100} step={1} addonAfter="%" style={{ width: 160 }} data-testid="target-threshold-input" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="deadline" label={t('target_edit.field.deadline')} rules={[required]}>
              <DatePicker format={DATE_FORMAT} allowClear={false} placeholder={t('common.date_placeholder')} data-testid="target-deadline-input" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="position" label={t('target_edit.field.position')} extra={t('target_edit.position_hint')}>
              <InputNumber min={0} step={10} style={{ width: 160 }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="active" label={t('target_edit.field.active')} valuePropName="checked" extra={t('target_edit.active_hint')}>
          <Switch data-testid="target-active" />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
