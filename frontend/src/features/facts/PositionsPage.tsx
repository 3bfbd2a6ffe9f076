import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { agencyName } from '../org/tree'
import { AgencyFrame } from './AgencyFrame'
import { PositionsPanel } from './PositionsPanel'

/** PositionsPage is an agency's IT staff (Cán bộ CNTT) on a page of its own: /agencies/:id/positions. */
export default function PositionsPage() {
  const { t, i18n } = useTranslation()
  return (
    <AgencyFrame>
      {(agency) => (
        <>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('facts.page_title', { agency: agencyName(agency, i18n.language) })}
          </Typography.Title>
          <PositionsPanel agencyId={agency.id} />
        </>
      )}
    </AgencyFrame>
  )
}
