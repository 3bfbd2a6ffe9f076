import { useId, type ReactNode } from 'react'
import { Alert, Checkbox, Input, Radio, Select, Space, Tag, Typography, theme } from 'antd'
import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  MinusCircleOutlined,
  PieChartFilled,
} from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { AttemptQuestion, QuestionState, QuizResponse, ReviewQuestion } from '../../api/types'
import { formatMark } from './format'
import { parseNumber, setPair, toggleChoice } from './response'
import './quiz.css'

export interface QuestionViewProps {
  question: AttemptQuestion
  response: QuizResponse | null
  onChange?: (r: QuizResponse) => void
  disabled?: boolean
  /** review mode: what the server shows of the graded answer (controls are read-only) */
  review?: ReviewQuestion
}

/** Html shows a text the server has already made safe (rendered and sanitised). */
export function Html({ html, inline, id, testId }: { html: string; inline?: boolean; id?: string; testId?: string }) {
  return inline ? (
    <span className="quiz-inline" id={id} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />
  ) : (
    <div className="quiz-html" id={id} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />
  )
}

const stateColors: Record<QuestionState, string> = {
  correct: 'success',
  partial: 'warning',
  wrong: 'error',
  unanswered: 'default',
  pending: 'processing',
}

/** StateIcon is the review mark of a question or of one of its answers. */
export function StateIcon({ state }: { state: QuestionState }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const label = t(`quiz.state.${state}`)
  switch (state) {
    case 'correct':
      return <CheckCircleFilled style={{ color: token.colorSuccess }} aria-label={label} />
    case 'partial':
      return <PieChartFilled style={{ color: token.colorWarning }} aria-label={label} />
    case 'wrong':
      return <CloseCircleFilled style={{ color: token.colorError }} aria-label={label} />
    case 'pending':
      return <ClockCircleOutlined style={{ color: token.colorInfo }} aria-label={label} />
    default:
      return <MinusCircleOutlined style={{ color: token.colorTextQuaternary }} aria-label={label} />
  }
}

/** Mark is the tick or cross beside one answer in review mode (nothing when unknown). */
function Mark({ right }: { right: boolean | undefined }) {
  if (right === undefined) return <span style={{ width: 14, flex: 'none' }} />
  return (
    <span style={{ flex: 'none', marginTop: 4 }}>
      <StateIcon state={right ? 'correct' : 'wrong'} />
    </span>
  )
}

/** optionClass colours an option in review mode: green when it is a right answer, red when chosen and wrong. */
function optionClass(isRight: boolean | undefined, chosen: boolean): string {
  if (isRight === true) return 'quiz-option quiz-option-right'
  if (isRight === false && chosen) return 'quiz-option quiz-option-wrong'
  return 'quiz-option'
}

/** markFor: a tick beside a right answer, a cross beside a wrong one chosen, nothing beside the rest. */
function markFor(isRight: boolean | undefined, chosen: boolean): boolean | undefined {
  if (isRight === true) return true
  return isRight === false && chosen ? false : undefined
}

/**
 * QuestionView renders one question of any type with the learner's response:
 * for answering (onChange), read-only (disabled), or in review mode with the
 * marks, feedback and right answers the review options allow. The question
 * editor's preview uses it too, so its props stay as they are.
 */
