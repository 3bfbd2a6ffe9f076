import { Button, Space, Tooltip, Typography, theme } from 'antd'
import { FlagFilled } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { navState, type NavState } from './attempt'

export interface NavPanelProps {
  slotCount: number
  current: number
  furthest: number
  sequential: boolean
  answered: (slot: number) => boolean
  flagged: (slot: number) => boolean
  /** whether the learner may open slot now */
  enabled: (slot: number) => boolean
  onGo: (slot: number) => void
}

/** NavPanel is the attempt's numbered buttons: answered, not answered, current, flagged, and (sequential) not reachable. */
export function NavPanel(p: NavPanelProps) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const styleOf = (s: NavState): React.CSSProperties => {
    switch (s) {
      case 'answered':
        return { background: token.colorPrimaryBg, borderColor: token.colorPrimaryBorder, color: token.colorPrimaryText }
      case 'unanswered':
        return { borderStyle: 'dashed' }
      default:
        return {}
    }
  }
  const label = (slot: number, s: NavState) =>
    [
      t('quiz.take.question_n', { n: slot + 1 }),
      s === 'current' ? t('quiz.take.current') : null,
      p.answered(slot) ? t('quiz.take.answered') : t('quiz.take.not_answered'),
      p.flagged(slot) ? t('quiz.take.flagged') : null,
      s === 'locked' && slot > p.furthest ? t('quiz.take.not_reached') : null,
    ]
      .filter(Boolean)
      .join(', ')
  const buttons = Array.from({ length: p.slotCount }, (_, slot) => {
    const s = navState(slot, p.current, p.furthest, p.sequential ? 'sequential' : 'free', p.answered(slot))
    return (
      <Tooltip key={slot} title={label(slot, s)} mouseEnterDelay={0.4}>
        <Button
          type={s === 'current' ? 'primary' : 'default'}
          disabled={s !== 'current' && !p.enabled(slot)}
          style={styleOf(s)}
          onClick={() => s !== 'current' && p.onGo(slot)}
          aria-label={label(slot, s)}
          aria-current={s === 'current' ? 'step' : undefined}
          data-testid={`nav-${slot + 1}`}
          data-state={s}
          data-answered={p.answered(slot) ? 'true' : 'false'}
        >
          {slot + 1}
          {p.flagged(slot) && <FlagFilled className="quiz-nav-flag" aria-hidden />}
        </Button>
      </Tooltip>
    )
  })
  const sample = (style: React.CSSProperties, text: string, extra?: React.ReactNode) => (
    <Space size={6}>
      <span
        style={{ display: 'inline-block', width: 14, height: 14, border: `1px solid ${token.colorBorder}`, borderRadius: 3, ...style }}
        aria-hidden
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {text}
      </Typography.Text>
      {extra}
    </Space>
  )
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <nav className="quiz-nav" aria-label={t('quiz.take.questions')} data-testid="quiz-nav">
        {buttons}
      </nav>
      <Space size={[12, 4]} wrap>
        {sample({ background: token.colorPrimaryBg, borderColor: token.colorPrimaryBorder }, t('quiz.take.answered'))}
        {sample({ borderStyle: 'dashed' }, t('quiz.take.not_answered'))}
        {sample({ background: token.colorPrimary, borderColor: token.colorPrimary }, t('quiz.take.current'))}
        <Space size={6}>
          <FlagFilled style={{ color: '#d4380d', fontSize: 12 }} aria-hidden />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('quiz.take.flagged')}
          </Typography.Text>
        </Space>
      </Space>
    </Space>
  )
}
