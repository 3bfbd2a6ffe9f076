import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react'
import { useNavigate, useParams } from 'react-router'
import { Alert, App, Button, Card, Col, Grid, Row, Skeleton, Space, Spin, Typography, theme } from 'antd'
import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  DisconnectOutlined,
  FlagFilled,
  FlagOutlined,
  LoadingOutlined,
  SendOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { getAttempt, getAttemptQuestion, saveAnswers, submitAttempt } from '../../api/client'
import type { Attempt, AttemptQuestion, QuizResponse } from '../../api/types'
import { errorText } from '../../app/errors'
import { pick } from '../course/progress'
import { retryDelay } from './autosave'
import {
  canGo,
  canNext,
  forget,
  loadFlags,
  loadPage,
  numberList,
  saveKey,
  sessionStore,
  storeFlags,
  storePage,
  submitKey,
  unanswered,
} from './attempt'
import { anchor, dueWarning, formatRemaining, remaining, type ClockAnchor } from './clock'
import { formatMark } from './format'
import { quizErrorText } from './labels'
import { NavPanel } from './NavPanel'
import { QuestionView } from './QuestionView'
import { isAnswered } from './response'
import { isFinished, Saver, type SaveStatus } from './saver'
import './quiz.css'

const reviewPath = (id: number) => `/attempts/${id}/review`

/** AttemptPage loads an attempt in progress (a finished one goes to its review) and runs it. */
export default function AttemptPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const id = Number(useParams().id)
  const [loaded, setLoaded] = useState<{ attempt: Attempt; clock: ClockAnchor } | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    let live = true
    setLoaded(null)
    const sent = performance.now()
    getAttempt(id).then(
      (a) => {
        if (!live) return
        if (a.state !== 'in_progress') {
          forget(id)
          navigate(reviewPath(id), { replace: true })
          return
        }
        // Without a readable server_time the browser clock is all there is.
        const clock = anchor(a.server_time, sent, performance.now()) ?? { server: Date.now(), mono: performance.now() }
        setLoaded({ attempt: a, clock })
      },
      (e) => live && setError(e),
    )
    return () => {
      live = false
    }
  }, [id, navigate])

  if (error) return <Alert type="error" showIcon message={errorText(t, error)} />
  if (!loaded) return <Skeleton active />
  return <AttemptRunner key={id} attempt={loaded.attempt} clock={loaded.clock} />
}

