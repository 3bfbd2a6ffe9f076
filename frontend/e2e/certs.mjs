// Browser tests of certificates, registered by app.test.mjs (which owns the
// server and the browser): a learner passes the quiz a certification
// requires (a course, quiz and certification made through the API), finds
// the certificate, downloads its PDF and shares it; anyone checks it on the
// public verify page, typed or from the QR code; Home Affairs revokes it, and
// the public page says so.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { PHONE, apiToken, newPage, shot, signIn } from './browser.mjs'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** newCode is a fresh verification code (Crockford base32, 16 characters), as the server makes them. */
function newCode() {
  return [...randomBytes(16)].map((b) => ALPHABET[b & 31]).join('')
}

const grouped = (code) => code.match(/.{4}/g).join('-')

/** todayVN is today's date in Vietnam as dd/mm/yyyy. */
function todayVN() {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date())
}

/** sql runs statements in the test database (psql at the address lms uses) and returns the output lines. */
function sql(db, text) {
  const r = spawnSync('psql', ['-d', db, '-v', 'ON_ERROR_STOP=1', '-At', '-c', text], {
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`psql failed (${r.status ?? r.signal}): ${r.stderr || r.error}`)
  return r.stdout.trim().split('\n')
}

/** api calls the API as user and returns the decoded answer. */
async function api(baseURL, user, method, path, body) {
  const token = await apiToken(baseURL, user)
  const r = await fetch(`${baseURL}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await r.text()
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`)
  return text ? JSON.parse(text) : null
}

/**
 * certifiedQuiz prepares, through the API, what earns a certificate: a
 * trainer's published course with one lesson and a one-question quiz, a
 * certification Home Affairs defines as "that quiz passed", and the learner
 * hocvien enrolled. It returns the quiz id and the certification's names.
 */
async function certifiedQuiz(baseURL) {
  const tag = newCode().slice(0, 5)
  const slug = `thu-an-toan-${tag.toLowerCase()}`
  await api(baseURL, 'giangvien', 'POST', '/courses', { slug, title_vi: 'Thư điện tử an toàn', track: 'email-internet', level: 'basic' })
  const mod = await api(baseURL, 'giangvien', 'POST', `/courses/${slug}/modules`, { title_vi: 'Nhận biết thư lừa đảo' })
  await api(baseURL, 'giangvien', 'POST', `/modules/${mod.id}/lessons`, {
    title_vi: 'Dấu hiệu của thư lừa đảo',
    body_md: 'Không bao giờ gửi mật khẩu qua thư điện tử, kể cả khi thư có vẻ đến từ bộ phận CNTT.',
  })
  const cat = await api(baseURL, 'giangvien', 'POST', '/question-categories', { name: `Thư an toàn ${tag}` })
  const q = await api(baseURL, 'giangvien', 'POST', '/questions', {
    category_id: cat.id,
    name: 'mat-khau-qua-thu',
    type: 'true_false',
    text: 'Một thư yêu cầu gửi mật khẩu để "xác minh tài khoản" là dấu hiệu của thư lừa đảo.',
    true_false: true,
  })
  const quiz = await api(baseURL, 'giangvien', 'POST', `/courses/${slug}/quizzes`, {
    title_vi: 'Kiểm tra thư an toàn',
    published: true,
    required: true,
    pass_percent: 50,
    review_attempt: ['score'],
    review_closed: ['score', 'correctness', 'feedback', 'answers'],
    slots: [{ question_id: q.id, mark: 1 }],
  })
  await api(baseURL, 'giangvien', 'POST', `/courses/${slug}/publish`)
  const name = `Sử dụng thư điện tử an toàn ${tag}`
  await api(baseURL, 'noivu', 'POST', '/certifications', {
    code: `E2E-${tag}`,
    serial_prefix: 'TDTAT',
    name_vi: name,
    name_en: `Safe e-mail ${tag}`,
    authority: 'UBND TỈNH HÀ TĨNH',
    issuer: 'SỞ NỘI VỤ',
    place: 'Hà Tĩnh',
    signer_title: 'GIÁM ĐỐC',
    validity_months: 24,
    renew_window_days: 60,
    renew_requires: 'quizzes',
    active: true,
    requirement_mode: 'all',
    requirements: [{ quiz_id: quiz.id }],
  })
  await api(baseURL, 'hocvien', 'POST', `/courses/${slug}/enrol`)
  return { quizId: quiz.id, code: `E2E-${tag}`, name }
}

export function certTests(env) {
  describe('certificates', () => {
    let cert

    test('a learner passes the quiz a certification requires, finds it in "Chứng chỉ của tôi", downloads the PDF and shares the link', async () => {
      const { baseURL } = env.server()
      const earn = await certifiedQuiz(baseURL)
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'hocvien')
      // The learner passes the quiz the certification requires: the submit issues the certificate.
      await page.goto(`/quizzes/${earn.quizId}`)
      await page.locator('[data-testid=start-attempt]').click()
      await page.waitForURL(/\/attempts\/\d+$/)
      const view = page.locator('[data-testid=question-view]')
      await view.locator('[data-testid=option-true] label').click()
      await page.locator('[data-testid=save-status]').filter({ hasText: 'Đã lưu' }).waitFor({ timeout: 15_000 })
      await page.locator('[data-testid=submit-attempt]').click()
      await page.locator('.ant-modal-confirm .ant-btn-primary').click()
      await page.waitForURL('**/review')
      const mine = (await api(baseURL, 'hocvien', 'GET', '/me/certificates')).items.find((c) => c.certification_code === earn.code)
      assert.ok(mine, 'passing the quiz issued the certificate')
      cert = { id: mine.id, code: mine.code.replaceAll('-', ''), serial: mine.serial, name: earn.name }
      await page.locator('[data-testid=side-menu]').getByText('Chứng chỉ của tôi').click()
      await page.waitForURL('**/my-certificates')
      const card = page.locator(`[data-testid=my-cert-${cert.id}]`)
      await card.waitFor()
      const text = await card.innerText()
      assert.match(text, new RegExp(cert.name))
      assert.match(text, /Còn hiệu lực/)
      assert.ok(text.includes(cert.serial), text)
      assert.ok(text.includes(todayVN()), `issued today: ${text}`)
      await shot(page, '60-my-certificates')

      const download = page.waitForEvent('download')
      await card.locator('[data-testid=cert-pdf]').click()
      const file = await download
      assert.ok(file.suggestedFilename().endsWith('.pdf'), file.suggestedFilename())
      const pdf = await readFile(await file.path())
      assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF')

      await card.locator('[data-testid=cert-share-button]').click()
      const share = page.locator('[data-testid=cert-share]')
      await share.locator('[data-testid=cert-qr]').waitFor()
      assert.match(await share.locator('[data-testid=cert-share-url]').innerText(), new RegExp(`/verify/${grouped(cert.code)}$`))
      await shot(page, '61-certificate-share')
      await page.context().close()
    })

    test('anyone verifies it on the public page, typed in any case or opened from the QR code, on a phone', async (t) => {
      if (!cert) return t.skip('no certificate')
      const { baseURL, dbURL: db } = env.server()
      const page = await newPage(env.browser(), baseURL, PHONE)
      await page.goto('/verify')
      await page.locator('[data-testid=verify-code]').fill('khong-phai-ma')
      await page.locator('[data-testid=verify-submit]').click()
      await page.locator('[data-testid=verify-not-found]').waitFor()
      assert.match(await page.locator('[data-testid=verify-not-found]').innerText(), /Không tìm thấy chứng nhận với mã này/)

      // Lower case, spaces between the groups: the address gets the printed form.
      await page.locator('[data-testid=verify-code]').fill(grouped(cert.code).toLowerCase().replace(/-/g, ' '))
      await page.locator('[data-testid=verify-submit]').click()
      await page.waitForURL(`**/verify/${grouped(cert.code)}`)
      const status = page.locator('[data-testid=verify-status]')
      await status.waitFor()
      assert.equal(await status.getAttribute('data-status'), 'valid')
      assert.match(await status.innerText(), /Hợp lệ/)
      const result = await page.locator('[data-testid=verify-result]').innerText()
      for (const want of ['Nguyễn Thị Lan', cert.name, 'SỞ NỘI VỤ', cert.serial, todayVN()]) assert.ok(result.includes(want), `${want} in ${result}`)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 1, `the verify page is ${overflow}px wider than the phone`)
      await shot(page, '62m-verify-phone')

      // The QR code's address carries the signed token (kept when the PDF was made).
      const [token] = sql(db, `SELECT token FROM certificates WHERE id = ${cert.id}`)
      assert.ok(token, 'the PDF kept a token')
      await page.goto(`/verify/${grouped(cert.code)}?t=${encodeURIComponent(token)}`)
      const check = page.locator('[data-testid=verify-token]')
      await check.waitFor()
      assert.equal(await check.getAttribute('data-valid'), 'true')
      assert.match(await check.innerText(), /Chữ ký số hợp lệ/)
      assert.match(await check.innerText(), /không ghi nhận việc thu hồi/)
      // A token altered by one character is refused.
      const bad = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1)
      await page.goto(`/verify/${grouped(cert.code)}?t=${encodeURIComponent(bad)}`)
      await page.locator('[data-testid=verify-token][data-valid=false]').waitFor()
      assert.match(await page.locator('[data-testid=verify-token]').innerText(), /Chữ ký số không hợp lệ/)
      // The language switch is on the page.
      await page.getByText('EN', { exact: true }).click()
      await page.getByText('Digital signature not valid').waitFor()
      await page.context().close()
    })

    test('Home Affairs revokes it with a reason, and the public page then says Đã thu hồi', async (t) => {
      if (!cert) return t.skip('no certificate')
      const { baseURL } = env.server()
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'noivu')
      await page.locator('[data-testid=side-menu]').getByText('Chứng chỉ đã cấp').click()
      await page.waitForURL('**/certificates')
      const table = page.locator('[data-testid=cert-table]')
      await table.locator('tbody tr.ant-table-row').first().waitFor()
      // The certification filter, then the serial typed in the search box; both stay in the address.
      const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/certificates?') && r.url().includes('certification_id='))
      await page.locator('[data-testid=cert-certification-filter]').click()
      await page.keyboard.type(cert.name)
      await page.locator('.ant-select-item-option', { hasText: cert.name }).click()
      await filtered
      const searched = page.waitForResponse((r) => r.url().includes('/api/v1/certificates?') && r.url().includes('q='))
      await page.locator('[data-testid=cert-search]').fill(cert.serial)
      await searched
      const row = table.locator('tbody tr.ant-table-row', { hasText: cert.serial })
      await row.waitFor()
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=cert-table] tbody tr.ant-table-row').length === 1)
      assert.equal(new URL(page.url()).searchParams.get('q'), cert.serial)
      assert.match(new URL(page.url()).searchParams.get('certification_id') ?? '', /^\d+$/)
      assert.match(await row.innerText(), /Nguyễn Thị Lan/)
      assert.match(await row.innerText(), /Còn hiệu lực/)
      await shot(page, '63-certificates')

      const reason = 'Kiểm thử: cấp nhầm người'
      await row.locator('[data-testid=cert-revoke]').click()
      const modal = page.locator('.ant-modal-content')
      await modal.waitFor()
      // The reason is required.
      await modal.getByRole('button', { name: 'Thu hồi' }).click()
      await modal.getByText('Bắt buộc nhập').waitFor()
      await modal.locator('[data-testid=cert-reason]').fill(reason)
      await shot(page, '64-certificate-revoke')
      await modal.getByRole('button', { name: 'Thu hồi' }).click()
      await page.locator('.ant-message-success').waitFor()
      await row.getByText('Đã thu hồi', { exact: true }).waitFor()
      assert.ok((await row.innerText()).includes(reason), await row.innerText())
      assert.ok(await row.locator('[data-testid=cert-reinstate]').isVisible())
      await page.context().close()

      // A visitor with no account, in a fresh browser.
      const visitor = await newPage(env.browser(), baseURL)
      await visitor.goto(`/verify/${cert.code.toLowerCase()}`)
      const status = visitor.locator('[data-testid=verify-status]')
      await status.waitFor()
      assert.equal(await status.getAttribute('data-status'), 'revoked')
      assert.equal((await status.innerText()).trim(), `Đã thu hồi ngày ${todayVN()}`)
      await shot(visitor, '65-verify-revoked')
      await visitor.context().close()
    })
  })
}
