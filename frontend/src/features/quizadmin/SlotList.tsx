import { useMemo } from 'react'
import { Alert, Button, Checkbox, Empty, InputNumber, Space, Table, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, WarningOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { QuestionCategory } from '../../api/types'
import { TypeTag } from '../bank/labels'
import { isRandom, moveRow, shortfalls, slotTotals, withAvailable, type SlotRow } from './slots'

interface Props {
  rows: SlotRow[]
  categories: QuestionCategory[]
  readOnly: boolean
  onChange(rows: SlotRow[]): void
}

/** SlotList is the question list of the quiz builder: marks, counts, order, removal and the totals. */
export function SlotList({ rows, categories, readOnly, onChange }: Props) {
  const { t, i18n } = useTranslation()
  const short = useMemo(() => shortfalls(rows), [rows])
  const totals = slotTotals(rows)
  const num = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 })

  const patch = (key: string, p: Partial<SlotRow>) =>
    onChange(withAvailable(rows.map((r) => (r.key === key ? { ...r, ...p } : r)), categories))

  const columns: ColumnsType<SlotRow> = [
    {
      key: 'n',
      title: '#',
      width: 44,
      render: (_, __, i) => <Typography.Text type="secondary">{i + 1}</Typography.Text>,
    },
    {
      key: 'question',
      title: t('quizadmin.slots.question'),
      render: (_, r) => {
        const warn = short.get(r.key)
        return (
          <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
            {isRandom(r) ? (
              <>
                <Space size={4} wrap>
                  <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                    {t('quizadmin.slots.random')}
                  </Tag>
                  <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                    {r.category_name ?? `#${r.category_id}`}
                  </Typography.Text>
                </Space>
                <Space size={8} wrap>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="slot-available">
                    {t('quizadmin.slots.available', { count: r.available })}
                  </Typography.Text>
                  <Checkbox checked={r.include_sub} disabled={readOnly} onChange={(e) => patch(r.key, { include_sub: e.target.checked })}>
                    <span style={{ fontSize: 12 }}>{t('quizadmin.slots.include_sub')}</span>
                  </Checkbox>
                </Space>
              </>
            ) : (
              <>
                <Space size={4} wrap>
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {t('quizadmin.slots.fixed')}
                  </Tag>
                  {r.question_type && <TypeTag type={r.question_type} />}
                </Space>
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>{r.question_name ?? `#${r.question_id}`}</Typography.Text>
              </>
            )}
            {warn && (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="slot-shortfall">
                <WarningOutlined />{' '}
                {isRandom(r)
                  ? t('quizadmin.slots.shortfall', { wanted: warn.wanted, available: warn.available })
                  : t('quizadmin.slots.unavailable')}
              </Typography.Text>
            )}
          </Space>
        )
      },
    },
    {
      key: 'count',
      title: t('quizadmin.slots.count'),
      width: 92,
      render: (_, r) =>
        isRandom(r) ? (
          <InputNumber
            size="small"
            min={1}
            max={200}
            precision={0}
            value={r.count}
            disabled={readOnly}
            onChange={(v) => v && patch(r.key, { count: v })}
            aria-label={t('quizadmin.slots.count')}
            style={{ width: 72 }}
          />
        ) : (
          1
        ),
    },
    {
      key: 'mark',
      title: t('quizadmin.slots.mark'),
      width: 100,
      render: (_, r) => (
        <InputNumber
          size="small"
          min={0.01}
          max={1000}
          value={r.mark}
          disabled={readOnly}
          onChange={(v) => v && patch(r.key, { mark: v })}
          aria-label={t('quizadmin.slots.mark')}
          style={{ width: 84 }}
          data-testid="slot-mark"
        />
      ),
    },
    {
      key: 'subtotal',
      title: t('quizadmin.slots.subtotal'),
      width: 80,
      align: 'right',
      responsive: ['md'],
      render: (_, r) => num((isRandom(r) ? r.count : 1) * r.mark),
    },
  ]
  if (!readOnly) {
    columns.push({
      key: 'actions',
      width: 104,
      render: (_, r, i) => (
        <Space size={0}>
          <Tooltip title={t('authoring.move_up')}>
            <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('authoring.move_up')} disabled={i === 0} onClick={() => onChange(moveRow(rows, i, i - 1))} />
          </Tooltip>
          <Tooltip title={t('authoring.move_down')}>
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              aria-label={t('authoring.move_down')}
              disabled={i === rows.length - 1}
              onClick={() => onChange(moveRow(rows, i, i + 1))}
            />
          </Tooltip>
          <Tooltip title={t('quizadmin.slots.remove')}>
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('quizadmin.slots.remove')}
              onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
              data-testid="slot-remove"
            />
          </Tooltip>
        </Space>
      ),
    })
  }

  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }}>
      <div data-testid="slot-table">
        <Table<SlotRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quizadmin.slots.none')} /> }}
          scroll={{ x: 480 }}
        />
      </div>
      <Typography.Text strong data-testid="slot-totals">
        {t('quizadmin.slots.totals', { questions: totals.questions, marks: num(totals.marks) })}
        {totals.random > 0 && (
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {' '}
            {t('quizadmin.slots.totals_detail', { fixed: totals.fixed, random: totals.random })}
          </Typography.Text>
        )}
      </Typography.Text>
      {short.size > 0 && <Alert type="warning" showIcon message={t('quizadmin.slots.shortfall_note')} data-testid="slots-warning" />}
    </Space>
  )
}