function AttemptRunner({ attempt: a, clock }: { attempt: Attempt; clock: ClockAnchor }) {
  const { t, i18n } = useTranslation()
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const { token } = theme.useToken()
  const mobile = Grid.useBreakpoint().md === false
  const id = a.id
  const sequential = a.navigation === 'sequential'
  const lang = i18n.language

  const clockRef = useRef(clock)
  const [deadline, setDeadline] = useState(a.deadline)
  const [furthest, setFurthest] = useState(a.furthest)
  const [questions, setQuestions] = useState<Record<number, AttemptQuestion>>(() =>
    Object.fromEntries(a.questions.map((q) => [q.slot, q])),
  )
  const [questionError, setQuestionError] = useState<unknown>(null)
  const [current, setCurrent] = useState(() => {
    if (sequential) return Math.min(a.furthest, a.slot_count - 1)
    const p = loadPage(id)
    return p !== null && p >= 0 && p < a.slot_count ? p : 0
  })
  const [flags, setFlags] = useState(() => new Set(loadFlags(id)))
  const [moving, setMoving] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const over = useRef(false)
  const submitFailures = useRef(0)

  // What happens when the attempt turns out to be over, wherever that is noticed.
  const toResult = useRef<() => void>(() => undefined)
  toResult.current = () => {
    if (over.current) return
    over.current = true
    saverRef.current?.finish()
    forget(id)
    navigate(reviewPath(id), { replace: true })
  }

  const [saveStatus, setSaveStatus] = useState<SaveStatus>('saved')
  const [saveError, setSaveError] = useState<unknown>(null)
  const saverRef = useRef<Saver | null>(null)
  if (!saverRef.current) {
    saverRef.current = new Saver({
      send: (req, keepalive) => saveAnswers(id, req, keepalive),
      storage: sessionStore(),
      storageKey: saveKey(id),
      serverSeq: a.save_seq,
      onStatus: (s, e) => {
        setSaveStatus(s)
        setSaveError(e ?? null)
      },
      onResult: (r, sent, received) => {
        const c = anchor(r.server_time, sent, received)
        if (c) clockRef.current = c
        setDeadline(r.deadline)
        setFurthest((f) => Math.max(f, r.furthest))
      },
      onFinished: () => toResult.current(),
    })
  }
  const saver = saverRef.current

  // The responses on screen: the server's, under the answers not saved yet (kept over a reload).
  const [responses, setResponses] = useState<Record<number, QuizResponse | null>>(() => {
    const out: Record<number, QuizResponse | null> = {}
    for (const q of a.questions) out[q.slot] = q.response
    return { ...out, ...saver.pendingResponses() }
  })

  useEffect(() => {
    setSaveStatus(saver.current)
    saver.start()
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') saver.leave()
    }
    const onPageHide = () => saver.leave()
    document.addEventListener('visibilitychange', onVisibility)
    window.addEventListener('pagehide', onPageHide)
    return () => {
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('pagehide', onPageHide)
      saver.leave()
      saver.stop()
    }
  }, [saver])

  // A question not in the attempt's first answer (reached later) is fetched when shown.
  useEffect(() => {
    if (questions[current]) return
    let live = true
    setQuestionError(null)
    getAttemptQuestion(id, current).then(
      (q) => {
        if (!live) return
        setQuestions((qs) => ({ ...qs, [q.slot]: q }))
        setResponses((rs) => (rs[q.slot] === undefined ? { ...rs, [q.slot]: q.response } : rs))
      },
      (e) => {
        if (!live) return
        if (isFinished(e)) toResult.current()
        else setQuestionError(e)
      },
    )
    return () => {
      live = false
    }
  }, [id, current, questions])

  const answered = (slot: number) => {
    const q = questions[slot]
    return !!q && q.type !== 'description' && isAnswered(q.type, responses[slot])
  }

  const change = (slot: number, r: QuizResponse) => {
    setResponses((rs) => ({ ...rs, [slot]: r }))
    saver.change(slot, r)
  }

  const show = (slot: number) => {
    setCurrent(slot)
    storePage(id, slot)
    window.scrollTo({ top: 0 })
  }

  const go = async (slot: number) => {
    const next = slot === current + 1 && canNext(current, a.slot_count)
    if (moving || !(next || canGo(slot, current, furthest, a.slot_count, a.navigation))) return
    if (!sequential) {
      // Changing page saves at once; the page does not wait for it.
      saver.flush().catch(() => undefined)
      show(slot)
      return
    }
    // Sequential: the answers and the move go in one save, and the page moves only once the server has it.
    setMoving(true)
    try {
      const r = await saver.flush(slot)
      if (r) {
        setFurthest((f) => Math.max(f, r.furthest, slot))
        show(slot)
      }
    } catch (e) {
      if (!isFinished(e)) message.error(quizErrorText(t, e))
    } finally {
      setMoving(false)
    }
  }

  const toggleFlag = (slot: number) => {
    setFlags((f) => {
      const next = new Set(f)
      if (next.has(slot)) next.delete(slot)
      else next.add(slot)
      storeFlags(id, [...next])
      return next
    })
  }

  const submit = useRef<(auto: boolean) => Promise<void>>(async () => undefined)
  submit.current = async (auto: boolean) => {
    if (over.current || submitting) return
    setSubmitting(true)
    saver.stop()
    const body = saver.takeForSubmit()
    try {
      await submitAttempt(id, submitKey(id), { seq: body.seq, answers: body.answers })
      toResult.current()
    } catch (e) {
      if (isFinished(e)) {
        toResult.current()
        return
      }
      setSubmitting(false)
      saver.reopen()
      submitFailures.current++
      message.error(`${t('quiz.take.submit_failed')} ${quizErrorText(t, e)}`)
      // Time is up: keep trying (with the same key) until the server has it.
      if (auto) setTimeout(() => void submit.current(true), retryDelay(submitFailures.current))
    }
  }

  const confirmSubmit = () => {
    const missing = unanswered(a.slot_count, questions, responses)
    modal.confirm({
      title: t('quiz.take.submit_title'),
      content:
        missing.length === 0 ? (
          t('quiz.take.submit_all_answered')
        ) : (
          <div data-testid="submit-unanswered">
            <p>{t('quiz.take.submit_unanswered', { list: numberList(missing) })}</p>
            <p style={{ marginBottom: 0 }}>{t('quiz.take.submit_unanswered_hint')}</p>
          </div>
        ),
      okText: t('quiz.take.submit'),
      cancelText: t('common.cancel'),
      onOk: () => submit.current(false),
    })
  }

  const onTimeUp = () => {
    message.warning(t('quiz.take.time_up'))
    void submit.current(true)
  }

  const q = questions[current]
  const isLast = current === a.slot_count - 1
  const title = pick(a.quiz_title_vi, a.quiz_title_en, lang)

  const header = (
    <Card
      size="small"
      style={{ position: 'sticky', top: mobile ? 56 : 0, zIndex: 5, boxShadow: token.boxShadowTertiary }}
      styles={{ body: { padding: mobile ? '8px 12px' : '12px 16px' } }}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '8px 16px' }}>
        <div style={{ flex: '1 1 240px', minWidth: 0 }}>
          <Typography.Text strong ellipsis style={{ display: 'block', fontSize: 16 }} data-testid="attempt-title">
            {title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('quiz.take.attempt_n', { n: a.number })}
          </Typography.Text>
        </div>
        {deadline && <Countdown deadline={deadline} clockRef={clockRef} onZero={onTimeUp} />}
        <SaveIndicator status={saveStatus} error={saveError} />
        <Button type="primary" icon={<SendOutlined />} loading={submitting} onClick={confirmSubmit} data-testid="submit-attempt">
          {t('quiz.take.submit')}
        </Button>
      </div>
    </Card>
  )

  const footer = (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', marginTop: 20 }}>
      {sequential ? (
        <span />
      ) : (
        <Button icon={<ArrowLeftOutlined />} disabled={current === 0} onClick={() => void go(current - 1)} data-testid="prev-question">
          {t('quiz.take.previous')}
        </Button>
      )}
      {isLast ? (
        <Button type="primary" icon={<SendOutlined />} loading={submitting} onClick={confirmSubmit}>
          {t('quiz.take.submit')}
        </Button>
      ) : (
        <Button type="primary" loading={moving} onClick={() => void go(current + 1)} data-testid="next-question">
          {t('quiz.take.next')} <ArrowRightOutlined />
        </Button>
      )}
    </div>
  )

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 1200 }} data-testid="attempt-page">
      {header}
      {sequential && <Alert type="info" showIcon message={t('quiz.take.sequential_note')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={17}>
          <Card
            title={
              <span data-testid="question-number">{t('quiz.take.question_of', { n: current + 1, total: a.slot_count })}</span>
            }
            extra={
              q && q.type !== 'description' ? (
                <Space size={8}>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t('quiz.take.mark', { count: q.mark, mark: formatMark(q.mark, lang) })}
                  </Typography.Text>
                  <Button
                    size="small"
                    type={flags.has(current) ? 'primary' : 'default'}
                    danger={flags.has(current)}
                    icon={flags.has(current) ? <FlagFilled /> : <FlagOutlined />}
                    onClick={() => toggleFlag(current)}
                    aria-pressed={flags.has(current)}
                    data-testid="flag-question"
                  >
                    {mobile ? null : t(flags.has(current) ? 'quiz.take.unflag' : 'quiz.take.flag')}
                  </Button>
                </Space>
              ) : null
            }
          >
            {questionError ? (
              <Alert type="error" showIcon message={quizErrorText(t, questionError)} />
            ) : !q ? (
              <div style={{ padding: 32, textAlign: 'center' }}>
                <Spin />
              </div>
            ) : (
              <QuestionView
                key={current}
                question={q}
                response={responses[current] ?? null}
                onChange={(r) => change(current, r)}
                disabled={submitting}
              />
            )}
            {footer}
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <Card title={t('quiz.take.questions')} size="small">
            <NavPanel
              slotCount={a.slot_count}
              current={current}
              furthest={furthest}
              sequential={sequential}
              answered={answered}
              flagged={(s) => flags.has(s)}
              enabled={(s) => !moving && canGo(s, current, furthest, a.slot_count, a.navigation)}
              onGo={(s) => void go(s)}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  )
}

