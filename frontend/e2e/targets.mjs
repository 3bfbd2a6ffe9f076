// Browser tests of the targets screen ("Chỉ tiêu"), to be registered by
// app.test.mjs (which owns the server and the browser): Home Affairs opens
// it, sees the decision's ten targets with the figures the API gives,
// switches the day to the report of 31/12/2009 and the address keeps it; an
// agency manager sees their own agency only.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiToken, newPage, shot, signIn } from './browser.mjs'

const STATUSES = ['Đã đạt', 'Không đạt', 'Đúng tiến độ', 'Có nguy cơ', 'Chưa có dữ liệu']

/** get calls the API as user and returns the decoded answer. */
async function get(baseURL, user, path) {
  const token = await apiToken(baseURL, user)
  const r = await fetch(`${baseURL}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })
  const text = await r.text()
  assert.ok(r.ok, `GET ${path}: ${r.status} ${text}`)
  return JSON.parse(text)
}

/** viNumber writes n the Vietnamese way (3.120). */
const viNumber = (n) => n.toLocaleString('vi-VN')

/** cardsSettled waits until no spinner covers the cards. */
async function cardsSettled(page) {
  await page.locator('[data-testid=target-card]').first().waitFor()
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'))
}

/** countsOf reads "numerator/denominator" of each card, by target code. */
async function countsOf(page) {
  const out = {}
  for (const card of await page.locator('[data-testid=target-card]').all()) {
    out[await card.getAttribute('data-code')] = (await card.locator('[data-testid=target-count]').innerText()).trim()
  }
  return out
}

export function targetTests(env) {
  describe('targets', () => {
    test('Home Affairs opens "Chỉ tiêu", sees the ten targets, and the day of a report stays in the address', async () => {
      const { baseURL } = env.server()
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'noivu')
      await page.locator('[data-testid=side-menu]').getByText('Chỉ tiêu', { exact: true }).click()
      await page.waitForURL('**/targets')
      await page.getByRole('heading', { name: 'Chỉ tiêu' }).waitFor()
      await cardsSettled(page)

      const cards = page.locator('[data-testid=target-card]')
      assert.equal(await cards.count(), 10)
      const codes = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))
      for (const want of ['IT-OFFICER', 'CIO-70', 'STAFF-IT', 'EMAIL-DC-60', 'IT-DEGREE']) assert.ok(codes.includes(want), `${want} in ${codes}`)
      // The whole province, today, as the API computes it.
      assert.equal(await page.locator('[data-testid=target-agency-select] .ant-select-selection-placeholder').innerText(), 'Toàn tỉnh')
      const today = await get(baseURL, 'noivu', '/targets')
      const cio70 = cards.filter({ has: page.locator('[data-testid=target-rule]', { hasText: 'Trên 70%' }) }).first()
      assert.equal(await cio70.getAttribute('data-code'), 'CIO-70')
      const card = (code) => page.locator(`[data-testid=target-card][data-code="${code}"]`)
      for (const v of today.items) {
        const c = card(v.code)
        assert.equal(await c.locator('[data-testid=target-count]').innerText().then((s) => s.split(' ')[0]), `${viNumber(v.numerator)}/${viNumber(v.denominator)}`, v.code)
        assert.ok(STATUSES.includes(await c.locator('[data-testid=target-status]').innerText()), v.code)
      }
      assert.match(await card('IT-OFFICER').locator('[data-testid=target-count]').innerText(), /đơn vị$/)
      assert.match(await card('STAFF-IT').locator('[data-testid=target-count]').innerText(), /cán bộ$/)
      assert.equal(await card('IT-OFFICER').locator('[data-testid=target-rule]').innerText(), 'Đạt 100%')
      assert.equal(await card('EMAIL-DC-60').locator('[data-testid=target-rule]').innerText(), 'Từ 60% trở lên')
      assert.match(await card('MAILBOX-2009').locator('[data-testid=target-deadline]').innerText(), /31\/12\/2009/)
      // Each card has its trend with the threshold dashed.
      await card('CIO-70').locator('[data-testid=trend-chart] svg[role=img]').waitFor()
      assert.equal(await card('CIO-70').locator('[data-testid=trend-threshold]').count(), 1)
      await shot(page, '80-targets')

      // The report of 31/12/2009: the past report days are fetched for the trend, and the address keeps the day.
      await page.locator('[data-testid=day-2009-12-31]').click()
      await page.waitForURL((u) => u.searchParams.get('as_of') === '2009-12-31')
      // The picker shows the day once the page has re-rendered from the address.
      await page.waitForFunction(() => document.querySelector('[data-testid=as-of] input')?.value === '31/12/2009')
      await cardsSettled(page)
      const then = await get(baseURL, 'noivu', '/targets?as_of=2009-12-31')
      const counts = await countsOf(page)
      for (const v of then.items) assert.equal(counts[v.code].split(' ')[0], `${viNumber(v.numerator)}/${viNumber(v.denominator)}`, v.code)
      // Past its deadline (31/12/2008), CIO-WAVE-2008 is decided: met or missed; on its deadline day MAILBOX-2009 is not yet.
      assert.ok(['Đã đạt', 'Không đạt', 'Chưa có dữ liệu'].includes(await card('CIO-WAVE-2008').locator('[data-testid=target-status]').innerText()))
      const mailbox = then.items.find((v) => v.code === 'MAILBOX-2009')
      if (mailbox.percent !== null) assert.ok(['Đúng tiến độ', 'Có nguy cơ'].includes(await card('MAILBOX-2009').locator('[data-testid=target-status]').innerText()))
      // The trend of 31/12/2009 runs over 30/06/2008, 31/12/2008, 30/06/2009 and the day itself.
      const table = card('CIO-70').locator('[data-testid=trend-chart] table tbody tr')
      assert.equal(await table.count(), 4)
      await shot(page, '81-targets-2009')

      await page.reload()
      await cardsSettled(page)
      assert.equal(new URL(page.url()).searchParams.get('as_of'), '2009-12-31')
      assert.equal(await page.locator('[data-testid=as-of] input').inputValue(), '31/12/2009')
      assert.deepEqual(await countsOf(page), counts)

      // "Hôm nay" leaves the day out of the address again.
      await page.locator('[data-testid=day-today]').click()
      await page.waitForURL((u) => !u.searchParams.has('as_of'))
      await page.context().close()
    })

    test('Home Affairs opens the table by agency and drills down to the professional staff a target lacks', async () => {
      const { baseURL } = env.server()
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'noivu')
      await page.goto('/targets?as_of=2009-12-31&view=agencies')
      const table = page.locator('[data-testid=target-agency-table]')
      await table.locator('[data-testid=target-cell]').first().waitFor()
      const rows = await get(baseURL, 'noivu', '/targets/agencies?as_of=2009-12-31')
      assert.equal(await table.locator('[data-testid=target-cell][data-code="STAFF-IT"]').count(), rows.items.length)
      await shot(page, '83-targets-by-agency')
      // The first agency's STAFF-IT cell opens what it lacks: the people, counted as the API counts them.
      const first = rows.items[0]
      const cell = first.values.find((v) => v.code === 'STAFF-IT')
      await table.locator('[data-testid=target-cell][data-code="STAFF-IT"]').first().click()
      const drawer = page.locator('[data-testid=missing-drawer]')
      await drawer.locator('[data-testid=missing-sentence]').waitFor()
      assert.match(await drawer.locator('[data-testid=missing-sentence]').innerText(), /Cán bộ chưa có chứng nhận/)
      const missing = await get(baseURL, 'noivu', `/targets/STAFF-IT/missing?as_of=2009-12-31&agency_id=${first.agency_id}`)
      assert.equal(missing.total, cell.denominator - cell.numerator)
      await shot(page, '84-targets-missing')
      await page.context().close()
    })

    test('an agency manager sees the targets of their own agency only', async () => {
      const { baseURL } = env.server()
      const me = await get(baseURL, 'quanly', '/me')
      const mine = await get(baseURL, 'quanly', '/targets')
      const province = await get(baseURL, 'noivu', '/targets')
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'quanly')
      await page.locator('[data-testid=side-menu]').getByText('Chỉ tiêu', { exact: true }).click()
      await page.waitForURL('**/targets')
      await cardsSettled(page)
      assert.equal(await page.locator('[data-testid=target-card]').count(), 10)
      // The agency is fixed: no picker, the manager's own agency named.
      assert.equal(await page.locator('[data-testid=target-agency-select]').count(), 0)
      assert.equal((await page.locator('[data-testid=target-agency]').innerText()).trim(), me.agency_name)
      const counts = await countsOf(page)
      for (const v of mine.items) assert.equal(counts[v.code].split(' ')[0], `${viNumber(v.numerator)}/${viNumber(v.denominator)}`, v.code)
      // Fewer people than the province: one district, not all of them.
      const staff = (r) => r.items.find((v) => v.code === 'STAFF-NET-60').denominator
      assert.ok(staff(mine) < staff(province), `${staff(mine)} < ${staff(province)}`)
      await shot(page, '82-targets-manager')

      // Another agency in the address changes nothing: the page asks for the manager's own.
      const asked = []
      page.on('request', (r) => r.url().includes('/api/v1/targets') && asked.push(new URL(r.url())))
      await page.goto('/targets?agency_id=1&as_of=2010-12-31')
      await cardsSettled(page)
      assert.ok(asked.length > 0)
      for (const u of asked) assert.equal(u.searchParams.get('agency_id'), null, u.href)
      await page.context().close()
    })
  })
}
