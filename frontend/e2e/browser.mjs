import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { resultsDir } from './harness.mjs'

export const PASSWORD = 'Demo@2026'
export const screenshotsDir = join(resultsDir, 'screenshots')

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export const DESKTOP = { width: 1440, height: 900 }
export const PHONE = { width: 390, height: 844 }

/** newPage opens a fresh context (no cookies, no stored language) on baseURL, desktop-sized unless told. */
export async function newPage(browser, baseURL, viewport = DESKTOP) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'vi-VN' })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  return page
}

export async function signIn(page, username, password = PASSWORD) {
  await page.goto('/login')
  await page.locator('#username').fill(username)
  await page.locator('#password').fill(password)
  await page.locator('form button[type=submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  // The side menu on a wide screen, the menu button on a phone.
  await page.locator('[data-testid=side-menu], [data-testid=menu-button]').first().waitFor()
}

export async function menuLabels(page) {
  const items = page.locator('[data-testid=side-menu] .ant-menu-title-content')
  await items.first().waitFor()
  return (await items.allInnerTexts()).map((s) => s.trim())
}

export async function shot(page, name) {
  mkdirSync(screenshotsDir, { recursive: true })
  // Let spinners, animations and pending lists settle.
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton'), null, { timeout: 10_000 }).catch(() => {})
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true })
}

/** apiToken signs in through the API (not the browser) and returns an access token. */
export async function apiToken(baseURL, username, password = PASSWORD) {
  const r = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`)
  return (await r.json()).access_token
}

/** apiGet calls GET /api/v1{path} as username and returns the decoded answer, failing the test on an error. */
export async function apiGet(baseURL, username, path) {
  const token = await apiToken(baseURL, username)
  const r = await fetch(`${baseURL}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })
  const text = await r.text()
  if (!r.ok) throw new Error(`GET ${path} as ${username}: ${r.status} ${text}`)
  return JSON.parse(text)
}
