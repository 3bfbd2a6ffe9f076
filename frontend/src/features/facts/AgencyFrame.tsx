import type { ReactNode } from 'react'
import { useNavigate, useParams } from 'react-router'
import { Alert, Button, Skeleton, Space } from 'antd'
import { ArrowLeftOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { Agency } from '../../api/types'
import { errorText } from '../../app/errors'
import { useAgencies } from '../org/useAgencies'

/**
 * AgencyFrame is a page about the agency of the address (/agencies/:id/...):
 * a way back to the agency, the loading and not-found states, and children
 * once the agency is known.
 */
export function AgencyFrame({ children }: { children: (agency: Agency) => ReactNode }) {
  const { t } = useTranslation()
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
      {agency && children(agency)}
    </Space>
  )
}
