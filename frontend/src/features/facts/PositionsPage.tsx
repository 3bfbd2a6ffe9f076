import { useNavigate, useParams } from 'react-router'
import { Alert, Button, Skeleton, Space, Typography } from 'antd'
import { ArrowLeftOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { errorText } from '../../app/errors'
import { agencyName } from '../org/tree'
import { useAgencies } from '../org/useAgencies'
import { PositionsPanel } from './PositionsPanel'

/** PositionsPage is an agency's IT staff (Cán bộ CNTT) on a page of its own: /agencies/:id/positions. */
export default function PositionsPage() {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const id = Number(useParams().id)
  const { byId, loading, error } = useAgencies()
  const agency = byId.get(id)

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(`/agencies/${id}`)} style={{ paddingLeft: 0, alignSelf: 'flex-start' }}>
        {t('facts.back_to_agency')}
      </Button>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      {loading && !agency && <Skeleton active />}
      {!loading && !agency && !error && <Alert type="error" showIcon message={t('errors.not_found')} />}
      {agency && (
        <>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('facts.page_title', { agency: agencyName(agency, i18n.language) })}
          </Typography.Title>
          <PositionsPanel agencyId={agency.id} />
        </>
      )}
    </Space>
  )
}
