import { useEffect, useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { Alert, App, Button, Card, Popconfirm, Skeleton, Space, Typography } from 'antd'
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { activatePerson, deactivatePerson, getPerson } from '../../api/client'
import type { Person } from '../../api/types'
import { errorText } from '../../app/errors'
import { useMe } from '../auth/AuthContext'
import { canMaintainFacts } from '../auth/access'
import { QualificationsPanel } from '../facts/QualificationsPanel'
import { MembershipsPanel } from './MembershipsPanel'
import { PersonDetails } from './PersonDetails'
import { PersonForm } from './PersonForm'

export default function PersonPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const me = useMe()
  const id = Number(useParams().id)
  const [person, setPerson] = useState<Person | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [editing, setEditing] = useState(false)

  useEffect(() => {
    let live = true
    setPerson(null)
    getPerson(id)
      .then((p) => live && setPerson(p))
      .catch((e) => live && setError(e))
    return () => {
      live = false
    }
  }, [id])

  const toggle = async () => {
    if (!person) return
    try {
      setPerson(await (person.active ? deactivatePerson(person.id) : activatePerson(person.id)))
      message.success(t(person.active ? 'people.deactivated' : 'people.activated', { name: person.full_name }))
    } catch (e) {
      message.error(errorText(t, e))
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingLeft: 0 }}>
        {t('common.back')}
      </Button>
      {error ? <Alert type="error" showIcon message={errorText(t, error)} /> : null}
      {!person && !error && <Skeleton active />}
      {person && (
        <Card
          title={
            <Typography.Title level={4} style={{ margin: 0 }}>
              {person.full_name}
            </Typography.Title>
          }
          extra={
            <Space>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t(person.active ? 'people.confirm_deactivate' : 'people.confirm_activate', { name: person.full_name })}
                okText={t('common.yes')}
                cancelText={t('common.no')}
                onConfirm={toggle}
              >
                <Button danger={person.active}>{t(person.active ? 'people.deactivate' : 'people.activate')}</Button>
              </Popconfirm>
            </Space>
          }
        >
          <PersonDetails person={person} linkAgency />
        </Card>
      )}
      {person && <MembershipsPanel personId={person.id} version={person.version} />}
      {person && canMaintainFacts(me.role) && <QualificationsPanel personId={person.id} personName={person.full_name} />}
      {editing && person && (
        <PersonForm
          person={person}
          onClose={() => setEditing(false)}
          onSaved={(p) => {
            setPerson(p)
            setEditing(false)
          }}
        />
      )}
    </Space>
  )
}
