// Browser tests of editing the targets ("Quản lý chỉ tiêu", a tab of the
// targets screen), to be registered by app.test.mjs (which owns the server
// and the browser): Home Affairs adds a target from the vocabulary, seeing
// only the params it needs, finds it on the dashboard, stops following it;
// a code taken and a stale version are said plainly; a manager has no tab.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiGet, apiToken, newPage, shot, signIn } from './browser.mjs'

/** pick chooses the option named text in the open dropdown of the select with test id id. */
async function pick(page, scope, id, text) {
  await scope.locator(`[data-testid=${id}]`).click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click()
}

/** openManage opens the targets screen on its editing tab as user. */
async function openManage(page) {
  await page.goto('/targets')
  await page.getByRole('tab', { name: 'Quản lý chỉ tiêu' }).click()
  await page.waitForURL('**/targets?view=manage')
  await page.locator('[data-testid=target-defs] tbody tr.ant-table-row').first().waitFor()
}

/** row is the editing table's row of a target code. */
const row = (page, code) => page.locator('[data-testid=target-defs] tbody tr.ant-table-row', { has: page.locator('.ant-tag', { hasText: new RegExp(`^${code}$`) }) })

export function targetEditTests(env) {
  describe('targets editing', () => {
    test('Home Affairs adds a target from the vocabulary, sees it computed, then stops following it', async () => {
      const { baseURL } = env.server()
      const defs = (await apiGet(baseURL, 'noivu', '/targets/definitions')).items
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'noivu')
      await openManage(page)
      assert.equal(await page.locator('[data-testid=target-defs] tbody tr.ant-table-row').count(), defs.length)
      await shot(page, '99-target-defs')

      await page.locator('[data-testid=target-add]').click()
      const drawer = page.locator('.ant-drawer-content')
      await drawer.locator('[data-testid=target-form]').waitFor()
      // A new target starts as "someone holds the position": the position is asked, nothing else.
      assert.equal(await drawer.locator('[data-testid=target-role]').count(), 1)
      assert.equal(await drawer.locator('[data-testid=target-certification]').count(), 0)
      await drawer.locator('[data-testid=target-code]').fill('xa-hop-thu')
      assert.equal(await drawer.locator('[data-testid=target-code]').inputValue(), 'XA-HOP-THU')
      await drawer.locator('[data-testid=target-text-vi]').fill('100% UBND cấp xã có hộp thư công vụ')
      await drawer.locator('[data-testid=target-section]').fill('I.2.3')
      await pick(page, drawer, 'target-population', 'Đơn vị theo cấp')
      await pick(page, drawer, 'target-metric', 'Có hộp thư công vụ')
      // The levels are asked now; the position no longer is.
      await drawer.locator('[data-testid=target-levels]').waitFor()
      assert.equal(await drawer.locator('[data-testid=target-role]').count(), 0)
      await drawer.locator('[data-testid=target-save]').click()
      await drawer.getByText('Bắt buộc nhập').first().waitFor()
      await pick(page, drawer, 'target-levels', 'Cấp xã')
      await page.keyboard.press('Escape')
      await shot(page, '100-target-add')
      await drawer.locator('[data-testid=target-save]').click()
      await page.locator('.ant-message-success', { hasText: 'Đã thêm chỉ tiêu XA-HOP-THU' }).waitFor()
      await drawer.waitFor({ state: 'detached' })
      await row(page, 'XA-HOP-THU').waitFor()

      // It is computed on the dashboard, as the API computes it.
      await page.getByRole('tab', { name: 'Tổng quan' }).click()
      const card = page.locator('[data-testid=target-card][data-code="XA-HOP-THU"]')
      await card.waitFor()
      const mine = (await apiGet(baseURL, 'noivu', '/targets')).items.find((v) => v.code === 'XA-HOP-THU')
      assert.ok(mine, 'the API computes the new target')
      assert.match(await card.locator('[data-testid=target-count]').innerText(), new RegExp(`/${mine.denominator.toLocaleString('vi-VN').replace('.', '\\.')} đơn vị`))
      assert.equal(await card.locator('[data-testid=target-rule]').innerText(), 'Đạt 100%')

      // The same code again is refused on the code field.
      await page.getByRole('tab', { name: 'Quản lý chỉ tiêu' }).click()
      await page.locator('[data-testid=target-add]').click()
      await drawer.locator('[data-testid=target-code]').fill('XA-HOP-THU')
      await drawer.locator('[data-testid=target-text-vi]').fill('Trùng mã')
      await drawer.locator('[data-testid=target-save]').click()
      await drawer.locator('#code_help', { hasText: 'Đã được sử dụng' }).waitFor()
      await drawer.getByRole('button', { name: 'Hủy' }).click()
      await drawer.waitFor({ state: 'detached' })

      // Stop following it: it stays in the list, off the dashboard.
      await row(page, 'XA-HOP-THU').locator('[data-testid=target-edit]').click()
      await drawer.locator('[data-testid=target-active]').click()
      await drawer.locator('[data-testid=target-save]').click()
      await page.locator('.ant-message-success', { hasText: 'Đã lưu chỉ tiêu XA-HOP-THU' }).waitFor()
      await row(page, 'XA-HOP-THU').locator('[data-testid=target-def-active]', { hasText: 'Ngừng theo dõi' }).waitFor()
      await page.getByRole('tab', { name: 'Tổng quan' }).click()
      await page.locator('[data-testid=target-card]').first().waitFor()
      await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'))
      assert.equal(await page.locator('[data-testid=target-card][data-code="XA-HOP-THU"]').count(), 0)
      await page.context().close()
    })

    test('a change made meanwhile is said plainly, and the latest is a click away', async () => {
      const { baseURL } = env.server()
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'noivu')
      await openManage(page)
      const drawer = page.locator('.ant-drawer-content')
      await row(page, 'IT-DEGREE').locator('[data-testid=target-edit]').click()
      await drawer.locator('[data-testid=target-form]').waitFor()
      // Someone else changes the text meanwhile.
      const d = (await apiGet(baseURL, 'noivu', '/targets/definitions')).items.find((x) => x.code === 'IT-DEGREE')
      const token = await apiToken(baseURL, 'admin')
      const other = `${d.text_vi} (sửa bởi quản trị)`
      const r = await fetch(`${baseURL}/api/v1/targets/${d.id}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...d, text_vi: other, deadline: d.deadline.slice(0, 10), id: undefined }),
      })
      assert.equal(r.status, 200, await r.text())

      await drawer.locator('#threshold').fill('65')
      await drawer.locator('[data-testid=target-save]').click()
      await drawer.locator('[data-testid=target-conflict]').getByText('vừa được người khác thay đổi', { exact: false }).waitFor()
      await shot(page, '101-target-conflict')
      await drawer.locator('[data-testid=target-take-latest]').click()
      await drawer.locator('[data-testid=target-conflict]').waitFor({ state: 'detached' })
      assert.equal(await drawer.locator('[data-testid=target-text-vi]').inputValue(), other)
      await drawer.locator('[data-testid=target-save]').click()
      await page.locator('.ant-message-success', { hasText: 'Đã lưu chỉ tiêu IT-DEGREE' }).waitFor()
      const after = (await apiGet(baseURL, 'noivu', '/targets/definitions')).items.find((x) => x.code === 'IT-DEGREE')
      assert.equal(after.text_vi, other)
      assert.equal(after.version, d.version + 2)
      await page.context().close()
    })

    test('the cards project each value at the deadline, and say nothing past it', async () => {
      const { baseURL } = env.server()
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'noivu')
      await page.goto('/targets?as_of=2009-12-31')
      await page.locator('[data-testid=target-card] svg').first().waitFor()
      await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'))
      const lines = page.locator('[data-testid=target-projection]')
      assert.ok((await lines.count()) > 0, 'some card projects its value')
      for (const line of await lines.all()) {
        const text = await line.innerText()
        assert.match(text, /Dự báo đến hạn \d\d\/\d\d\/20\d\d:\s*\d{1,3}(,\d)?%\s*(đã đạt|kịp đạt|không kịp)/, text)
      }
      await shot(page, '102-target-projection')
      // Today is past every deadline of the decision: no projection.
      await page.getByRole('button', { name: 'Hôm nay' }).click()
      await page.waitForURL((u) => !u.search.includes('as_of'))
      const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date())
      await page.locator('[data-testid=target-tally]', { hasText: `tính đến ngày ${today}` }).waitFor()
      await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'))
      assert.equal(await lines.count(), 0)
      await page.context().close()
    })

    test('an agency manager has no editing tab', async () => {
      const { baseURL } = env.server()
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'quanly')
      await page.goto('/targets?view=manage')
      await page.locator('[data-testid=target-card]').first().waitFor()
      assert.equal(await page.getByRole('tab', { name: 'Quản lý chỉ tiêu' }).count(), 0)
      assert.equal(await page.getByRole('tab', { name: 'Tổng quan', selected: true }).count(), 1)
      await page.context().close()
    })
  })
}
