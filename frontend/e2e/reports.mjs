// Browser tests of the six-monthly report ("Báo cáo 6 tháng"), to be
// registered by app.test.mjs (which owns the server and the browser): Home
// Affairs makes the reports of the two halves of 2009, watches them finish,
// downloads the XLSX, PDF and CSV, reads the frozen figures and compares the
// two periods; an agency manager's report covers their agency.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { apiGet, apiToken, newPage, shot, signIn } from './browser.mjs'

/** post calls the API as user and returns the decoded answer. */
async function post(baseURL, user, path, body) {
  const token = await apiToken(baseURL, user)
  const r = await fetch(`${baseURL}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await r.text()
  assert.ok(r.ok, `POST ${path}: ${r.status} ${text}`)
  return JSON.parse(text)
}

/** makeReport asks for the report of the period picked by its label and waits until the newest run is done; returns its id. */
async function makeReport(page, label) {
  // The list of half years is long: type the year to find it.
  await page.locator('[data-testid=report-period]').click()
  await page.locator('[data-testid=report-period] input').fill(label.slice(-4))
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).click()
  await page.locator('[data-testid=report-create]').click()
  const row = page.locator('[data-testid=report-runs] tbody tr.ant-table-row').first()
  await row.filter({ hasText: label }).waitFor()
  await row.getByText('Hoàn thành').waitFor({ timeout: 30_000 })
  return Number(await row.getAttribute('data-row-key'))
}

/** fetchFile clicks a download button and returns the file's name and bytes. */
async function fetchFile(page, testid) {
  const download = page.waitForEvent('download')
  await page.locator(`[data-testid=${testid}]`).click()
  const file = await download
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) }
}

export function reportTests(env) {
  describe('six-monthly report', () => {
    test('Home Affairs makes the reports of both halves of 2009, downloads them and compares the periods', async () => {
      const { baseURL } = env.server()
      // An IT officer appointed in August 2009 at Sở Tài chính: the second half counts one more.
      const stc = (await apiGet(baseURL, 'noivu', '/agencies')).items.find((a) => a.code === 'STC')
      const held = new Set((await apiGet(baseURL, 'noivu', `/agencies/${stc.id}/positions`)).items.map((p) => p.person_id))
      const person = (await apiGet(baseURL, 'noivu', `/people?agency_id=${stc.id}&active=true&page_size=50`)).items.find(
        (p) => p.agency_id === stc.id && !held.has(p.id),
      )
      await post(baseURL, 'noivu', '/positions', {
        person_id: person.id,
        agency_id: stc.id,
        role: 'it_officer',
        valid_from: '2009-08-01',
        decision_no: '25/QĐ-STC',
      })

      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'noivu')
      await page.locator('[data-testid=side-menu]').getByText('Báo cáo 6 tháng', { exact: true }).click()
      await page.waitForURL('**/reports')
      await page.getByRole('heading', { name: 'Báo cáo 6 tháng' }).waitFor()
      // The document's heading comes from the agency tree the first time.
      await page.getByText('Thông tin văn bản').click()
      assert.equal(await page.locator('#issuer').inputValue(), 'SỞ NỘI VỤ')
      assert.equal(await page.locator('#authority').inputValue(), 'UBND TỈNH HÀ TĨNH')
      await page.locator('#signer_name').fill('Nguyễn Văn Bình')

      const first = await makeReport(page, '6 tháng đầu năm 2009')
      const second = await makeReport(page, '6 tháng cuối năm 2009')
      await shot(page, '90-reports')

      const xlsx = await fetchFile(page, `report-xlsx-${second}`)
      assert.match(xlsx.name, /2009-H2.*\.xlsx$/)
      assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK')
      const pdf = await fetchFile(page, `report-pdf-${second}`)
      assert.match(pdf.name, /\.pdf$/)
      assert.equal(pdf.bytes.subarray(0, 4).toString('latin1'), '%PDF')
      const csv = await fetchFile(page, `report-csv-${second}`)
      const text = csv.bytes.toString('utf8')
      assert.ok(text.startsWith('\uFEFFKỳ báo cáo,Ngày số liệu,Mã chỉ tiêu'), text.slice(0, 80))
      assert.ok(text.includes('2009-H2,2009-12-31,IT-OFFICER'), 'the CSV has the IT-OFFICER rows')

      // The frozen figures are the dashboard's on 31/12/2009.
      const dash = await apiGet(baseURL, 'noivu', '/targets?as_of=2009-12-31')
      const itOfficer = dash.items.find((v) => v.code === 'IT-OFFICER')
      await page.locator(`[data-testid=report-view-${second}]`).click()
      const figures = page.locator('[data-testid=report-figures]')
      await figures.waitFor()
      assert.equal(await figures.locator('tbody tr.ant-table-row').count(), dash.items.length)
      const line = figures.locator('tbody tr.ant-table-row', { hasText: 'IT-OFFICER' })
      assert.ok((await line.innerText()).includes(`(${itOfficer.numerator}/${itOfficer.denominator})`), await line.innerText())
      await shot(page, '91-report-figures')
      await page.keyboard.press('Escape')

      // Compare: the second half has one IT officer more.
      await page.locator(`[data-testid=report-runs] tr[data-row-key="${first}"] .ant-checkbox-input`).check()
      await page.locator(`[data-testid=report-runs] tr[data-row-key="${second}"] .ant-checkbox-input`).check()
      await page.locator('[data-testid=report-compare-button]').click()
      const table = page.locator('[data-testid=report-compare]')
      await table.waitFor()
      const june = (await apiGet(baseURL, 'noivu', '/targets?as_of=2009-06-30')).items.find((v) => v.code === 'IT-OFFICER')
      assert.equal(itOfficer.numerator, june.numerator + 1)
      const delta = Math.round((itOfficer.percent - (june.percent ?? 0)) * 10) / 10
      assert.match(await table.locator('[data-testid=delta-IT-OFFICER]').innerText(), new RegExp(`^\\+${String(delta).replace('.', ',')} điểm %$`))
      await shot(page, '92-report-compare')
      await page.context().close()
    })

    test('an agency manager makes the report of their own agency', async () => {
      const { baseURL } = env.server()
      const me = await apiGet(baseURL, 'quanly', '/me')
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'quanly')
      await page.goto('/reports')
      await page.getByRole('heading', { name: 'Báo cáo 6 tháng' }).waitFor()
      await page.locator('[data-testid=report-form]').getByText(me.agency_name).waitFor()
      const id = await makeReport(page, '6 tháng cuối năm 2009')
      const row = page.locator(`[data-testid=report-runs] tr[data-row-key="${id}"]`)
      assert.ok((await row.innerText()).includes(me.agency_name))
      // Only their own runs are listed: none of Home Affairs'.
      const list = await apiGet(baseURL, 'quanly', '/reports')
      assert.ok(list.items.every((r) => r.agency_id === me.agency_id), JSON.stringify(list.items.map((r) => r.agency_id)))
      assert.equal(await page.locator('[data-testid=report-runs] tbody tr.ant-table-row').count(), list.items.length)
      await page.context().close()
    })
  })
}
