import type { ReactNode } from 'react'
import { Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Typography, theme } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { QuestionType } from '../../api/types'
import { weightChoices } from './editor'
import { weightText } from './questions'

/** WeightSelect picks a grade in percent, from 100% down to -100% (or 0%). */
function WeightSelect({ value, onChange, negative = true }: { value?: number; onChange?: (v: number) => void; negative?: boolean }) {
  const { t, i18n } = useTranslation()
  return (
    <Select<number>
      value={value}
      onChange={onChange}
      aria-label={t('bank.editor.weight')}
      style={{ width: 110 }}
      popupMatchSelectWidth={false}
      options={weightChoices(value, negative).map((w) => ({ value: w, label: weightText(w, i18n.language) }))}
      data-testid="answer-weight"
    />
  )
}

/** Row is one answer of a list: its fields, and a remove button. */
function Row({ children, onRemove }: { children: ReactNode; onRemove(): void }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  return (
    <div
      style={{ display: 'flex', gap: 8, alignItems: 'flex-start', padding: '8px 8px 0', border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius }}
      data-testid="answer-row"
    >
      <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
      <Button type="text" icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('bank.editor.remove')} title={t('bank.editor.remove')} />
    </div>
  )
}

const hint = (s: string) => (
  <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
    {s}
  </Typography.Text>
)

/** ChoiceList edits options (choice questions) or accepted answers (short answer): text, weight, feedback. */
function ChoiceList({ kind }: { kind: 'choice' | 'short' }) {
  const { t } = useTranslation()
  const add = kind === 'choice' ? t('bank.editor.add_option') : t('bank.editor.add_accepted')
  return (
    <Form.List name="choices">
      {(fields, { add: push, remove }) => (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          {fields.map((f, i) => (
            <Row key={f.key} onRemove={() => remove(f.name)}>
              <div style={{ display: 'flex', gap: 8 }}>
                <Form.Item name={[f.name, 'text']} style={{ flex: 1, marginBottom: 8 }}>
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 6 }}
                    placeholder={t('bank.editor.option', { n: i + 1 })}
                    aria-label={t('bank.editor.option', { n: i + 1 })}
                    data-testid="answer-text"
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'weight']} style={{ marginBottom: 8 }}>
                  <WeightSelect negative={kind === 'choice'} />
                </Form.Item>
              </div>
              <Form.Item name={[f.name, 'feedback']} style={{ marginBottom: 8 }}>
                <Input placeholder={t('bank.editor.feedback_placeholder')} aria-label={t('bank.editor.feedback')} data-testid="answer-feedback" />
              </Form.Item>
            </Row>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => push({ text: '', weight: 0, feedback: '' })} data-testid="answer-add">
            {add}
          </Button>
        </Space>
      )}
    </Form.List>
  )
}

function NumberList() {
  const { t, i18n } = useTranslation()
  const decimal = i18n.language === 'en' ? '.' : ','
  return (
    <Form.List name="numbers">
      {(fields, { add, remove }) => (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          {fields.map((f) => (
            <Row key={f.key} onRemove={() => remove(f.name)}>
              <Space wrap size={8} align="start">
                <Form.Item name={[f.name, 'value']} label={t('bank.editor.value')} style={{ marginBottom: 8 }}>
                  <InputNumber decimalSeparator={decimal} style={{ width: 140 }} data-testid="answer-value" />
                </Form.Item>
                <Form.Item name={[f.name, 'tolerance']} label="±" style={{ marginBottom: 8 }}>
                  <InputNumber min={0} decimalSeparator={decimal} style={{ width: 110 }} aria-label={t('bank.editor.tolerance')} />
                </Form.Item>
                <Form.Item name={[f.name, 'weight']} style={{ marginBottom: 8 }}>
                  <WeightSelect negative={false} />
                </Form.Item>
              </Space>
              <Form.Item name={[f.name, 'feedback']} style={{ marginBottom: 8 }}>
                <Input placeholder={t('bank.editor.feedback_placeholder')} />
              </Form.Item>
            </Row>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ value: null, tolerance: 0, weight: 100, feedback: '' })}>
            {t('bank.editor.add_number')}
          </Button>
          <Form.Item name="other" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t('bank.editor.other')}</Checkbox>
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.other !== b.other}>
            {({ getFieldValue }) =>
              getFieldValue('other') ? (
                <Form.Item name="other_feedback" style={{ marginBottom: 0 }}>
                  <Input placeholder={t('bank.editor.feedback')} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </Space>
      )}
    </Form.List>
  )
}

function PairList() {
  const { t } = useTranslation()
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      <Form.List name="pairs">
        {(fields, { add, remove }) => (
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            {fields.map((f) => (
              <Row key={f.key} onRemove={() => remove(f.name)}>
                <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                  <Form.Item name={[f.name, 'left']} style={{ flex: '1 1 180px', marginBottom: 8 }}>
                    <Input placeholder={t('bank.editor.left')} data-testid="pair-left" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'right']} style={{ flex: '1 1 180px', marginBottom: 8 }}>
                    <Input placeholder={t('bank.editor.right')} data-testid="pair-right" />
                  </Form.Item>
                </div>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ left: '', right: '' })}>
              {t('bank.editor.add_pair')}
            </Button>
          </Space>
        )}
      </Form.List>
      <Typography.Text strong>{t('bank.editor.distractors')}</Typography.Text>
      <Form.List name="distractors">
        {(fields, { add, remove }) => (
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            {fields.map((f) => (
              <Row key={f.key} onRemove={() => remove(f.name)}>
                <Form.Item name={f.name} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('bank.editor.right')} />
                </Form.Item>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add('')}>
              {t('bank.editor.add_distractor')}
            </Button>
          </Space>
        )}
      </Form.List>
    </Space>
  )
}

/** AnswerFields edits the answers of a question of the given type. */
export function AnswerFields({ type }: { type: QuestionType }) {
  const { t } = useTranslation()
  switch (type) {
    case 'single_choice':
    case 'multiple_choice':
      return (
        <>
          {hint(t(type === 'single_choice' ? 'bank.editor.hint_single' : 'bank.editor.hint_multiple'))}
          <ChoiceList kind="choice" />
        </>
      )
    case 'true_false':
      return (
        <>
          <Form.Item name="true_false" label={t('bank.editor.right_answer')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: t('bank.editor.true') },
                { value: false, label: t('bank.editor.false') },
              ]}
            />
          </Form.Item>
          <Form.Item name="feedback_true" label={t('bank.editor.feedback_true')}>
            <Input />
          </Form.Item>
          <Form.Item name="feedback_false" label={t('bank.editor.feedback_false')}>
            <Input />
          </Form.Item>
        </>
      )
    case 'short_answer':
      return (
        <>
          {hint(t('bank.editor.hint_short'))}
          <Form.Item name="case_sensitive" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('bank.editor.case_sensitive')}</Checkbox>
          </Form.Item>
          <ChoiceList kind="short" />
        </>
      )
    case 'numerical':
      return (
        <>
          {hint(t('bank.editor.hint_numerical'))}
          <NumberList />
        </>
      )
    case 'matching':
      return (
        <>
          {hint(t('bank.editor.hint_matching'))}
          <PairList />
        </>
      )
    case 'essay':
      return (
        <>
          {hint(t('bank.editor.hint_essay'))}
          <Form.Item name="grader_info" label={t('bank.editor.grader_info')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
        </>
      )
  }
  return hint(t('bank.editor.hint_description'))
}
