// Browser tests of an agency's facts and a person's degrees, to be
// registered by app.test.mjs (which owns the server and the browser): the
// agency manager opens "Thông tin đơn vị" from the agencies page, records a
// new official mailbox (the old one ends the day before), ends it, and
// records an IT degree with its scan on a person's page; Home Affairs sets
// an agency's validity days in the agency form.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { apiGet, newPage, shot, signIn } from './browser.mjs'

/** dmy writes yyyy-mm-dd as dd/mm/yyyy. */
const dmy = (d) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`

/** addDays moves a yyyy-mm-dd day by n days. */
function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** fillDate types a day into a date picker and leaves it with Tab (Enter would send a one-field form). */
async function fillDate(page, scope, selector, day) {
  await scope.locator(selector).fill(dmy(day))
  await page.keyboard.press('Tab')
}

/** PNG is the smallest valid PNG (1×1), as the scan of a diploma. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

export function factTests(env) {
  describe('agency facts', () => {
    test('an agency manager records a new official mailbox, which closes the old one, then ends it', async () => {
      const { baseURL } = env.server()
      const me = await apiGet(baseURL, 'quanly', '/me')
      const before = (await apiGet(baseURL, 'quanly', `/agencies/${me.agency_id}/mailboxes`)).items
      const open = before.find((m) => m.valid_to === null)
      const latest = before.map((m) => m.valid_from.slice(0, 10)).sort().at(-1)
      const from = latest && latest >= '2015-03-01' ? addDays(latest, 30) : '2015-03-01'
      const address = 'vanthu.e2e@hatinh.gov.vn'

      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'quanly')
      await page.locator('[data-testid=side-menu]').getByText('Đơn vị', { exact: true }).click()
      await page.locator('.ant-tree .ant-tree-title', { hasText: me.agency_name }).first().click()
      await page.waitForURL(`**/agencies/${me.agency_id}`)
      await page.locator('[data-testid=agency-facts-open]').click()
      await page.waitForURL(`**/agencies/${me.agency_id}/facts`)
      await page.getByRole('heading', { name: `Thông tin đơn vị: ${me.agency_name}` }).waitFor()
      // The IT staff first; a manager may not edit the agency itself.
      await page.locator('[data-testid=positions]').waitFor()
      assert.equal(await page.locator('[data-testid=facts-edit-agency]').count(), 0)
      await page.getByRole('tab', { name: 'Hộp thư công vụ' }).click()
      await page.waitForURL('**/facts?tab=mailboxes')
      await page.locator('[data-testid=mailboxes]').getByText('không ghi đè', { exact: false }).waitFor()
      if (open) await page.locator('[data-testid=mailboxes-current] tbody tr.ant-table-row', { hasText: open.address }).waitFor()
      await shot(page, '94-mailboxes')

      // A bad address is refused before it is sent; a good one from the day chosen is recorded.
      await page.locator('[data-testid=mailbox-add]').click()
      const modal = page.locator('.ant-modal-content')
      await modal.locator('[data-testid=mailbox-form]').waitFor()
      if (open) await modal.getByText(`(${open.address}) sẽ tự kết thúc`, { exact: false }).waitFor()
      await modal.locator('#address').fill('vanthu hatinh')
      await fillDate(page, modal, '#valid_from', from)
      await modal.locator('[data-testid=mailbox-save]').click()
      await modal.getByText('Địa chỉ thư điện tử không hợp lệ').waitFor()
      await modal.locator('#address').fill(`  ${address.toUpperCase()} `)
      await shot(page, '95-mailbox-add')
      await modal.locator('[data-testid=mailbox-save]').click()
      await page.locator('.ant-message-success', { hasText: `Đã ghi hộp thư ${address} từ ngày ${dmy(from)}` }).waitFor()
      await modal.waitFor({ state: 'detached' })

      const row = page.locator('[data-testid=mailboxes-current] tbody tr.ant-table-row', { hasText: address })
      await row.waitFor()
      assert.ok((await row.innerText()).includes(`${dmy(from)} – nay`), await row.innerText())
      if (open) {
        // The old address moved to the history, ending the day before.
        const old = page.locator('[data-testid=mailboxes-history] tbody tr.ant-table-row', { hasText: open.address })
        await old.waitFor()
        assert.ok((await old.innerText()).includes(`– ${dmy(addDays(from, -1))}`), await old.innerText())
      }

      // End it on its first day: allowed (not before it).
      await row.locator('[data-testid=mailbox-end]').click()
      await modal.locator('#valid_to').waitFor()
      await fillDate(page, modal, '#valid_to', from)
      await modal.locator('[data-testid=mailbox-end-ok]').click()
      await page.locator('.ant-message-success', { hasText: `ngày cuối ${dmy(from)}` }).waitFor()
      await modal.waitFor({ state: 'detached' })
      const ended = page.locator('[data-testid=mailboxes-history] tbody tr.ant-table-row', { hasText: address })
      await ended.waitFor()
      assert.ok((await ended.innerText()).includes(`${dmy(from)} – ${dmy(from)}`), await ended.innerText())
      await page.locator('[data-testid=mailboxes]').getByText('Hiện chưa có hộp thư công vụ').waitFor()
      await shot(page, '96-mailbox-ended')

      // The API agrees: one more address, ended on its first day.
      const after = (await apiGet(baseURL, 'quanly', `/agencies/${me.agency_id}/mailboxes`)).items
      assert.equal(after.length, before.length + 1)
      const mine = after.find((m) => m.address === address)
      assert.equal(mine.valid_from.slice(0, 10), from)
      assert.equal(mine.valid_to.slice(0, 10), from)
      await page.context().close()
    })

    test('Home Affairs sets an agency\'s validity days in the agency form', async () => {
      const { baseURL } = env.server()
      const agencies = (await apiGet(baseURL, 'noivu', '/agencies')).items
      const a = agencies.find((x) => x.level === 'commune' && !x.valid_from && !x.valid_to)
      assert.ok(a, 'a commune without validity days')
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'noivu')
      await page.goto(`/agencies/${a.id}/facts`)
      await page.getByRole('heading', { name: `Thông tin đơn vị: ${a.name}` }).waitFor()
      await page.locator('[data-testid=facts-agency]').getByText('Đang hoạt động').waitFor()
      await page.locator('[data-testid=facts-edit-agency]').click()
      const modal = page.locator('.ant-modal-content')
      // A last day before the first is refused on the spot.
      await fillDate(page, modal, '#valid_from', '2008-01-01')
      await fillDate(page, modal, '#valid_to', '2007-12-31')
      await modal.getByRole('button', { name: 'Lưu' }).click()
      await modal.getByText('Phải sau ngày bắt đầu hiệu lực').waitFor()
      await fillDate(page, modal, '#valid_to', '2030-12-31')
      // It took over Sở Tư pháp (a merger).
      await modal.locator('.ant-select:has(#successor_of)').click()
      await page.keyboard.type('tu phap')
      await page.locator('.ant-select-tree-node-content-wrapper', { hasText: 'Sở Tư pháp' }).first().click()
      await modal.getByRole('button', { name: 'Lưu' }).click()
      await modal.waitFor({ state: 'detached' })
      const facts = page.locator('[data-testid=facts-agency]')
      await facts.getByText('01/01/2008').waitFor()
      await facts.getByText('31/12/2030').waitFor()
      await facts.getByText('Sở Tư pháp').waitFor()
      const saved = (await apiGet(baseURL, 'noivu', `/agencies/${a.id}`))
      assert.equal(saved.valid_from.slice(0, 10), '2008-01-01')
      assert.equal(saved.valid_to.slice(0, 10), '2030-12-31')
      const stp = (await apiGet(baseURL, 'noivu', '/agencies')).items.find((x) => x.code === 'STP')
      assert.equal(saved.successor_of, stp.id)
      await page.context().close()
    })
  })

  describe('degrees', () => {
    test('an agency manager records a person\'s IT degree with its scan, on the person\'s page', async () => {
      const { baseURL } = env.server()
      const me = await apiGet(baseURL, 'quanly', '/me')
      const people = await apiGet(baseURL, 'quanly', `/people?agency_id=${me.agency_id}&active=true&page_size=20&sort=code`)
      const person = people.items.find((p) => p.id !== me.person_id)
      const before = (await apiGet(baseURL, 'quanly', `/people/${person.id}/qualifications`)).items

      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'quanly')
      await page.goto(`/people/${person.id}`)
      const panel = page.locator('[data-testid=degrees]')
      await panel.getByText('Văn bằng chuyên môn').waitFor()
      await page.waitForFunction(() => !document.querySelector('[data-testid=degrees] .ant-spin-spinning'))
      assert.equal(await panel.locator('tbody tr.ant-table-row').count(), before.length)

      await panel.locator('[data-testid=degree-add]').click()
      const drawer = page.locator('.ant-drawer-content')
      await drawer.locator('[data-testid=degree-form]').waitFor()
      // Field and award day are required; the level starts at Đại học, in IT.
      await drawer.locator('[data-testid=degree-save]').click()
      await drawer.getByText('Bắt buộc nhập').first().waitFor()
      assert.ok((await drawer.locator('.ant-select-selection-item').allInnerTexts()).includes('Đại học'))
      await drawer.locator('[data-testid=degree-level]').click()
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Thạc sĩ' }).click()
      await drawer.locator('[data-testid=degree-field]').fill('Hệ thống thông tin')
      await fillDate(page, drawer, '#awarded_on', '2009-03-15')
      await drawer.locator('[data-testid=degree-institution]').fill('Trường Đại học Vinh')
      await drawer.locator('[data-testid=degree-evidence] input[type=file]').setInputFiles({ name: 'bang-thac-si.png', mimeType: 'image/png', buffer: PNG })
      await drawer.getByText('bang-thac-si.png').waitFor()
      await shot(page, '97-degree-add')
      await drawer.locator('[data-testid=degree-save]').click()
      await page.locator('.ant-message-success', { hasText: `Đã ghi văn bằng của ${person.full_name}` }).waitFor()
      await drawer.waitFor({ state: 'detached' })

      const row = panel.locator('tbody tr.ant-table-row', { hasText: 'Hệ thống thông tin' })
      await row.waitFor()
      const line = await row.innerText()
      for (const want of ['Thạc sĩ', 'Ngành CNTT', '15/03/2009', 'Trường Đại học Vinh', 'bang-thac-si.png']) {
        assert.ok(line.includes(want), `${want} in ${line}`)
      }
      await shot(page, '98-degrees')
      const after = (await apiGet(baseURL, 'quanly', `/people/${person.id}/qualifications`)).items
      assert.equal(after.length, before.length + 1)
      const mine = after.find((q) => q.field === 'Hệ thống thông tin')
      assert.equal(mine.level, 'master')
      assert.equal(mine.it_field, true)
      assert.equal(mine.awarded_on.slice(0, 10), '2009-03-15')
      // The scan is downloaded as it was recorded.
      const download = page.waitForEvent('download')
      await panel.locator(`[data-testid=degree-evidence-${mine.id}]`).click()
      const file = await download
      assert.equal(file.suggestedFilename(), 'bang-thac-si.png')
      assert.deepEqual(await readFile(await file.path()), PNG)
      await page.context().close()
    })
  })
}
