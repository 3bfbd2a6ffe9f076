import { useEffect, useState } from 'react'
import { Modal, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import QRCode from 'qrcode'
import type { Certificate } from '../../api/types'
import { certName } from './labels'

/**
 * ShareModal shows a certificate's public verify address with its QR code
 * (drawn in the browser) and its code, for the holder to pass on.
 */
export function ShareModal({ cert, copied, onClose }: { cert: Certificate; copied: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation()
  const [qr, setQr] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    QRCode.toDataURL(cert.verify_url, { errorCorrectionLevel: 'M', margin: 2, width: 240 })
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null))
    return () => {
      live = false
    }
  }, [cert.verify_url])

  return (
    <Modal open title={t('cert.share.title')} onCancel={onClose} footer={null} width={420} destroyOnHidden>
      <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="cert-share">
        <Typography.Text strong>{certName(cert, i18n.language)}</Typography.Text>
        <Typography.Text type={copied ? 'success' : 'secondary'}>
          {copied ? t('cert.share.copied') : t('cert.share.copy_failed')}
        </Typography.Text>
        {qr && (
          <div style={{ textAlign: 'center' }}>
            <img src={qr} alt={t('cert.share.qr_alt')} width={240} height={240} data-testid="cert-qr" style={{ maxWidth: '100%', height: 'auto' }} />
          </div>
        )}
        <div>
          <Typography.Text type="secondary">{t('cert.share.link')}</Typography.Text>
          <Typography.Paragraph copyable={{ text: cert.verify_url }} style={{ wordBreak: 'break-all', marginBottom: 0 }} data-testid="cert-share-url">
            <a href={cert.verify_url} target="_blank" rel="noreferrer">
              {cert.verify_url}
            </a>
          </Typography.Paragraph>
        </div>
        <div>
          <Typography.Text type="secondary">{t('cert.field.code')}</Typography.Text>
          <Typography.Paragraph copyable style={{ fontFamily: 'monospace', fontSize: 18, letterSpacing: 1, marginBottom: 0 }}>
            {cert.code}
          </Typography.Paragraph>
        </div>
        <Typography.Text type="secondary">{t('cert.share.hint')}</Typography.Text>
      </Space>
    </Modal>
  )
}
