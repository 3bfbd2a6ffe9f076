import { useState } from 'react'
import { useNavigate } from 'react-router'
import { Alert, App, Button, Card, Descriptions, Empty, List, Skeleton, Space, Typography } from 'antd'
import { BookOutlined, DownloadOutlined, ShareAltOutlined, SyncOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { certificatePDF, myCertificates } from '../../api/client'
import { EvidenceButton } from '../certadmin/CertificateActions'
import type { Certificate } from '../../api/types'
import { errorText } from '../../app/errors'
import { useMe } from '../auth/AuthContext'
import { saveFile } from '../../lib/download'
import { formatDate } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { ExpiresOn, ExpiryTag, StatusTag, certName } from './labels'
import { ShareModal } from './ShareModal'

export default function MyCertificatesPage() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const me = useMe()
  const navigate = useNavigate()
  const { data: items, error } = useLoad(() => myCertificates(), [])
  const [downloading, setDownloading] = useState<number | null>(null)
  const [sharing, setSharing] = useState<{ cert: Certificate; copied: boolean } | null>(null)

  const download = async (c: Certificate) => {
    setDownloading(c.id)
    try {
      saveFile(await certificatePDF(c.id))
    } catch (e) {
      message.error(errorText(t, e))
    } finally {
      setDownloading(null)
    }
  }

  // The link is copied at once; the dialog shows it with its QR code, and
  // says so when the browser refused the clipboard (a page not served over HTTPS).
  const share = async (c: Certificate) => {
    let copied = false
    try {
      await navigator.clipboard.writeText(c.verify_url)
      copied = true
    } catch {
      // shown in the dialog
    }
    setSharing({ cert: c, copied })
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('cert.mine')}
      </Typography.Title>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      {!items && !error && <Skeleton active />}
      {items && items.length === 0 && (
        <Card>
          <Empty description={me.person_id === null ? t('cert.no_person') : t('cert.none_mine')} data-testid="cert-empty">
            {me.person_id !== null && (
              <Button type="primary" icon={<BookOutlined />} onClick={() => navigate('/my-courses')}>
                {t('menu.my-courses')}
              </Button>
            )}
          </Empty>
        </Card>
      )}
      {items && items.length > 0 && (
        <List<Certificate>
          data-testid="my-certificates"
          grid={{ gutter: 16, xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          dataSource={items}
          renderItem={(c) => (
            <List.Item>
              <Card size="small" data-testid={`my-cert-${c.id}`} styles={{ body: { display: 'flex', flexDirection: 'column', gap: 10, minHeight: 230 } }}>
                <Space size={[6, 4]} wrap>
                  <StatusTag cert={c} />
                  <ExpiryTag cert={c} />
                  <Typography.Text type="secondary">{c.certification_code}</Typography.Text>
                </Space>
                <Typography.Title level={5} style={{ margin: 0 }} data-testid="cert-name">
                  {certName(c, i18n.language)}
                </Typography.Title>
                <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 110 } }}>
                  <Descriptions.Item label={t('cert.field.serial')}>{c.serial}</Descriptions.Item>
                  <Descriptions.Item label={t('cert.field.issued_on')}>{formatDate(c.issued_on)}</Descriptions.Item>
                  <Descriptions.Item label={t('cert.field.expires_on')}>
                    <ExpiresOn date={c.expires_on} />
                  </Descriptions.Item>
                  {c.result && <Descriptions.Item label={t('cert.field.result')}>{c.result}</Descriptions.Item>}
                </Descriptions>
                {c.status === 'revoked' && c.revoked_reason && (
                  <Alert type="error" showIcon message={t('cert.revoked_reason_short', { reason: c.revoked_reason })} />
                )}
                {c.can_renew && (
                  <Alert type="info" showIcon icon={<SyncOutlined />} message={t('cert.renew')} description={t('cert.renew_hint')} data-testid="cert-renew" />
                )}
                <Space wrap style={{ marginTop: 'auto' }}>
                  {c.kind === 'recorded' ? (
                    <EvidenceButton cert={c} />
                  ) : (
                    <Button icon={<DownloadOutlined />} loading={downloading === c.id} onClick={() => download(c)} data-testid="cert-pdf">
                      {t('cert.download_pdf')}
                    </Button>
                  )}
                  <Button icon={<ShareAltOutlined />} onClick={() => share(c)} data-testid="cert-share-button">
                    {t('cert.share.button')}
                  </Button>
                </Space>
              </Card>
            </List.Item>
          )}
        />
      )}
      {sharing && <ShareModal cert={sharing.cert} copied={sharing.copied} onClose={() => setSharing(null)} />}
    </Space>
  )
}
