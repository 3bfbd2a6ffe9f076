import { useState } from 'react'
import { Alert, App, Button, Col, Divider, Drawer, Form, Grid, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError, createCertification, updateCertification } from '../../api/client'
import type { Certification } from '../../api/types'
import { applyFieldErrors, errorText } from '../../app/errors'
import { CODE_PATTERN, PREFIX_PATTERN, TARGETS, formFrom, requirementErrors, rowsFrom, targetKey, toEdit, toInput, type CertFormValues } from './certadmin'
import { Requirements } from './labels'
import { RequirementsEditor } from './RequirementsEditor'

interface Props {
  /** the certification to edit; a new one when absent */
  cert?: Certification
  onClose(): void
  onSaved(c: Certification): void
  /** reload the list (after someone else changed the certification) */
  onReload(): void
}

/**
 * CertificationDrawer creates a certification or changes one: how its
 * certificates print, validity and renewal, target, whether it is active;
 * and what earns it, for one made in the app (a certification of the course
 * files takes them from courses/certifications.yaml).
 */
export function CertificationDrawer({ cert, onClose, onSaved, onReload }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<CertFormValues>()
  const [saving, setSaving] = useState(false)
  const [conflict, setConflict] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [reqErrors, setReqErrors] = useState<Record<number, string>>({})
  const expires = Form.useWatch('expires', form)
  // The whole screen on a phone (below antd's md breakpoint).
  const phone = Grid.useBreakpoint().md === false
  const fromFiles = cert?.source === 'files'
  const required = { required: true, whitespace: true, message: t('validation.required') }
  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) })

  const submit = async () => {
    await form.validateFields()
    // Every value, those of fields not shown too (a renewal kept while "never expires" is picked).
    const v = form.getFieldsValue(true) as CertFormValues
    setSaving(true)
    setError(null)
    setConflict(false)
    setReqErrors({})
    try {
      const saved = cert ? await updateCertification(cert.id, toEdit(v, cert)) : await createCertification(toInput(v))
      message.success(t(cert ? 'common.saved' : 'certadmin.created', { code: saved.code }))
      onSaved(saved)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version_conflict') {
        setConflict(true)
        return
      }
      const reqs = e instanceof ApiError ? requirementErrors(e.fieldErrors) : {}
      setReqErrors(reqs)
      if (e instanceof ApiError && e.fieldErrors.requirements) {
        form.setFields([{ name: 'requirements', errors: [t(`certadmin.req.error_${e.fieldErrors.requirements === 'required' ? 'required' : 'invalid'}`)] }])
      }
      const shown = applyFieldErrors(form, t, e) || Object.keys(reqs).length > 0
      setError(errorText(t, e))
      if (!shown) message.error(errorText(t, e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Drawer
      open
      width={phone ? '100%' : 820}
      title={cert ? t('certadmin.edit_title', { code: cert.code }) : t('certadmin.create')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={submit} disabled={conflict} data-testid="certification-save">
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
          action={
            <Button size="small" onClick={onReload} data-testid="certification-reload">
              {t('certadmin.reload')}
            </Button>
          }
          data-testid="certification-conflict"
        />
      )}
      {error && !conflict && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
      <Form<CertFormValues> form={form} layout="vertical" initialValues={formFrom(cert)} data-testid="certification-form">
        <Row gutter={16}>
          {!cert && (
            <>
              <Col xs={24} md={12}>
                <Form.Item
                  name="code"
                  label={t('certadmin.field.code')}
                  extra={t('certadmin.code_hint')}
                  normalize={(s: string) => s.toUpperCase()}
                  rules={[required, { pattern: CODE_PATTERN, message: t('certadmin.code_rule') }]}
                >
                  <Input maxLength={20} data-testid="certification-code" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="serial_prefix"
                  label={t('certadmin.field.serial_prefix')}
                  extra={t('certadmin.prefix_hint')}
                  normalize={(s: string) => s.toUpperCase()}
                  rules={[required, { pattern: PREFIX_PATTERN, message: t('certadmin.prefix_rule') }]}
                >
                  <Input maxLength={12} data-testid="certification-prefix" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="name_vi" label={t('certadmin.field.name_vi')} rules={[required, max(200)]}>
              <Input maxLength={200} data-testid="certification-name-vi" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name_en" label={t('certadmin.field.name_en')} rules={[max(200)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="target" label={t('certadmin.field.target')} extra={t('certadmin.target_hint')}>
              <Select allowClear placeholder={t('certadmin.target.none')} options={TARGETS.map((x) => ({ value: x, label: t(targetKey(x)) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="active" label={t('certadmin.field.active')} valuePropName="checked" extra={t('certadmin.active_hint')}>
              <Switch />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" plain>
          {t('certadmin.section.printing')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="authority" label={t('certadmin.field.authority')} rules={[max(200)]}>
              <Input maxLength={200} placeholder="UBND TỈNH HÀ TĨNH" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuer" label={t('certadmin.field.issuer')} rules={[required, max(200)]}>
              <Input maxLength={200} placeholder="SỞ NỘI VỤ" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuer_en" label={t('certadmin.field.issuer_en')} rules={[max(200)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="place" label={t('certadmin.field.place')} extra={t('certadmin.place_hint')} rules={[max(200)]}>
              <Input maxLength={200} placeholder="Hà Tĩnh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="signer_title" label={t('certadmin.field.signer_title')} rules={[max(200)]}>
              <Input maxLength={200} placeholder="GIÁM ĐỐC" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="signer_name" label={t('certadmin.field.signer_name')} rules={[max(200)]}>
              <Input maxLength={200} data-testid="certification-signer-name" />
            </Form.Item>
          </Col>
        </Row>
        {cert && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('certadmin.printing_note')} />}

        <Divider orientation="left" plain>
          {t('certadmin.section.validity')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="expires" label={t('certadmin.field.validity')}>
              <Radio.Group
                options={[
                  { value: 'never', label: t('cert.no_expiry') },
                  { value: 'months', label: t('certadmin.expires_after') },
                ]}
              />
            </Form.Item>
          </Col>
          {expires === 'months' && (
            <Col xs={24} md={12}>
              <Form.Item
                name="validity_months"
                label={t('certadmin.field.validity_months')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <InputNumber<number> min={1} max={600} precision={0} suffix={t('certadmin.months_unit')} style={{ width: 200 }} />
              </Form.Item>
            </Col>
          )}
          {expires === 'months' && (
            <>
              <Col xs={24} md={12}>
                <Form.Item name="renew_window_days" label={t('certadmin.field.renew_window_days')} extra={t('certadmin.renew_window_hint')}>
                  <InputNumber<number> min={0} max={3650} precision={0} suffix={t('certadmin.days_unit')} style={{ width: 200 }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="renew_requires" label={t('certadmin.field.renew_requires')}>
                  <Radio.Group
                    options={[
                      { value: 'quizzes', label: t('certadmin.renew_option.quizzes') },
                      { value: 'all', label: t('certadmin.renew_option.all') },
                    ]}
                  />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>

        <Divider orientation="left" plain>
          {t('certadmin.section.requirements')}
        </Divider>
        {fromFiles ? (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('certadmin.req.from_files')} data-testid="requirements-from-files" />
            <Requirements mode={cert.requirement_mode} rows={rowsFrom(cert.requirements)} />
          </>
        ) : (
          <>
            <Form.Item name="requirement_mode" label={t('certadmin.field.requirement_mode')}>
              <Radio.Group
                options={[
                  { value: 'all', label: t('certadmin.req.mode_all') },
                  { value: 'any', label: t('certadmin.req.mode_any') },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="requirements"
              rules={[
                {
                  validator: (_, v: unknown[] | undefined) =>
                    v && v.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('certadmin.req.error_required'))),
                },
              ]}
            >
              <RequirementsEditor errors={reqErrors} />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  )
}