export function QuestionView({ question: q, response, onChange, disabled, review }: QuestionViewProps) {
  const { t, i18n } = useTranslation()
  const textId = useId()
  const readOnly = disabled || !!review || !onChange
  const r = response ?? {}
  const right = review?.right
  const change = (next: QuizResponse) => {
    if (!readOnly) onChange?.(next)
  }

  let body: ReactNode = null
  switch (q.type) {
    case 'single_choice':
    case 'multiple_choice': {
      const multiple = q.type === 'multiple_choice' || !!q.multiple
      const rightSet = right ? new Set(multiple ? (right.choices ?? []) : right.choice !== undefined ? [right.choice] : []) : null
      const chosenSet = new Set(multiple ? (r.choices ?? []) : r.choice !== undefined ? [r.choice] : [])
      // Without the right answers, a single choice still gets the question's mark beside the option chosen.
      const singleState = !multiple && review?.state && (review.state === 'correct' || review.state === 'wrong')
      const rows = (q.options ?? []).map((html, i) => {
        const chosen = chosenSet.has(i)
        const isRight = rightSet ? rightSet.has(i) : singleState && chosen ? review?.state === 'correct' : undefined
        const label = <Html html={html} inline />
        return (
          <div key={i} className={review ? optionClass(isRight, chosen) : 'quiz-option'} data-testid={`option-${i}`}>
            {multiple ? (
              <Checkbox
                checked={chosen}
                disabled={readOnly}
                onChange={(e) => change({ choices: toggleChoice(r.choices, i, e.target.checked) })}
              >
                {label}
              </Checkbox>
            ) : (
              <Radio value={i} disabled={readOnly}>
                {label}
              </Radio>
            )}
            {review && <Mark right={markFor(isRight, chosen)} />}
          </div>
        )
      })
      body = (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {t(multiple ? 'quiz.question.hint_multiple' : 'quiz.question.hint_single')}
          </Typography.Text>
          {multiple ? (
            <Space direction="vertical" size={6} style={{ width: '100%' }} role="group" aria-labelledby={textId}>
              {rows}
            </Space>
          ) : (
            <Radio.Group
              value={r.choice ?? null}
              onChange={(e) => change({ choice: e.target.value as number })}
              style={{ width: '100%' }}
              aria-labelledby={textId}
            >
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                {rows}
              </Space>
            </Radio.Group>
          )}
        </>
      )
      break
    }
    case 'true_false': {
      const rows = [true, false].map((v) => {
        const chosen = r.value === v
        const isRight = right && typeof right.value === 'boolean' ? right.value === v : undefined
        return (
          <div key={String(v)} className={review ? optionClass(isRight, chosen) : 'quiz-option'} data-testid={`option-${v}`}>
            <Radio value={v} disabled={readOnly}>
              {t(v ? 'quiz.question.true' : 'quiz.question.false')}
            </Radio>
            {review && <Mark right={markFor(isRight, chosen)} />}
          </div>
        )
      })
      body = (
        <Radio.Group
          value={r.value ?? null}
          onChange={(e) => change({ value: e.target.value as boolean })}
          style={{ width: '100%' }}
          aria-labelledby={textId}
        >
          <Space direction="vertical" size={6} style={{ width: '100%' }}>
            {rows}
          </Space>
        </Radio.Group>
      )
      break
    }
    case 'short_answer':
    case 'numerical': {
      const numerical = q.type === 'numerical'
      const text = r.text ?? ''
      const notNumber = numerical && text.trim() !== '' && parseNumber(text) === null
      body = (
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Input
            value={text}
            disabled={readOnly}
            onChange={(e) => change({ text: e.target.value })}
            inputMode={numerical ? 'decimal' : undefined}
            placeholder={t(numerical ? 'quiz.question.number_placeholder' : q.blank ? 'quiz.question.blank_placeholder' : 'quiz.question.text_placeholder')}
            aria-labelledby={textId}
            status={notNumber ? 'warning' : review?.state === 'wrong' ? 'error' : undefined}
            style={{ maxWidth: numerical ? 240 : 480 }}
            maxLength={numerical ? 64 : 500}
            data-testid="answer-input"
          />
          {numerical && !review && (
            <Typography.Text type={notNumber ? 'warning' : 'secondary'} style={{ fontSize: 13 }}>
              {t(notNumber ? 'quiz.question.not_a_number' : 'quiz.question.number_hint')}
            </Typography.Text>
          )}
        </Space>
      )
      break
    }
    case 'matching': {
      const lefts = q.lefts ?? []
      const options = (q.rights ?? []).map((html, i) => ({ value: i, label: <Html html={html} inline /> }))
      body = (
        <div role="group" aria-labelledby={textId}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
            {t('quiz.question.hint_matching')}
          </Typography.Text>
          {lefts.map((html, i) => {
            const chosen = r.pairs?.[String(i)]
            const want = right?.pairs?.[String(i)]
            const isRight = want === undefined ? undefined : chosen === want
            return (
              <div key={i} className="quiz-match-row" data-testid={`match-${i}`}>
                <Html html={html} inline />
                <Select
                  value={chosen}
                  options={options}
                  disabled={readOnly}
                  allowClear
                  placeholder={t('quiz.question.choose')}
                  onChange={(v: number | undefined) => change({ pairs: setPair(r.pairs, i, v) })}
                  status={review && isRight === false ? 'error' : undefined}
                  style={{ width: '100%' }}
                  aria-label={t('quiz.question.match_for', { n: i + 1 })}
                />
                {review ? <Mark right={isRight} /> : <span />}
                {review && isRight === false && want !== undefined && (
                  <Typography.Text type="success" style={{ gridColumn: '1 / -1', fontSize: 13 }}>
                    {t('quiz.review.right_answer')}: <Html html={q.rights?.[want] ?? ''} inline />
                  </Typography.Text>
                )}
              </div>
            )
          })}
        </div>
      )
      break
    }
    case 'essay':
      body = (
        <Input.TextArea
          value={r.text ?? ''}
          disabled={readOnly}
          onChange={(e) => change({ text: e.target.value })}
          autoSize={{ minRows: 6, maxRows: 20 }}
          maxLength={20000}
          showCount={!readOnly}
          placeholder={t('quiz.question.essay_placeholder')}
          aria-labelledby={textId}
          data-testid="answer-input"
        />
      )
      break
    case 'description':
      body = null
      break
  }

  return (
    <div className={review ? 'quiz-review' : undefined} data-testid="question-view" data-type={q.type} data-state={review?.state}>
      {review && review.state && q.type !== 'description' && (
        <Space size={8} wrap style={{ marginBottom: 8 }}>
          <Tag color={stateColors[review.state]} icon={<StateIcon state={review.state} />} data-testid="question-state">
            {' '}
            {t(`quiz.state.${review.state}`)}
          </Tag>
        </Space>
      )}
      {review && review.awarded !== undefined && q.type !== 'description' && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }} data-testid="question-marks">
          {review.awarded === null
            ? t('quiz.review.not_graded', { mark: formatMark(q.mark, i18n.language) })
            : t('quiz.review.marks', { awarded: formatMark(review.awarded, i18n.language), mark: formatMark(q.mark, i18n.language) })}
        </Typography.Text>
      )}
      <div style={{ marginBottom: body ? 12 : 0 }}>
        <Html html={q.text} id={textId} testId="question-text" />
      </div>
      {body}
      {review && (
        <ReviewNotes review={review} />
      )}
    </div>
  )
}

