// Browser tests of the IT staff screen (Cán bộ CNTT), to be registered by
// app.test.mjs (which owns the server and the browser): the agency manager
// opens their agency, then its IT staff, assigns a person as phụ trách CNTT
// from 01/05/2008 by a decision, finds the position under "Đang giữ", ends it
// on 31/12/2009 and finds it under "Đã thôi".
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiToken, newPage, shot, signIn } from './browser.mjs'

/** get calls the API as user and returns the decoded answer. */
async function get(baseURL, user, path) {
  const token = await apiToken(baseURL, user)
  const r = await fetch(`${baseURL}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })
  const text = await r.text()
  assert.ok(r.ok, `GET ${path}: ${r.status} ${text}`)
  return JSON.parse(text)
}

/** personToAssign finds an active person of the agency itself (not the manager) who holds no position there yet. */
async function personToAssign(baseURL, me) {
  const people = await get(baseURL, 'quanly', `/people?agency_id=${me.agency_id}&active=true&page_size=50&sort=code`)
  const held = new Set((await get(baseURL, 'quanly', `/agencies/${me.agency_id}/positions`)).items.map((p) => p.person_id))
  const p = people.items.find((x) => x.agency_id === me.agency_id && x.id !== me.person_id && !held.has(x.id))
  assert.ok(p, `no one to assign in ${me.agency_name}`)
  return p
}

export function positionTests(env) {
  describe('IT staff', () => {
    test('an agency manager assigns a phụ trách CNTT by a decision, then ends the position; both stay, dated', async () => {
      const { baseURL } = env.server()
      const me = await get(baseURL, 'quanly', '/me')
      const person = await personToAssign(baseURL, me)
      const decision = '125/QĐ-UBND'

      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'quanly')
      await page.locator('[data-testid=side-menu]').getByText('Đơn vị', { exact: true }).click()
      await page.waitForURL('**/agencies')
      await page.locator('.ant-tree .ant-tree-title', { hasText: me.agency_name }).first().click()
      await page.waitForURL(`**/agencies/${me.agency_id}`)
      // The agency page shows its IT staff, and opens them on a page of their own.
      await page.locator('[data-testid=positions]').waitFor()
      await page.locator('[data-testid=positions-open]').click()
      await page.waitForURL(`**/agencies/${me.agency_id}/positions`)
      await page.getByRole('heading', { name: `Cán bộ CNTT: ${me.agency_name}` }).waitFor()
      await page.getByText('không ghi đè', { exact: false }).waitFor()
      for (const id of ['positions-current', 'positions-history']) await page.locator(`[data-testid=${id}]`).waitFor()
      await shot(page, '90-positions')

      // Assign: everything but the person is preset or typed; the person is required.
      await page.locator('[data-testid=position-assign]').click()
      const drawer = page.locator('.ant-drawer-content')
      await drawer.locator('[data-testid=position-form]').waitFor()
      await drawer.locator('[data-testid=position-save]').click()
      await drawer.getByText('Bắt buộc nhập').first().waitFor()
      // The agency shown is the default; the role starts as phụ trách CNTT.
      assert.ok((await drawer.locator('.ant-select-selection-item').allInnerTexts()).includes(me.agency_name))
      assert.ok((await drawer.locator('.ant-select-selection-item').allInnerTexts()).includes('Phụ trách CNTT'))

      await drawer.locator('[data-testid=position-person] .ant-select').click()
      await page.keyboard.type(person.code)
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: person.code }).click()
      await drawer.locator('#valid_from').fill('01/05/2008')
      await page.keyboard.press('Tab')
      await drawer.locator('[data-testid=position-decision-no]').fill(decision)
      await drawer.locator('#decision_date').fill('25/04/2008')
      await page.keyboard.press('Tab')
      await shot(page, '91-position-assign')
      await drawer.locator('[data-testid=position-save]').click()
      await page.locator('.ant-message-success', { hasText: `Đã phân công ${person.full_name}` }).waitFor()
      await drawer.waitFor({ state: 'detached' })

      const current = page.locator('[data-testid=positions-current] tbody tr.ant-table-row', { hasText: person.full_name })
      await current.waitFor()
      const line = await current.innerText()
      for (const want of [me.agency_name, 'Phụ trách CNTT', '01/05/2008 – nay', `Quyết định số ${decision} ngày 25/04/2008`]) {
        assert.ok(line.includes(want), `${want} in ${line}`)
      }
      // The name leads to the person's page.
      assert.equal(await current.locator(`a[href="/people/${person.id}"]`).count(), 1)

      // The same person, role and agency again from a later day overlaps the open position.
      await page.locator('[data-testid=position-assign]').click()
      await drawer.locator('[data-testid=position-form]').waitFor()
      await drawer.locator('[data-testid=position-person] .ant-select').click()
      await page.keyboard.type(person.code)
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: person.code }).click()
      await drawer.locator('#valid_from').fill('01/01/2009')
      await page.keyboard.press('Tab')
      await drawer.locator('[data-testid=position-save]').click()
      await drawer.locator('[data-testid=position-error]').getByText('đã giữ vị trí này', { exact: false }).waitFor()
      await drawer.getByRole('button', { name: 'Hủy' }).click()
      await drawer.waitFor({ state: 'detached' })

      // End it on 31/12/2009: the last day, not before the start. (Tab, not Enter, confirms a typed
      // date: Enter in the form's only field would send it at once.)
      await current.locator('[data-testid=position-end]').click()
      const modal = page.locator('.ant-modal-content')
      await modal.locator('[data-testid=position-end-form]').waitFor()
      await modal.locator('#valid_to').fill('31/12/2009')
      await page.keyboard.press('Tab')
      await shot(page, '92-position-end')
      await modal.locator('[data-testid=position-end-ok]').click()
      await page.locator('.ant-message-success', { hasText: '31/12/2009' }).waitFor()
      await modal.waitFor({ state: 'detached' })

      const ended = page.locator('[data-testid=positions-history] tbody tr.ant-table-row', { hasText: person.full_name })
      await ended.waitFor()
      const endedLine = await ended.innerText()
      for (const want of ['Phụ trách CNTT', '01/05/2008 – 31/12/2009', `Quyết định số ${decision}`]) {
        assert.ok(endedLine.includes(want), `${want} in ${endedLine}`)
      }
      assert.equal(await page.locator('[data-testid=positions-current] tbody tr.ant-table-row', { hasText: person.full_name }).count(), 0)
      await shot(page, '93-position-ended')

      // The API agrees: one position, ended on the day given.
      const after = (await get(baseURL, 'quanly', `/agencies/${me.agency_id}/positions`)).items.filter((p) => p.person_id === person.id)
      assert.equal(after.length, 1)
      assert.equal(after[0].valid_to.slice(0, 10), '2009-12-31')
      await page.context().close()
    })
  })
}
