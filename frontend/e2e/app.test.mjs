// Browser tests against the real server (see harness.mjs). Run: npm run e2e
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, test } from 'node:test'
import { apiToken, launch, menuLabels, newPage, shot, signIn } from './browser.mjs'
import { bankTests } from './bank.mjs'
import { certTests } from './certs.mjs'
import { certAdminTests } from './certadmin.mjs'
import { positionTests } from './positions.mjs'
import { factTests } from './facts.mjs'
import { targetEditTests } from './targetedit.mjs'
import { targetTests } from './targets.mjs'
import { reportTests } from './reports.mjs'
import { membershipTests } from './memberships.mjs'
import { courseTests } from './courses.mjs'
import { quizTests } from './quiz.mjs'
import { quizAdminTests } from './quizadmin.mjs'
import { startServer } from './harness.mjs'

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launch()
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

// "Chứng chỉ của tôi" is for accounts linked to a person; the seeded admin has none.
const learning = ['Khóa học của tôi', 'Chứng chỉ của tôi', 'Danh mục khóa học']
const menus = {
  hocvien: [...learning, 'Hồ sơ của tôi'],
  giangvien: [...learning, 'Soạn khóa học', 'Ngân hàng câu hỏi', 'Chấm bài tự luận', 'Hồ sơ của tôi'],
  quanly: [...learning, 'Đơn vị', 'Cán bộ', 'Chứng chỉ đã cấp', 'Chứng nhận', 'Chỉ tiêu', 'Báo cáo 6 tháng', 'Nhập danh sách', 'Hồ sơ của tôi'],
  noivu: [...learning, 'Đơn vị', 'Cán bộ', 'Chứng chỉ đã cấp', 'Chứng nhận', 'Chỉ tiêu', 'Báo cáo 6 tháng', 'Nhập danh sách', 'Nhật ký', 'Hồ sơ của tôi'],
  admin: [
    'Khóa học của tôi',
    'Danh mục khóa học',
    'Soạn khóa học',
    'Ngân hàng câu hỏi',
    'Chấm bài tự luận',
    'Đơn vị',
    'Cán bộ',
    'Chứng chỉ đã cấp',
    'Chứng nhận',
    'Chỉ tiêu',
    'Báo cáo 6 tháng',
    'Nhập danh sách',
    'Nhật ký',
    'Tài khoản',
    'Hồ sơ của tôi',
  ],
}

describe('sign-in', () => {
  test('the sign-in page is in Vietnamese and says why a sign-in failed', async () => {
    const page = await newPage(browser, server.baseURL)
    await page.goto('/')
    await page.waitForURL('**/login')
    await page.getByText('Tên đăng nhập').first().waitFor()
    await shot(page, '01-login')
    await page.locator('#username').fill('khong-co-ai')
    await page.locator('#password').fill('sai-mat-khau')
    await page.locator('form button[type=submit]').click()
    const err = page.locator('[data-testid=login-error]')
    await err.waitFor()
    assert.match(await err.innerText(), /Tên đăng nhập hoặc mật khẩu không đúng/)
    await page.context().close()
  })

  for (const [username, want] of Object.entries(menus)) {
    test(`${username} sees the menu of the role`, async () => {
      const page = await newPage(browser, server.baseURL)
      await signIn(page, username)
      assert.deepEqual(await menuLabels(page), want)
      if (username === 'hocvien') {
        // A route the role may not use lands on the profile page.
        await page.goto('/people')
        await page.waitForURL('**/profile')
        await page.getByRole('heading', { name: 'Hồ sơ của tôi' }).waitFor()
        await shot(page, '09-profile-learner')
      }
      await page.context().close()
    })
  }

  test('the session survives a reload (refresh cookie) and ends on sign-out', async () => {
    const page = await newPage(browser, server.baseURL)
    await signIn(page, 'noivu')
    await page.reload()
    await page.locator('[data-testid=side-menu]').waitFor()
    assert.match(await page.locator('[data-testid=current-role]').innerText(), /Sở Nội vụ/)
    await page.getByRole('button', { name: 'Đăng xuất' }).click()
    await page.waitForURL('**/login')
    await page.reload()
    await page.locator('#username').waitFor()
    await page.context().close()
  })
})

