import { Descriptions } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Person } from '../../api/types'
import { formatDate, formatDateTime } from '../../lib/format'
import { ActiveTag } from './labels'

/** PersonDetails shows one person's record; linkAgency makes the agency a link (for roles that may open agencies). */
export function PersonDetails({ person: p, linkAgency = false }: { person: Person; linkAgency?: boolean }) {
  const { t } = useTranslation()
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="person-details">
      <Descriptions.Item label={t('people.field.full_name')}>{p.full_name}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.code')}>{p.code}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.gender')}>{t(`gender.${p.gender || 'unknown'}`)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.birth_date')}>{formatDate(p.birth_date) || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.email')}>{p.email || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.phone')}>{p.phone || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.agency')}>
        {linkAgency ? <Link to={`/agencies/${p.agency_id}`}>{p.agency_name}</Link> : p.agency_name}
      </Descriptions.Item>
      <Descriptions.Item label={t('people.field.job_title')}>{p.job_title || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.kind')}>{t(`kinds.${p.kind}`)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.professional')}>{p.professional ? t('common.yes') : t('common.no')}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.it_qualification')}>{t(`qualifications.${p.it_qualification}`)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.status')}>
        <ActiveTag active={p.active} />
      </Descriptions.Item>
      <Descriptions.Item label={t('people.field.created_at')}>{formatDateTime(p.created_at)}</Descriptions.Item>
      <Descriptions.Item label={t('people.field.updated_at')}>{formatDateTime(p.updated_at)}</Descriptions.Item>
    </Descriptions>
  )
}
