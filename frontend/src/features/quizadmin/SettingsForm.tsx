import { useRef } from 'react'
import { Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, type FormInstance } from 'antd'
import { useTranslation } from 'react-i18next'
import { GRADING_METHODS, REVIEW_ITEMS, type Module } from '../../api/types'
import { pick, slugify } from '../course/progress'
import { ATTEMPTS_MAX, closesBeforeOpening, DELAY_UNITS, QUIZ_SLUG_MAX, TIME_LIMIT_MAX, type QuizFormValues } from './settings'

const SLUG_RULE = /^[a-z0-9][a-z0-9-]*$/
const DATE_TIME = 'DD/MM/YYYY HH:mm'

interface Props {
  form: FormInstance<QuizFormValues>
  initial: QuizFormValues
  modules: Module[]
  /** a new quiz: the slug follows the title until typed */
  isNew: boolean
  readOnly: boolean
  onChange(): void
}

/** SettingsForm holds a quiz's settings; the question list is beside it. */
export function SettingsForm({ form, initial, modules, isNew, readOnly, onChange }: Props) {
  const { t, i18n } = useTranslation()
  const slugTouched = useRef(!isNew)
  const required = { required: true, whitespace: true, message: t('validation.required') }
  const max = (n: number) => ({ max: n, message: t('validation.max', { max: n }) })
  const half = { xs: 24, md: 12 }

  return (
    <Form<QuizFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={readOnly}
      data-testid="quiz-settings"
      onValuesChange={(changed: Partial<QuizFormValues>) => {
        if ('slug' in changed) slugTouched.current = true
        if ('title_vi' in changed && !slugTouched.current) form.setFieldValue('slug', slugify(changed.title_vi ?? '').slice(0, QUIZ_SLUG_MAX))
        onChange()
      }}
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="title_vi" label={t('quizadmin.field.title_vi')} rules={[required, max(200)]}>
            <Input maxLength={200} data-testid="quiz-title" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="title_en" label={t('quizadmin.field.title_en')} rules={[max(200)]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="slug"
            label={t('quizadmin.field.slug')}
            extra={t('quizadmin.slug_hint')}
            rules={[required, max(QUIZ_SLUG_MAX), { pattern: SLUG_RULE, message: t('authoring.slug_rule') }]}
          >
            <Input maxLength={QUIZ_SLUG_MAX} data-testid="quiz-slug" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="module_slug" label={t('quizadmin.field.module')}>
            <Select
              options={[
                { value: '', label: t('quizadmin.whole_course') },
                ...modules.map((m, i) => ({ value: m.slug, label: t('courses.module_n', { n: i + 1, title: pick(m.title_vi, m.title_en, i18n.language) }) })),
              ]}
              data-testid="quiz-module"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="intro_vi" label={t('quizadmin.field.intro_vi')} rules={[max(5000)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="intro_en" label={t('quizadmin.field.intro_en')} rules={[max(5000)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="published" label={t('quizadmin.field.published')} valuePropName="checked" extra={t('quizadmin.published_hint')}>
            <Switch data-testid="quiz-published" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="required" label={t('quizadmin.field.required')} valuePropName="checked" extra={t('quizadmin.required_hint')}>
            <Switch />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left" orientationMargin={0}>
        {t('quizadmin.section.timing')}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item label={t('quizadmin.field.time_limit')} required={false}>
            <Space wrap>
              <Form.Item name="timed" valuePropName="checked" noStyle>
                <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} aria-label={t('quizadmin.field.time_limit')} data-testid="quiz-timed" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.timed !== b.timed}>
                {({ getFieldValue }) =>
                  getFieldValue('timed') ? (
                    <Form.Item
                      name="time_limit_minutes"
                      noStyle
                      rules={[{ required: true, message: t('quizadmin.time_limit_required') }]}
                    >
                      <InputNumber
                        min={1}
                        max={TIME_LIMIT_MAX}
                        precision={0}
                        suffix={t('quizadmin.minutes')}
                        style={{ width: 150 }}
                        aria-label={t('quizadmin.field.time_limit')}
                        data-testid="quiz-time-limit"
                      />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
            </Space>
          </Form.Item>
        </Col>
        <Col {...half} />
        <Col {...half}>
          <Form.Item name="open_at" label={t('quizadmin.field.open_at')} extra={t('quizadmin.vn_time')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME} placeholder={t('quizadmin.date_time_placeholder')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="close_at"
            label={t('quizadmin.field.close_at')}
            dependencies={['open_at']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  closesBeforeOpening(getFieldValue('open_at'), v) ? Promise.reject(new Error(t('quizadmin.close_before_open'))) : Promise.resolve(),
              }),
            ]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME} placeholder={t('quizadmin.date_time_placeholder')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left" orientationMargin={0}>
        {t('quizadmin.section.attempts')}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="attempts_allowed" label={t('quizadmin.field.attempts_allowed')} extra={t('quizadmin.attempts_hint')}>
            <InputNumber min={0} max={ATTEMPTS_MAX} precision={0} style={{ width: 150 }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label={t('quizadmin.field.attempt_delay')}>
            <Space.Compact>
              <Form.Item name="attempt_delay" noStyle>
                <InputNumber min={0} max={525600} style={{ width: 120 }} aria-label={t('quizadmin.field.attempt_delay')} />
              </Form.Item>
              <Form.Item name="attempt_delay_unit" noStyle>
                <Select style={{ width: 110 }} options={DELAY_UNITS.map((u) => ({ value: u, label: t(`quizadmin.unit.${u}`) }))} />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="grading_method" label={t('quizadmin.field.grading_method')}>
            <Select options={GRADING_METHODS.map((g) => ({ value: g, label: t(`quizadmin.grading_method.${g}`) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="pass_percent"
            label={t('quizadmin.field.pass_percent')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <InputNumber min={0} max={100} suffix="%" style={{ width: 150 }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="navigation" label={t('quizadmin.field.navigation')}>
            <Radio.Group>
              <Radio value="free">{t('quizadmin.navigation.free')}</Radio>
              <Radio value="sequential">{t('quizadmin.navigation.sequential')}</Radio>
            </Radio.Group>
          </Form.Item>
        </Col>
        <Col {...half}>
          <Space size="large" wrap>
            <Form.Item name="shuffle_questions" label={t('quizadmin.field.shuffle_questions')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="shuffle_answers" label={t('quizadmin.field.shuffle_answers')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Col>
      </Row>

      <Divider orientation="left" orientationMargin={0}>
        {t('quizadmin.section.review')}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="review_attempt" label={t('quizadmin.field.review_attempt')}>
            <Checkbox.Group options={REVIEW_ITEMS.map((r) => ({ value: r, label: t(`quizadmin.review.${r}`) }))} style={{ display: 'grid', gap: 4 }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="review_closed" label={t('quizadmin.field.review_closed')}>
            <Checkbox.Group options={REVIEW_ITEMS.map((r) => ({ value: r, label: t(`quizadmin.review.${r}`) }))} style={{ display: 'grid', gap: 4 }} />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  )
}
