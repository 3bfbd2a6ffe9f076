import { useEffect, useRef, useState } from 'react'
import { Alert, App, Button, Grid, Input, Space, Spin, Tabs, Tooltip, Typography } from 'antd'
import type { TextAreaRef } from 'antd/es/input/TextArea'
import { PictureOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ApiError, previewMarkdown, uploadCourseImage } from '../../api/client'
import { errorText } from '../../app/errors'
import { imageMarkdown, insertAt } from './progress'
import './course.css'

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif']
export const IMAGE_MAX_BYTES = 2 << 20
const PREVIEW_DELAY = 400

interface Props {
  value?: string
  onChange?: (v: string) => void
  /** the course the text belongs to: images are uploaded to it and resolved against it in the preview */
  courseSlug?: string
  /** rows of the source box */
  rows?: number
  id?: string
  /** tabs: source and preview one at a time, whatever the screen width */
  layout?: 'auto' | 'tabs'
}

/**
 * MarkdownEditor is a plain text box for Markdown beside a live preview
 * rendered by the server (the same renderer and sanitiser learners get), one
 * under the other as tabs on narrow screens. "Insert image" uploads a picture
 * to the course and puts ![alt](url) where the cursor was.
 */
export function MarkdownEditor({ value = '', onChange, courseSlug, rows = 22, id, layout = 'auto' }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const screens = Grid.useBreakpoint()
  const split = layout === 'auto' && !!screens.lg
  const [tab, setTab] = useState<'source' | 'preview'>('source')
  const [html, setHtml] = useState('')
  const [previewError, setPreviewError] = useState<unknown>(null)
  const [rendering, setRendering] = useState(false)
  const [uploading, setUploading] = useState(false)
  const area = useRef<TextAreaRef>(null)
  const file = useRef<HTMLInputElement>(null)
  const selection = useRef<[number, number] | null>(null)
  const previewVisible = split || tab === 'preview'

  useEffect(() => {
    if (!previewVisible) return
    const ctl = new AbortController()
    const timer = setTimeout(() => {
      setRendering(true)
      previewMarkdown(value, courseSlug, ctl.signal)
        .then((h) => {
          setHtml(h)
          setPreviewError(null)
        })
        .catch((e) => !ctl.signal.aborted && setPreviewError(e))
        .finally(() => !ctl.signal.aborted && setRendering(false))
    }, PREVIEW_DELAY)
    return () => {
      clearTimeout(timer)
      ctl.abort()
    }
  }, [value, courseSlug, previewVisible])

  const pickImage = () => {
    const el = area.current?.resizableTextArea?.textArea
    selection.current = el ? [el.selectionStart, el.selectionEnd] : null
    file.current?.click()
  }

  const upload = async (f: File) => {
    if (!courseSlug) return
    if (!IMAGE_TYPES.includes(f.type)) {
      message.error(t('authoring.image_type'))
      return
    }
    if (f.size > IMAGE_MAX_BYTES) {
      message.error(t('authoring.image_size'))
      return
    }
    setUploading(true)
    try {
      const img = await uploadCourseImage(courseSlug, f)
      const [start, end] = selection.current ?? [value.length, value.length]
      const snippet = imageMarkdown(f.name, img.url, value.slice(0, start))
      const next = insertAt(value, start, end, snippet)
      onChange?.(next.text)
      // Put the cursor after the inserted image once the new text is rendered.
      requestAnimationFrame(() => {
        const el = area.current?.resizableTextArea?.textArea
        if (!el) return
        el.focus()
        el.setSelectionRange(next.cursor, next.cursor)
      })
      message.success(t('authoring.image_inserted'))
    } catch (e) {
      if (e instanceof ApiError && ['unsupported_image', 'unsupported_media_type', 'unsupported_format'].includes(e.code)) message.error(t('authoring.image_type'))
      else if (e instanceof ApiError && e.code === 'too_large') message.error(t('authoring.image_size'))
      else message.error(errorText(t, e))
    } finally {
      setUploading(false)
    }
  }

  const toolbar = (
    <Space size={8} wrap>
      {courseSlug && (
        <Tooltip title={t('authoring.image_hint')}>
          <Button size="small" icon={<PictureOutlined />} loading={uploading} onClick={pickImage} data-testid="insert-image">
            {t('authoring.insert_image')}
          </Button>
        </Tooltip>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('authoring.markdown_hint')}
      </Typography.Text>
      <input
        ref={file}
        type="file"
        accept={IMAGE_TYPES.join(',')}
        style={{ display: 'none' }}
        data-testid="image-file"
        onChange={(e) => {
          const f = e.target.files?.[0]
          e.target.value = ''
          if (f) void upload(f)
        }}
      />
    </Space>
  )

  const source = (
    <Input.TextArea
      id={id}
      ref={area}
      className="md-source"
      value={value}
      onChange={(e) => onChange?.(e.target.value)}
      rows={rows}
      spellCheck={false}
      data-testid="markdown-source"
    />
  )

  const preview = (
    <div className="md-preview" style={{ height: split ? `calc(${rows} * 1.6 * 13px + 10px)` : undefined, minHeight: 200 }}>
      {previewError ? <Alert type="error" showIcon banner message={errorText(t, previewError)} /> : null}
      <Spin spinning={rendering && !html} delay={200}>
        {html || value.trim() === '' ? (
          <div className="lesson-body" data-testid="markdown-preview" dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <div style={{ minHeight: 120 }} />
        )}
      </Spin>
    </div>
  )

  if (split) {
    return (
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        {toolbar}
        <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 16 }}>
          <div>{source}</div>
          {preview}
        </div>
      </Space>
    )
  }
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      {toolbar}
      <Tabs
        size="small"
        activeKey={tab}
        onChange={(k) => setTab(k as 'source' | 'preview')}
        items={[
          { key: 'source', label: t('authoring.source'), children: source },
          { key: 'preview', label: t('authoring.preview'), children: preview },
        ]}
      />
    </Space>
  )
}