describe('people', () => {
  test('searching "nguyen van an" finds Nguyễn Văn An', async () => {
    const page = await newPage(browser, server.baseURL)
    await signIn(page, 'noivu')
    await page.goto('/people')
    const total = page.locator('[data-testid=people-table] .ant-pagination-total-text')
    await total.waitFor()
    const everyone = count(await total.innerText())
    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/people?') && r.url().includes('q=nguyen+van+an'))
    await page.locator('[data-testid=people-search]').fill('nguyen van an')
    await searched
    await page.waitForFunction(
      (n) => {
        const t = document.querySelector('[data-testid=people-table] .ant-pagination-total-text')
        return t && Number(t.textContent.replace(/\D/g, '')) < n
      },
      everyone,
    )
    const names = await page.locator('[data-testid=people-table] tbody td:first-child a').allInnerTexts()
    assert.ok(names.includes('Nguyễn Văn An'), `got ${names.join(', ')}`)
    const cell = page.locator('[data-testid=people-table] tbody a', { hasText: 'Nguyễn Văn An' }).first()
    await shot(page, '03-people-search')
    // The export carries the same filters, fetched with the bearer token.
    for (const [button, ext] of [['Xuất CSV', '.csv'], ['Xuất Excel', '.xlsx']]) {
      const download = page.waitForEvent('download')
      await page.getByRole('button', { name: button }).click()
      const file = await download
      assert.ok(file.suggestedFilename().endsWith(ext), file.suggestedFilename())
      if (ext === '.csv') {
        const text = await readFile(await file.path(), 'utf8')
        assert.match(text, /Nguyễn,Văn,An,/) // family, middle and given name columns
        assert.equal(text.trim().split(/\r?\n/).length, 2, 'header and one person')
      }
    }
    await cell.click()
    await page.locator('[data-testid=person-details]').waitFor()
    assert.match(await page.locator('[data-testid=person-details]').innerText(), /Nguyễn Văn An/)
    await shot(page, '04-person')
    await page.context().close()
  })
})

describe('agencies', () => {
  test('the tree filters without diacritics and shows an agency', async () => {
    const page = await newPage(browser, server.baseURL)
    await signIn(page, 'noivu')
    await page.goto('/agencies')
    await page.locator('[data-testid=agency-search]').fill('can loc')
    const node = page.locator('.ant-tree-title', { hasText: 'Huyện Can Lộc' }).first()
    await node.click()
    await page.waitForURL(/\/agencies\/\d+/)
    const details = page.locator('[data-testid=agency-details]')
    await details.waitFor()
    assert.match(await details.innerText(), /Cấp huyện/)
    await shot(page, '02-agencies')
    await page.context().close()
  })
})

describe('import', () => {
  test('a CSV with a bad row shows the row errors and the error report', async () => {
    const token = await apiToken(server.baseURL, 'noivu')
    const csv = await importCsv(server.baseURL, token)
    const page = await newPage(browser, server.baseURL)
    await signIn(page, 'noivu')
    await page.goto('/import')
    await page.locator('[data-testid=import-file] input[type=file]').setInputFiles({
      name: 'can-bo.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.text, 'utf8'),
    })
    await page.locator('[data-testid=import-check]').click()
    await page.locator('[data-testid=preview-has-errors]').waitFor()
    const preview = page.locator('[data-testid=preview-table]')
    await preview.locator('tbody tr', { hasText: csv.badCode }).waitFor()
    assert.match(await preview.innerText(), /Thư điện tử/)
    await shot(page, '05-import-preview')
    await page.locator('[data-testid=preview-next]').click()
    assert.equal(await page.getByRole('radio', { name: /Nhập toàn bộ/ }).isDisabled(), true)
    await page.getByRole('radio', { name: /Chỉ nhập/ }).check()
    await shot(page, '05b-import-mode')
    await page.locator('[data-testid=import-start]').click()
    const result = page.locator('[data-testid=import-result]')
    await result.waitFor({ timeout: 30_000 })
    const report = page.locator('[data-testid=import-report]')
    await report.waitFor()
    assert.match(await report.innerText(), new RegExp(`\\b${csv.badRow}\\b`))
    assert.match(await result.innerText(), /Thêm mới\s*1/)
    await shot(page, '06-import-result')
    await page.context().close()
  })
})