/** Countdown shows the time left by the server's clock, warns at 5 and 1 minutes and calls onZero once at the end. */
function Countdown({
  deadline,
  clockRef,
  onZero,
}: {
  deadline: string
  clockRef: MutableRefObject<ClockAnchor>
  onZero: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { token } = theme.useToken()
  const left = useCallback(() => remaining(deadline, clockRef.current, performance.now()) ?? 0, [deadline, clockRef])
  const [ms, setMs] = useState(left)
  const given = useRef<number[]>([])
  const zero = useRef(false)
  const onZeroRef = useRef(onZero)
  onZeroRef.current = onZero

  useEffect(() => {
    const tick = () => {
      const m = left()
      setMs(m)
      const w = dueWarning(m, given.current)
      given.current = w.given
      if (w.warn !== null && m > 0) message.warning({ content: t(`quiz.take.warn_${w.warn}`), duration: 8 })
      if (m <= 0 && !zero.current) {
        zero.current = true
        onZeroRef.current()
      }
    }
    tick()
    const h = setInterval(tick, 500)
    return () => clearInterval(h)
  }, [left, message, t])

  const urgent = ms <= 5 * 60_000
  return (
    <Space size={6} data-testid="countdown" aria-label={t('quiz.take.time_left')}>
      <ClockCircleOutlined style={{ color: urgent ? token.colorError : token.colorTextSecondary }} />
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('quiz.take.time_left')}
      </Typography.Text>
      <Typography.Text
        strong
        role="timer"
        style={{ fontSize: 18, fontVariantNumeric: 'tabular-nums', color: urgent ? token.colorError : undefined }}
        data-testid="time-left"
      >
        {formatRemaining(ms)}
      </Typography.Text>
    </Space>
  )
}

/** SaveIndicator says honestly where the answers are: saved, on their way, or waiting for the connection. */
function SaveIndicator({ status, error }: { status: SaveStatus; error: unknown }) {
  const { t } = useTranslation()
  const content = (() => {
    switch (status) {
      case 'saved':
        return (
          <Typography.Text type="success">
            <CheckCircleOutlined /> {t('quiz.take.saved')}
          </Typography.Text>
        )
      case 'saving':
        return (
          <Typography.Text type="secondary">
            <LoadingOutlined /> {t('quiz.take.saving')}
          </Typography.Text>
        )
      case 'offline':
        return (
          <Typography.Text type="warning">
            <DisconnectOutlined /> {t('quiz.take.offline')}
          </Typography.Text>
        )
      default:
        return (
          <Typography.Text type="danger">
            <WarningOutlined /> {t('quiz.take.save_failed', { reason: quizErrorText(t, error) })}
          </Typography.Text>
        )
    }
  })()
  return (
    <span role="status" aria-live="polite" data-testid="save-status" data-status={status} style={{ fontSize: 13 }}>
      {content}
    </span>
  )
}