/** ReviewNotes: the right answer of a typed question, the feedback, the general feedback and a trainer's comment. */
function ReviewNotes({ review }: { review: ReviewQuestion }) {
  const { t } = useTranslation()
  const typed = review.type === 'short_answer' || review.type === 'numerical'
  const notes: ReactNode[] = []
  if (typed && review.right_text) {
    notes.push(
      <Typography.Text key="right" data-testid="right-answer">
        {t('quiz.review.right_answer')}: <Typography.Text strong>{review.right_text}</Typography.Text>
      </Typography.Text>,
    )
  }
  if (review.feedback) {
    notes.push(
      <Alert
        key="feedback"
        type="info"
        message={t('quiz.review.feedback')}
        description={<Html html={review.feedback} />}
        data-testid="feedback"
      />,
    )
  }
  if (review.general_feedback) {
    notes.push(
      <Alert
        key="general"
        type="success"
        message={t('quiz.review.general_feedback')}
        description={<Html html={review.general_feedback} />}
        data-testid="general-feedback"
      />,
    )
  }
  if (review.comment) {
    notes.push(
      <Alert
        key="comment"
        type="warning"
        message={t('quiz.review.comment')}
        description={<span style={{ whiteSpace: 'pre-wrap' }}>{review.comment}</span>}
        data-testid="grader-comment"
      />,
    )
  }
  if (review.type === 'essay' && review.state === 'pending') {
    notes.push(<Alert key="pending" type="info" showIcon message={t('quiz.review.essay_pending')} />)
  }
  if (notes.length === 0) return null
  return (
    <Space direction="vertical" size={8} style={{ width: '100%', marginTop: 12 }}>
      {notes}
    </Space>
  )
}
