// Browser tests of the certifications Home Affairs manages, to be registered
// by app.test.mjs (which owns the server and the browser): Home Affairs opens
// "Chứng nhận", sets the signer's name of the basic IT certification, issues
// a certificate of it by hand to a person with a reason, and finds it in the
// issued certificates.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiToken, newPage, shot, signIn } from './browser.mjs'

const BASIC_IT = 'Ứng dụng công nghệ thông tin cơ bản'

/** get calls the API as user and returns the decoded answer. */
async function get(baseURL, user, path) {
  const token = await apiToken(baseURL, user)
  const r = await fetch(`${baseURL}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })
  const text = await r.text()
  assert.ok(r.ok, `GET ${path}: ${r.status} ${text}`)
  return JSON.parse(text)
}

/** personWithoutCertificates finds an active person of the seed who holds no certificate at all (the learner hocvien is left to the other tests). */
async function personWithoutCertificates(baseURL) {
  const people = await get(baseURL, 'noivu', '/people?active=true&page_size=50&sort=code')
  for (const p of people.items) {
    if (p.full_name === 'Nguyễn Thị Lan') continue
    const held = await get(baseURL, 'noivu', `/certificates?q=${encodeURIComponent(p.full_name)}`)
    if (held.total === 0) return p
  }
  throw new Error('no person without certificates among the first 50')
}

/** todayVN is today's date in Vietnam as dd/mm/yyyy. */
function todayVN() {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date())
}

export function certAdminTests(env) {
  describe('certifications', () => {
    test('Home Affairs sets the signer of a certification, issues it by hand with a reason and finds the certificate', async () => {
      const { baseURL } = env.server()
      const person = await personWithoutCertificates(baseURL)
      const signer = 'Nguyễn Văn Hùng'
      const reason = 'Quyết định số 15/QĐ-SNV: cấp theo kết quả lớp bồi dưỡng tập trung'

      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'noivu')
      await page.locator('[data-testid=side-menu]').getByText('Chứng nhận', { exact: true }).click()
      await page.waitForURL('**/certifications')
      const table = page.locator('[data-testid=certification-table]')
      const row = table.locator('tbody tr.ant-table-row', { hasText: BASIC_IT })
      await row.waitFor()
      const text = await row.innerText()
      for (const want of ['CNTT-CB', 'Tin học cơ bản', 'Không thời hạn', 'Từ tệp khóa học', 'Hoàn thành khóa']) assert.ok(text.includes(want), `${want} in ${text}`)
      await shot(page, '70-certifications')

      // The signer's name; what earns it comes from the course files and is shown, not edited.
      await row.locator('[data-testid=certification-edit]').click()
      const drawer = page.locator('.ant-drawer-content')
      await drawer.locator('[data-testid=certification-form]').waitFor()
      await drawer.locator('[data-testid=requirements-from-files]').waitFor()
      assert.equal(await drawer.locator('[data-testid=requirements-editor]').count(), 0)
      await drawer.locator('[data-testid=certification-signer-name]').fill(signer)
      await shot(page, '71-certification-edit')
      await drawer.locator('[data-testid=certification-save]').click()
      await page.locator('.ant-message-success').waitFor()
      await drawer.waitFor({ state: 'detached' })
      await row.getByText(signer, { exact: false }).waitFor()

      // Issue by hand: the reason is required.
      await page.locator('[data-testid=issue-open]').click()
      const modal = page.locator('.ant-modal-content')
      await modal.locator('[data-testid=issue-form]').waitFor()
      await modal.getByRole('button', { name: 'Cấp', exact: true }).click()
      await modal.getByText('Bắt buộc nhập').first().waitFor()

      await modal.locator('[data-testid=pick-person] .ant-select').click()
      await page.keyboard.type(person.code)
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: person.code }).click()
      await modal.locator('[data-testid=pick-certification]').click()
      await page.keyboard.type('CNTT-CB')
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: BASIC_IT }).click()
      // Issued today unless told.
      assert.equal(await modal.locator('.ant-picker input').inputValue(), todayVN())
      await modal.locator('[data-testid=issue-reason]').fill(reason)
      await shot(page, '72-certificate-issue')
      await modal.getByRole('button', { name: 'Cấp', exact: true }).click()
      const done = page.locator('.ant-message-success', { hasText: 'Đã cấp chứng nhận' })
      await done.waitFor()
      const serial = /Đã cấp chứng nhận (\S+) cho/.exec(await done.innerText())?.[1]
      assert.ok(serial, await done.innerText())
      assert.ok((await done.innerText()).includes(person.full_name), await done.innerText())

      // Once only: a second certificate of it for the same person is refused.
      await page.locator('[data-testid=issue-open]').click()
      await modal.locator('[data-testid=issue-form]').waitFor()
      await modal.locator('[data-testid=pick-person] .ant-select').click()
      await page.keyboard.type(person.code)
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: person.code }).click()
      await modal.locator('[data-testid=pick-certification]').click()
      await page.keyboard.type('CNTT-CB')
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: BASIC_IT }).click()
      await modal.locator('[data-testid=issue-reason]').fill(reason)
      await modal.getByRole('button', { name: 'Cấp', exact: true }).click()
      await modal.locator('[data-testid=issue-error]').getByText('Người này đang có chứng nhận còn hiệu lực').waitFor()
      await modal.getByRole('button', { name: 'Hủy' }).click()
      await modal.waitFor({ state: 'detached' })

      // The issued certificates list has it, found by the holder's name.
      await page.locator('[data-testid=side-menu]').getByText('Chứng chỉ đã cấp', { exact: true }).click()
      await page.waitForURL('**/certificates')
      const searched = page.waitForResponse((r) => r.url().includes('/api/v1/certificates?') && r.url().includes('q='))
      await page.locator('[data-testid=cert-search]').fill(person.full_name)
      await searched
      const issued = page.locator('[data-testid=cert-table] tbody tr.ant-table-row', { hasText: serial })
      await issued.waitFor()
      const line = await issued.innerText()
      for (const want of [person.full_name, BASIC_IT, todayVN(), 'Còn hiệu lực']) assert.ok(line.includes(want), `${want} in ${line}`)
      // Issued by hand, not recorded: no evidence to download.
      assert.equal(await issued.locator('[data-testid=cert-evidence]').count(), 0)
      await shot(page, '73-certificate-issued')
      await page.context().close()
    })
  })
}