describe('people editing', () => {
  test('an agency manager adds, edits and deactivates a person', async () => {
    const page = await newPage(browser, server.baseURL)
    await signIn(page, 'quanly')
    await page.goto('/people')
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click()
    const drawer = page.locator('.ant-drawer-content')
    await drawer.waitFor()
    // Client-side checks mirror the server's.
    await page.locator('#family_name').fill('Võ')
    await page.locator('#given_name').fill('Hà 2')
    await page.locator('#code').fill('sai mã')
    await page.locator('[data-testid=person-save]').click()
    await drawer.getByText('Không được chứa chữ số').waitFor()
    await drawer.getByText('Chỉ gồm chữ không dấu').waitFor()
    const code = `E2E-P-${Date.now().toString(36).toUpperCase()}`
    await page.locator('#given_name').fill('Hà')
    await page.locator('#middle_name').fill('Thị Thu')
    await page.locator('#code').fill(code)
    await page.locator('#birth_date').fill('05/03/1990')
    await page.keyboard.press('Enter')
    await page.locator('#agency_id').click()
    await page.locator('#agency_id').fill('can loc')
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: 'Can Lộc' }).first().click()
    await shot(page, '11-person-form')
    await page.locator('[data-testid=person-save]').click()
    await page.locator('.ant-message-success').waitFor()
    await page.locator('[data-testid=people-search]').fill(code)
    const link = page.locator('[data-testid=people-table] tbody a', { hasText: 'Võ Thị Thu Hà' })
    await link.waitFor()
    await link.click()
    const details = page.locator('[data-testid=person-details]')
    await details.waitFor()
    assert.match(await details.innerText(), /05\/03\/1990/)
    await page.getByRole('button', { name: 'Sửa' }).click()
    await page.locator('#job_title').fill('Chuyên viên CNTT')
    await page.locator('[data-testid=person-save]').click()
    await details.getByText('Chuyên viên CNTT').waitFor()
    await page.getByRole('button', { name: 'Ngừng hoạt động' }).click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Có' }).click()
    await page.getByRole('button', { name: 'Kích hoạt lại' }).waitFor()
    assert.match(await details.innerText(), /Ngừng hoạt động/)
    await page.context().close()
  })
})

