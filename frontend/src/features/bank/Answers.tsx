import type { ReactNode } from 'react'
import { Space, Table, Tag, Typography, theme } from 'antd'
import { CheckCircleFilled, CloseCircleOutlined, MinusCircleFilled, PieChartFilled } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { QuestionBody } from '../../api/types'
import { answerView, plainText, rangeText, weightText, type ChoiceRow, type Mark, type Pair } from './questions'

/** Rich shows a question text (or an answer, a feedback) of the given format as plain text with its line breaks. */
export function Rich({ text, format, testId }: { text: string; format: string; testId?: string }) {
  const { t } = useTranslation()
  const s = plainText(text, format, (name) => t('bank.detail.image', { name }))
  return (
    <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid={testId}>
      {s}
    </span>
  )
}

const markColors: Record<Mark, string> = { right: 'success', partial: 'gold', wrong: 'default', penalty: 'error' }

function MarkIcon({ mark }: { mark: Mark }) {
  const { token } = theme.useToken()
  const style = { fontSize: 16, marginTop: 3 }
  switch (mark) {
    case 'right':
      return <CheckCircleFilled style={{ ...style, color: token.colorSuccess }} />
    case 'partial':
      return <PieChartFilled style={{ ...style, color: token.colorWarning }} />
    case 'penalty':
      return <MinusCircleFilled style={{ ...style, color: token.colorError }} />
    default:
      return <CloseCircleOutlined style={{ ...style, color: token.colorTextQuaternary }} />
  }
}

/** AnswerLine is one answer: a mark, the answer, its weight and its feedback. */
function AnswerLine(props: { mark: Mark; correct: boolean; children: ReactNode; weight?: number; feedback?: string; format: string }) {
  const { t, i18n } = useTranslation()
  const { token } = theme.useToken()
  return (
    <div
      data-testid="answer"
      data-correct={props.correct ? 'true' : 'false'}
      style={{
        display: 'flex',
        gap: 10,
        padding: '8px 10px',
        borderRadius: token.borderRadius,
        border: `1px solid ${props.correct ? token.colorSuccessBorder : token.colorBorderSecondary}`,
        background: props.correct ? token.colorSuccessBg : undefined,
      }}
    >
      <MarkIcon mark={props.mark} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ display: 'flex', gap: 8, justifyContent: 'space-between', alignItems: 'flex-start' }}>
          <div style={{ minWidth: 0 }}>{props.children}</div>
          {props.weight !== undefined && (
            <Tag color={markColors[props.mark]} style={{ marginInlineEnd: 0, flex: 'none' }} title={t('bank.detail.weight')}>
              {weightText(props.weight, i18n.language)}
            </Tag>
          )}
        </div>
        {props.feedback ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2, fontSize: 13 }}>
            {t('bank.detail.feedback')}: <Rich text={props.feedback} format={props.format} />
          </Typography.Text>
        ) : null}
      </div>
    </div>
  )
}

function ChoiceList({ rows, format }: { rows: ChoiceRow[]; format: string }) {
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }}>
      {rows.map((r, i) => (
        <AnswerLine key={i} mark={r.mark} correct={r.correct} weight={r.weight} feedback={r.feedback} format={format}>
          <Rich text={r.text} format={format} />
        </AnswerLine>
      ))}
    </Space>
  )
}

/** Answers shows a question's answers the way its type has them. */
export function Answers({ body, type, format }: { body: QuestionBody; type: string; format: string }) {
  const { t, i18n } = useTranslation()
  const view = answerView(body, type)
  const hint = (s: string) => (
    <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
      {s}
    </Typography.Text>
  )
  switch (view.kind) {
    case 'choice':
      return (
        <div data-testid="answers">
          {hint(t(view.multiple ? 'bank.detail.hint_multiple' : 'bank.detail.hint_single'))}
          <ChoiceList rows={view.rows} format={format} />
        </div>
      )
    case 'true_false':
      return (
        <div data-testid="answers">
          {hint(t('bank.detail.hint_true_false', { answer: t(view.right ? 'bank.detail.true' : 'bank.detail.false') }))}
          <Space direction="vertical" size={6} style={{ width: '100%' }}>
            {[true, false].map((v) => (
              <AnswerLine
                key={String(v)}
                mark={v === view.right ? 'right' : 'wrong'}
                correct={v === view.right}
                feedback={v ? view.feedbackTrue : view.feedbackFalse}
                format={format}
              >
                {t(v ? 'bank.detail.true' : 'bank.detail.false')}
              </AnswerLine>
            ))}
          </Space>
        </div>
      )
    case 'short_answer':
      return (
        <div data-testid="answers">
          {hint(t(view.caseSensitive ? 'bank.detail.hint_short_case' : 'bank.detail.hint_short'))}
          <ChoiceList rows={view.rows} format="plain" />
        </div>
      )
    case 'numerical':
      return (
        <div data-testid="answers">
          {hint(t('bank.detail.hint_numerical'))}
          <Space direction="vertical" size={6} style={{ width: '100%' }}>
            {view.rows.map((r, i) => (
              <AnswerLine key={i} mark={r.mark} correct={r.weight > 0} weight={r.weight} feedback={r.feedback} format={format}>
                {r.any ? t('bank.detail.any_number') : <span data-testid="numeric-range">{rangeText(r.value, r.tolerance, i18n.language)}</span>}
              </AnswerLine>
            ))}
          </Space>
        </div>
      )
    case 'matching':
      return (
        <div data-testid="answers">
          {hint(t('bank.detail.hint_matching'))}
          <Table<Pair & { key: number }>
            size="small"
            bordered
            pagination={false}
            dataSource={view.pairs.map((p, i) => ({ ...p, key: i }))}
            data-testid="matching-pairs"
            columns={[
              { key: 'left', title: t('bank.detail.left'), render: (_, p) => <Rich text={p.left} format={format} /> },
              { key: 'right', title: t('bank.detail.right'), render: (_, p) => <Rich text={p.right} format={format} /> },
            ]}
          />
          {view.distractors.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('bank.detail.distractors')}: {view.distractors.join('; ')}
            </Typography.Paragraph>
          )}
        </div>
      )
    case 'essay':
      return (
        <div data-testid="answers">
          {hint(t('bank.detail.hint_essay'))}
          {view.graderInfo ? (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              <Typography.Text strong>{t('bank.detail.grader_info')}: </Typography.Text>
              <Rich text={view.graderInfo} format={format} />
            </Typography.Paragraph>
          ) : null}
        </div>
      )
    default:
      return <div data-testid="answers">{hint(t('bank.detail.hint_description'))}</div>
  }
}
