import { useState } from 'react'
import { App, Button, Space, Tooltip } from 'antd'
import { FileExcelOutlined, FileTextOutlined, PaperClipOutlined, PlusOutlined, SnippetsOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { certificateEvidence, exportCertificates } from '../../api/client'
import type { Certificate, CertificateQuery } from '../../api/types'
import { errorText } from '../../app/errors'
import { saveFile } from '../../lib/download'
import { useMe } from '../auth/AuthContext'
import { canManageCertifications } from '../auth/access'
import { IssueModal } from './IssueModal'
import { RecordModal } from './RecordModal'

/**
 * IssueButtons: "Cấp chứng nhận" and "Ghi nhận chứng chỉ đã có", for Home
 * Affairs and admins only; onDone hears of the certificate made.
 */
export function IssueButtons({ certificationId, onDone }: { certificationId?: number; onDone?: (c: Certificate) => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const me = useMe()
  const [open, setOpen] = useState<'issue' | 'record' | null>(null)
  if (!canManageCertifications(me.role)) return null
  const done = (c: Certificate) => {
    message.success(t(open === 'record' ? 'certadmin.record.done' : 'certadmin.issue.done', { serial: c.serial, holder: c.holder_name }))
    setOpen(null)
    onDone?.(c)
  }
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen('issue')} data-testid="issue-open">
        {t('certadmin.issue.button')}
      </Button>
      <Button icon={<SnippetsOutlined />} onClick={() => setOpen('record')} data-testid="record-open">
        {t('certadmin.record.button')}
      </Button>
      {open === 'issue' && <IssueModal certificationId={certificationId} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'record' && <RecordModal certificationId={certificationId} onClose={() => setOpen(null)} onDone={done} />}
    </>
  )
}

/** ExportButtons download the list's certificates, with its filters, as XLSX or CSV. */
export function ExportButtons({ query }: { query: CertificateQuery }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null)
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(format)
    try {
      saveFile(await exportCertificates(query, format))
    } catch (e) {
      message.error(errorText(t, e))
    } finally {
      setBusy(null)
    }
  }
  return (
    <>
      <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => run('xlsx')} data-testid="cert-export-xlsx">
        {t('certadmin.export_xlsx')}
      </Button>
      <Button icon={<FileTextOutlined />} loading={busy === 'csv'} onClick={() => run('csv')} data-testid="cert-export-csv">
        {t('certadmin.export_csv')}
      </Button>
    </>
  )
}

/**
 * CertificatesToolbar is the issued-certificates page's row of actions:
 * export with the page's filters; issue by hand and record a prior
 * certificate (Home Affairs and admins).
 */
export function CertificatesToolbar({ query, onIssued }: { query: CertificateQuery; onIssued?: (c: Certificate) => void }) {
  return (
    <Space wrap data-testid="cert-toolbar">
      <IssueButtons onDone={onIssued} />
      <ExportButtons query={query} />
    </Space>
  )
}

/** EvidenceButton downloads the evidence of a recorded certificate; nothing for the others. */
export function EvidenceButton({ cert }: { cert: Pick<Certificate, 'id' | 'kind'> }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  if (cert.kind !== 'recorded') return null
  const run = async () => {
    setBusy(true)
    try {
      saveFile(await certificateEvidence(cert.id))
    } catch (e) {
      message.error(errorText(t, e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Tooltip title={t('certadmin.evidence')}>
      <Button size="small" icon={<PaperClipOutlined />} loading={busy} onClick={run} aria-label={t('certadmin.evidence')} data-testid="cert-evidence" />
    </Tooltip>
  )
}
