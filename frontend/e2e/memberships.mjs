// Browser test of a person's work history ("Quá trình công tác"), to be
// registered by app.test.mjs: Home Affairs records a transfer that took
// effect on a past day; the old agency ends the day before.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiGet, newPage, shot, signIn } from './browser.mjs'

export function membershipTests(env) {
  describe('work history', () => {
    test('Home Affairs moves a person to another department from 01/07/2009 and sees the history', async () => {
      const { baseURL } = env.server()
      const snv = (await apiGet(baseURL, 'noivu', '/agencies')).items.find((a) => a.code === 'SNV')
      const people = (await apiGet(baseURL, 'noivu', `/people?agency_id=${snv.id}&active=true&page_size=50`)).items
      let person
      // The last of the list: the demo accounts' people come first and stay where other tests expect them.
      for (const p of people.filter((x) => x.agency_id === snv.id).reverse()) {
        const hist = await apiGet(baseURL, 'noivu', `/people/${p.id}/memberships`)
        if (hist.items.length === 1 && hist.items[0].valid_from < '2009-07-01') {
          person = p
          break
        }
      }
      assert.ok(person, 'someone at Sở Nội vụ since before July 2009')

      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'noivu')
      await page.goto(`/people/${person.id}`)
      const history = page.locator('[data-testid=memberships]')
      await history.locator('tbody tr.ant-table-row').first().waitFor()
      assert.equal(await history.locator('tbody tr.ant-table-row').count(), 1)
      await page.getByRole('button', { name: 'Sửa' }).click()
      const drawer = page.locator('.ant-drawer-content')
      await drawer.waitFor()
      await drawer.locator('.ant-select:has(#agency_id)').click()
      await page.keyboard.type('tu phap')
      await page.locator('.ant-select-tree-node-content-wrapper', { hasText: 'Sở Tư pháp' }).first().click()
      await page.locator('#moved_on').fill('01/07/2009')
      await page.keyboard.press('Enter')
      await shot(page, '99a-person-move')
      await page.locator('[data-testid=person-save]').click()
      await page.locator('.ant-message-success').waitFor()
      await history.locator('tbody tr.ant-table-row').nth(1).waitFor()
      const rows = await history.locator('tbody tr.ant-table-row').allInnerTexts()
      assert.match(rows[0], /Sở Tư pháp\s+01\/07\/2009\s+Hiện nay/)
      assert.match(rows[1], /Sở Nội vụ\s+\S+\s+30\/06\/2009/)
      await shot(page, '99b-person-history')
      await page.context().close()
    })
  })
}
