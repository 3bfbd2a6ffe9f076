import { useMemo, useState } from 'react'
import { Alert, Button, Card, Col, DatePicker, Empty, Row, Space, Spin, Tabs, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { targetsByAgency, targetValues } from '../../api/client'
import type { TargetAgencyRow, TargetValue } from '../../api/types'
import { errorText } from '../../app/errors'
import { DATE_FORMAT, formatDate, todayISO } from '../../lib/format'
import { useLoad } from '../../lib/useLoad'
import { useUrlQuery } from '../../lib/useUrlQuery'
import { useMe } from '../auth/AuthContext'
import { canManageTargets, canPickTargetAgency } from '../auth/access'
import { AgencyTreeSelect } from '../org/AgencyTreeSelect'
import { AgencyTable } from './AgencyTable'
import { readView, type View } from './byAgency'
import { MissingDrawer } from './MissingDrawer'
import { TargetCard } from './TargetCard'
import { TargetEditor } from './TargetEditor'
import { DECISION_DAYS, isDay, seriesByCode, shownStatus, SHOWN, statusColor, trendDays } from './targets'

interface TargetsQuery {
  q?: string
  /** yyyy-mm-dd; absent: today */
  as_of?: string
  agency_id?: number
  /** the tab: cards (absent) or the table by agency (view=agencies) */
  view: View
}

/** readQuery: the day and the agency live in the address; a day that is not a real yyyy-mm-dd is ignored. */
function readQuery(sp: URLSearchParams): TargetsQuery {
  const day = sp.get('as_of') ?? ''
  const id = Number(sp.get('agency_id'))
  return {
    as_of: isDay(day) ? day : undefined,
    agency_id: Number.isInteger(id) && id > 0 ? id : undefined,
    view: readView(sp.get('view')),
  }
}

/**
 * TargetsPage ("Chỉ tiêu") shows every target of Decision 3260/QĐ-UBND as of
 * a day, for the province or an agency's subtree, with its trend over the
 * six-monthly report days. Agency managers see their own agency only (the
 * server answers for it without agency_id).
 */
export default function TargetsPage() {
  const { t, i18n } = useTranslation()
  const me = useMe()
  const { query, update } = useUrlQuery(readQuery)
  const today = todayISO()
  const asOf = query.as_of ?? today
  const picker = canPickTargetAgency(me.role)
  const agencyId = picker ? query.agency_id : undefined
  const manager = canManageTargets(me.role)
  // rev: a target was added or changed, so every figure is computed again.
  const [rev, setRev] = useState(0)

  const current = useLoad((signal) => targetValues(asOf, agencyId, signal), [asOf, agencyId, rev])
  // The trend: the report days before the chosen one, in parallel, all aborted when the controls change.
  const view = query.view === 'manage' && !manager ? 'overview' : query.view
  const history = useLoad(
    (signal) => (view !== 'overview' ? Promise.resolve(null) : Promise.all(trendDays(asOf).map((d) => targetValues(d, agencyId, signal)))),
    [asOf, agencyId, view, rev],
  )
  // The table by agency, loaded only on its tab.
  const byAgency = useLoad(
    (signal) => (view === 'agencies' ? targetsByAgency(asOf, agencyId, signal) : Promise.resolve(null)),
    [asOf, agencyId, view, rev],
  )
  const [drill, setDrill] = useState<{ row: TargetAgencyRow; target: TargetValue } | null>(null)
  const series = useMemo(
    () => seriesByCode([...(history.data ?? []), ...(current.data ? [current.data] : [])]),
    [history.data, current.data],
  )

  const items = current.data?.items ?? []
  const tally = SHOWN.map((s) => ({ s, n: items.filter((v) => shownStatus(v) === s).length })).filter((x) => x.n > 0)

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('targets.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('targets.subtitle')}</Typography.Text>
      </div>
      {view !== 'manage' && (
        <Card size="small">
          <Space direction="vertical" size="small" style={{ width: '100%' }}>
            <Space wrap size="middle" align="center">
              <Space size={8} wrap>
                <Typography.Text strong>{t('targets.as_of')}</Typography.Text>
                <span data-testid="as-of">
                  <DatePicker
                    format={DATE_FORMAT}
                    allowClear={false}
                    value={dayjs(asOf)}
                    placeholder={t('common.date_placeholder')}
                    disabledDate={(d) => d.format('YYYY-MM-DD') > today}
                    onChange={(d) => d && update({ as_of: d.format('YYYY-MM-DD') === today ? undefined : d.format('YYYY-MM-DD') })}
                    aria-label={t('targets.as_of')}
                  />
                </span>
              </Space>
              <Space size={8} wrap>
                <Typography.Text strong>{t('targets.agency')}</Typography.Text>
                {picker ? (
                  <span data-testid="target-agency-select">
                    <AgencyTreeSelect
                      value={agencyId}
                      onChange={(id) => update({ agency_id: id })}
                      placeholder={t('targets.province')}
                      style={{ width: 320, maxWidth: '100%' }}
                    />
                  </span>
                ) : (
                  <Tag color="blue" data-testid="target-agency" style={{ marginInlineEnd: 0 }}>
                    {me.agency_name || '—'}
                  </Tag>
                )}
              </Space>
            </Space>
            <Space wrap size={[8, 8]} align="center">
              <Typography.Text type="secondary">{t('targets.report_days')}</Typography.Text>
              {DECISION_DAYS.map((d) => (
                <Button key={d} size="small" type={asOf === d ? 'primary' : 'default'} onClick={() => update({ as_of: d })} data-testid={`day-${d}`}>
                  {formatDate(d)}
                </Button>
              ))}
              <Button size="small" type={asOf === today ? 'primary' : 'default'} onClick={() => update({ as_of: undefined })} data-testid="day-today">
                {t('targets.today')}
              </Button>
            </Space>
          </Space>
        </Card>
      )}
      {current.error ? <Alert type="error" showIcon message={errorText(t, current.error)} /> : null}
      {history.error && !current.error ? <Alert type="warning" showIcon message={t('targets.trend.error')} /> : null}
      <Tabs
        activeKey={view}
        onChange={(k) => update({ view: k === 'overview' ? undefined : k })}
        data-testid="target-tabs"
        items={[
          {
            key: 'overview',
            label: t('targets.tabs.overview'),
            children: (
            <Spin spinning={current.loading}>
              {current.data && (
                <Space size={[8, 8]} wrap style={{ marginBottom: 12 }} data-testid="target-tally">
                  <Typography.Text>{t('targets.tally', { date: formatDate(current.data.as_of), count: items.length })}</Typography.Text>
                  {tally.map(({ s, n }) => (
                    <Tag key={s} color={statusColor[s]}>
                      {`${t(`targets.status.${s}`)}: ${n}`}
                    </Tag>
                  ))}
                </Space>
              )}
              {current.data && items.length === 0 ? (
                <Empty description={t('targets.empty')} />
              ) : (
                <Row gutter={[16, 16]} data-testid="target-cards" lang={i18n.language}>
                  {items.map((v) => (
                    <Col key={v.code} xs={24} lg={12} xxl={8}>
                      <TargetCard value={v} trend={history.data ? series.get(v.code) : undefined} trendLoading={history.loading} />
                    </Col>
                  ))}
                </Row>
              )}
            </Spin>
            ),
          },
          {
            key: 'agencies',
            label: t('targets.tabs.agencies'),
            children: (
              <>
                {byAgency.error ? <Alert type="error" showIcon message={errorText(t, byAgency.error)} style={{ marginBottom: 12 }} /> : null}
                <AgencyTable
                  rows={byAgency.data?.items ?? []}
                  targets={items}
                  loading={byAgency.loading || current.loading}
                  onCell={(row, target) => setDrill({ row, target })}
                />
              </>
            ),
          },
          ...(manager
            ? [{ key: 'manage', label: t('targets.tabs.manage'), children: <TargetEditor onSaved={() => setRev((n) => n + 1)} /> }]
            : []),
        ]}
      />
      {drill && (
        <MissingDrawer
          key={`${drill.target.code}-${drill.row.agency_id}-${asOf}`}
          target={drill.target}
          agency={drill.row}
          asOf={asOf}
          onClose={() => setDrill(null)}
        />
      )}
    </Space>
  )
}