describe('password', () => {
  test('a reset password must be changed at the next sign-in', async () => {
    const token = await apiToken(server.baseURL, 'admin')
    const suffix = Date.now().toString(36)
    const username = `e2e-${suffix}`
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
    const created = await fetch(`${server.baseURL}/api/v1/users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ username, password: 'Khoidau@2026', role: 'home_affairs', display_name: 'Kiểm thử E2E' }),
    })
    assert.equal(created.status, 201, await created.clone().text())
    const user = await created.json()
    const reset = await fetch(`${server.baseURL}/api/v1/users/${user.id}/password`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ new_password: 'Datlai@2026' }),
    })
    assert.equal(reset.status, 204)

    const page = await newPage(browser, server.baseURL)
    await page.goto('/login')
    await page.locator('#username').fill(username)
    await page.locator('#password').fill('Datlai@2026')
    await page.locator('form button[type=submit]').click()
    await page.waitForURL('**/profile')
    await page.locator('[data-testid=must-change]').waitFor()
    await page.goto('/people')
    await page.waitForURL('**/profile')
    await shot(page, '12-must-change')
    await page.locator('#current_password').fill('Datlai@2026')
    await page.locator('#new_password').fill('Riengtoi@2026')
    await page.locator('#confirm').fill('Riengtoi@2026')
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click()
    await page.waitForURL('**/people')
    await page.getByRole('heading', { name: 'Cán bộ, công chức, viên chức' }).waitFor()
    await page.context().close()
  })
})

describe('language', () => {
  test('English is one click away and is remembered', async () => {
    const page = await newPage(browser, server.baseURL)
    await signIn(page, 'admin')
    await page.getByText('English', { exact: true }).click()
    assert.deepEqual(await menuLabels(page), [
      'My courses',
      'Course catalogue',
      'Authoring',
      'Question bank',
      'Essay grading',
      'Agencies',
      'People',
      'Issued certificates',
      'Certifications',
      'Targets',
      'Six-monthly report',
      'Import',
      'Audit log',
      'Users',
      'My profile',
    ])
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
    await page.reload()
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
    await page.goto('/people')
    await page.getByRole('heading', { name: 'People' }).waitFor()
    await shot(page, '07-people-en')
    await page.goto('/audit')
    await page.getByRole('heading', { name: 'Audit log' }).waitFor()
    await page.locator('[data-testid=audit-table] tbody tr.ant-table-row').first().waitFor()
    await page.locator('[data-testid=audit-table] button.ant-table-row-expand-icon-collapsed').first().click()
    await shot(page, '08-audit-en')
    await page.goto('/users')
    await page.getByRole('heading', { name: 'Users' }).waitFor()
    await shot(page, '10-users-en')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL('**/login')
    await page.getByText('Username').first().waitFor()
    await page.context().close()
  })
})

courseTests({ server: () => server, browser: () => browser })
bankTests({ server: () => server, browser: () => browser })
quizTests({ server: () => server, browser: () => browser })
quizAdminTests(() => server, () => browser)
certTests({ server: () => server, browser: () => browser })
certAdminTests({ server: () => server, browser: () => browser })
targetTests({ server: () => server, browser: () => browser })
positionTests({ server: () => server, browser: () => browser })
reportTests({ server: () => server, browser: () => browser })
factTests({ server: () => server, browser: () => browser })
targetEditTests({ server: () => server, browser: () => browser })
membershipTests({ server: () => server, browser: () => browser })

function count(text) {
  return Number(text.replace(/\D/g, ''))
}

/**
 * importCsv builds a CSV from the server's own template: one valid new person
 * and one with a bad e-mail address, in an agency of the caller's scope.
 */
async function importCsv(baseURL, token) {
  const auth = { Authorization: `Bearer ${token}` }
  const tpl = await fetch(`${baseURL}/api/v1/people/import/template?format=csv`, { headers: auth })
  assert.equal(tpl.status, 200, 'template download')
  const header = (await tpl.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]
  const columns = header.split(',').map((c) => c.trim().replace(/^"|"$/g, ''))
  const ag = await (await fetch(`${baseURL}/api/v1/agencies`, { headers: auth })).json()
  const agency = ag.items.find((a) => a.level === 'district') ?? ag.items[0]
  const suffix = Date.now().toString(36).toUpperCase()
  const good = {
    code: `E2E-OK-${suffix}`,
    family_name: 'Trần',
    middle_name: 'Thị',
    given_name: 'Bình',
    gender: 'female',
    birth_date: '12/04/1985',
    email: `binh.${suffix.toLowerCase()}@example.vn`,
    phone: '0912345678',
    agency_code: agency.code,
    kind: 'cong_chuc',
    professional: 'true',
    job_title: 'Chuyên viên',
    it_qualification: 'certificate',
  }
  const bad = { ...good, code: `E2E-BAD-${suffix}`, given_name: 'Cường', email: 'khong-phai-email' }
  const value = (row, col) => {
    const v = row[columnKey(col)]
    if (v === undefined) return ''
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
  }
  const line = (row) => columns.map((c) => value(row, c)).join(',')
  const text = [header, line(good), line(bad)].join('\r\n') + '\r\n'
  // Row numbers count the header as row 1.
  return { text, badCode: bad.code, badRow: 3 }
}

/** columnKey maps a template column (JSON name or a label) to the keys above. */
function columnKey(col) {
  const k = col
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
  const aliases = {
    ma: 'code', ma_can_bo: 'code', ho: 'family_name', ten_dem: 'middle_name', ten: 'given_name',
    gioi_tinh: 'gender', ngay_sinh: 'birth_date', thu_dien_tu: 'email', dien_thoai: 'phone',
    ma_don_vi: 'agency_code', loai: 'kind', chuyen_mon: 'professional', lam_chuyen_mon: 'professional', chuc_vu: 'job_title',
    trinh_do_cntt: 'it_qualification',
  }
  return aliases[k] ?? k
}
