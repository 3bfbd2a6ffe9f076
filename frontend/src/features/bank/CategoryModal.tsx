import { useMemo, useState } from 'react'
import { App, Form, Input, Modal, TreeSelect, type ButtonProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiError, createQuestionCategory } from '../../api/client'
import type { QuestionCategory } from '../../api/types'
import { applyFieldErrors } from '../../app/errors'
import { bankErrorText } from './labels'
import { buildCategoryTree, categoryNameError, type CategoryNode } from './tree'

interface Values {
  parent_id?: number
  name: string
}

/** CategoryModal adds a category to the bank, at the top or under another one. */
export function CategoryModal(props: {
  categories: QuestionCategory[]
  parentId?: number
  onClose(): void
  onCreated(c: QuestionCategory): void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)

  const treeData = useMemo(() => {
    const map = (n: CategoryNode): object => ({
      value: n.category.id,
      title: n.category.name,
      children: n.children.map(map),
    })
    return buildCategoryTree(props.categories).map(map)
  }, [props.categories])

  const submit = async () => {
    const v = await form.validateFields()
    setSaving(true)
    try {
      const c = await createQuestionCategory({ name: v.name.trim(), ...(v.parent_id ? { parent_id: v.parent_id } : {}) })
      message.success(t('bank.category.created', { name: c.name }))
      props.onCreated(c)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'already_exists') {
        form.setFields([{ name: 'name', errors: [t('bank.category.taken')] }])
      } else if (!applyFieldErrors(form, t, e)) {
        message.error(bankErrorText(t, e))
      }
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title={t('bank.category.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      confirmLoading={saving}
      onCancel={props.onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'category-save' } as ButtonProps}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ parent_id: props.parentId }} onFinish={submit}>
        <Form.Item name="parent_id" label={t('bank.category.parent')} extra={t('bank.category.parent_hint')}>
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            treeData={treeData}
            placeholder={t('bank.category.no_parent')}
            treeDefaultExpandedKeys={props.parentId ? [props.parentId] : []}
            popupMatchSelectWidth
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('bank.category.name')}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const err = categoryNameError(value ?? '')
                return err ? Promise.reject(new Error(t(`bank.category.name_${err}`))) : Promise.resolve()
              },
            },
          ]}
        >
          <Input autoFocus maxLength={200} data-testid="category-name" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
