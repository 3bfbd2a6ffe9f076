import { useMemo, useState } from 'react'
import { Alert, Form, InputNumber, Modal, Switch, TreeSelect, Typography, type ButtonProps } from 'antd'
import { useTranslation } from 'react-i18next'
import type { QuestionCategory } from '../../api/types'
import { categoryOptions } from './labels'
import { availableIn } from './slots'

export interface DrawValues {
  category: QuestionCategory
  count: number
  include_sub: boolean
  mark: number
  available: number
}

interface Props {
  categories: QuestionCategory[]
  onClose(): void
  onAdd(v: DrawValues): void
}

/** RandomDrawModal adds a draw of random questions from a category, saying how many it holds. */
export function RandomDrawModal({ categories, onClose, onAdd }: Props) {
  const { t } = useTranslation()
  const [categoryId, setCategoryId] = useState<number | undefined>()
  const [count, setCount] = useState(1)
  const [includeSub, setIncludeSub] = useState(false)
  const [mark, setMark] = useState(1)
  const options = useMemo(() => categoryOptions(categories), [categories])
  const category = categories.find((c) => c.id === categoryId)
  const available = categoryId !== undefined ? availableIn(categories, categoryId, includeSub) : 0

  return (
    <Modal
      open
      title={t('quizadmin.draw.title')}
      okText={t('quizadmin.draw.add')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !category || !count, 'data-testid': 'draw-add' } as ButtonProps}
      onOk={() => category && onAdd({ category, count, include_sub: includeSub, mark, available })}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="random-draw">
        <Form.Item label={t('quizadmin.draw.category')} required>
          <TreeSelect<number>
            showSearch
            treeNodeFilterProp="title"
            treeData={options}
            value={categoryId}
            onChange={setCategoryId}
            placeholder={t('quizadmin.draw.pick_category')}
            treeDefaultExpandAll={categories.length < 40}
            popupMatchSelectWidth
            data-testid="draw-category"
          />
        </Form.Item>
        <Form.Item label={t('quizadmin.draw.include_sub')}>
          <Switch checked={includeSub} onChange={setIncludeSub} data-testid="draw-include-sub" />
        </Form.Item>
        <Form.Item label={t('quizadmin.draw.count')} required>
          <InputNumber min={1} max={200} precision={0} value={count} onChange={(v) => setCount(v ?? 1)} data-testid="draw-count" />
        </Form.Item>
        <Form.Item label={t('quizadmin.draw.mark')} extra={t('quizadmin.draw.mark_hint')}>
          <InputNumber min={0.01} max={1000} value={mark} onChange={(v) => setMark(v ?? 1)} />
        </Form.Item>
      </Form>
      {category && (
        <Typography.Paragraph data-testid="draw-available">
          {t('quizadmin.draw.available', { count: available })}
        </Typography.Paragraph>
      )}
      {category && count > available && (
        <Alert type="warning" showIcon message={t('quizadmin.slots.shortfall', { wanted: count, available })} data-testid="draw-warning" />
      )}
    </Modal>
  )
}
