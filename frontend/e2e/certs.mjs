// Browser tests of certificates, registered by app.test.mjs (which owns the
// server and the browser): a learner who holds a certificate downloads its
// PDF and shares it; anyone checks it on the public verify page, typed or
// from the QR code; Home Affairs revokes it, and the public page says so.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { PHONE, newPage, shot, signIn } from './browser.mjs'

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

/**
 * giveCertificate gives the learner hocvien a certificate of a certification
 * made for this run, straight in the database (as api/cert's tests do), and
 * returns its id, code and serial.
 */
function giveCertificate(db) {
  const tag = newCode().slice(0, 5)
  const code = newCode()
  const [id] = sql(
    db,
    `WITH d AS (INSERT INTO certifications (code, name_vi, name_en, authority, issuer, place, signer_title, serial_prefix,
                                            validity_months, source)
                VALUES ('E2E-${tag}', 'Kiểm thử chứng chỉ ${tag}', 'Certificate test ${tag}', 'UBND TỈNH HÀ TĨNH', 'SỞ NỘI VỤ',
                        'Hà Tĩnh', 'GIÁM ĐỐC', 'E${tag}', 24, 'app') RETURNING id)
     SELECT insert_certificate(d.id, p.id, 'manual', '${code}', 'Đạt – 92/100', NULL,
                               (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'Kiểm thử', '', '', NULL)
     FROM d, users u JOIN people p ON p.id = u.person_id WHERE u.username = 'hocvien'`,
  )
  const [serial] = sql(db, `SELECT serial FROM certificates WHERE id = ${Number(id)}`)
  return { id: Number(id), code, serial, name: `Kiểm thử chứng chỉ ${tag}` }
}

export function certTests(env) {
  describe('certificates', () => {
    let cert

    test('a learner opens "Chứng chỉ của tôi", downloads the PDF and shares the link', async (t) => {
      const { baseURL, dbURL: db } = env.server()
      if (!db) return t.skip('the server was not started by the harness: no database to give a certificate in')
      cert = giveCertificate(db)
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'hocvien')
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
