import { Checkbox, Input, Radio, Select, Space, Table, Typography, theme } from 'antd'
import { useTranslation } from 'react-i18next'
import type { QuestionPreview } from '../../api/types'
import '../course/course.css'
import './bank.css'

/** Html shows a text the server rendered and sanitised (the same renderer learners get). */
function Html({ html, testId }: { html: string; testId?: string }) {
  return <div className="lesson-body lesson-body-compact question-html" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />
}

/**
 * LearnerPreview shows a question the way a learner answers it, from the
 * view POST /questions/preview returns (no weights, no feedback), and under
 * it what only trainers see: the general feedback and the feedback of each
 * answer, labelled by labels (one per answer sent).
 */
export function LearnerPreview({ preview, labels }: { preview: QuestionPreview; labels: string[] }) {
  const { t } = useTranslation()
  const { token } = theme.useToken()
  const v = preview.view
  const inline = (html: string) => <span className="lesson-body lesson-body-compact question-html" style={{ display: 'inline-block' }} dangerouslySetInnerHTML={{ __html: html }} />

  let answer = null
  switch (v.type) {
    case 'single_choice':
    case 'multiple_choice': {
      const options = (v.options ?? []).map((o, i) => ({ value: i, label: inline(o) }))
      answer = v.multiple ? (
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={options} />
      ) : (
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={options} />
      )
      break
    }
    case 'true_false':
      answer = (
        <Radio.Group
          options={[
            { value: true, label: t('bank.editor.true') },
            { value: false, label: t('bank.editor.false') },
          ]}
        />
      )
      break
    case 'short_answer':
    case 'numerical':
      answer = <Input placeholder={t('bank.editor.your_answer')} inputMode={v.type === 'numerical' ? 'decimal' : undefined} style={{ maxWidth: 320 }} />
      break
    case 'matching':
      answer = (
        <Table
          size="small"
          pagination={false}
          showHeader={false}
          rowKey="i"
          dataSource={(v.lefts ?? []).map((l, i) => ({ i, l }))}
          columns={[
            { key: 'left', render: (_, r) => inline(r.l) },
            {
              key: 'right',
              width: '50%',
              render: () => (
                <Select
                  placeholder={t('bank.editor.choose')}
                  style={{ width: '100%' }}
                  options={(v.rights ?? []).map((r, i) => ({ value: i, label: inline(r) }))}
                />
              ),
            },
          ]}
        />
      )
      break
    case 'essay':
      answer = <Input.TextArea rows={4} placeholder={t('bank.editor.your_answer')} />
      break
  }

  const feedback = preview.feedback.map((f, i) => ({ f, label: labels[i] ?? String(i + 1) })).filter((x) => x.f.trim() !== '')
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="question-preview">
      <div style={{ padding: '12px 14px', border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius, background: token.colorBgContainer }}>
        <Html html={v.text} testId="preview-text" />
        {answer ? <div style={{ marginTop: 12 }} data-testid="preview-answer">{answer}</div> : null}
      </div>
      {(preview.general_feedback || feedback.length > 0) && (
        <div style={{ padding: '10px 14px', borderRadius: token.borderRadius, background: token.colorFillQuaternary }} data-testid="preview-trainer">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('bank.editor.preview_trainer')}
          </Typography.Text>
          {preview.general_feedback ? (
            <>
              <Typography.Text strong style={{ display: 'block', marginTop: 6 }}>
                {t('bank.editor.general_feedback')}
              </Typography.Text>
              <Html html={preview.general_feedback} />
            </>
          ) : null}
          {feedback.length > 0 && (
            <>
              <Typography.Text strong style={{ display: 'block', marginTop: 6 }}>
                {t('bank.editor.preview_feedback')}
              </Typography.Text>
              {feedback.map(({ f, label }, i) => (
                <div key={i} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                  <Typography.Text type="secondary" style={{ flex: 'none' }}>
                    {label}:
                  </Typography.Text>
                  <Html html={f} />
                </div>
              ))}
            </>
          )}
        </div>
      )}
    </Space>
  )
}
