// Browser tests of the course screens, registered by app.test.mjs (which owns
// the server and the browser): a learner enrols, reads and resumes; a trainer
// authors and publishes a course a learner then finds; an agency manager
// enrols people. Each flow is also photographed at phone width.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { PHONE, apiToken, newPage, shot, signIn } from './browser.mjs'

const EMAIL_COURSE = 'thu-dien-tu-va-thong-tin-tren-mang'
const BASIC_COURSE = 'iu01-hieu-biet-cntt-co-ban'

// A 1×1 PNG, for the image upload.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

/** lessonIds lists a course's lessons in reading order, as the API gives them to user. */
async function lessonIds(baseURL, user, slug) {
  const token = await apiToken(baseURL, user)
  const r = await fetch(`${baseURL}/api/v1/courses/${slug}`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(r.status, 200, `GET course ${slug}`)
  const c = await r.json()
  return [...c.modules]
    .sort((a, b) => a.position - b.position)
    .flatMap((m) => [...m.lessons].sort((a, b) => a.position - b.position).map((l) => l.id))
}

const lessonIdOf = (page) => Number(new URL(page.url()).pathname.split('/').pop())

async function percentOf(locator) {
  await locator.waitFor()
  return Number(await locator.getAttribute('data-percent'))
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click()
  await page.waitForURL('**/login')
}

/** phoneShots photographs paths at phone width for user (the flows above run on a desktop). */
async function phoneShots(browser, baseURL, user, shots) {
  const page = await newPage(browser, baseURL, PHONE)
  await signIn(page, user)
  for (const [path, name, ready] of shots) {
    await page.goto(path)
    await page.locator(ready).first().waitFor()
    // The page must not scroll sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `${path} is ${overflow}px wider than the phone`)
    await shot(page, name)
  }
  await page.context().close()
}

export function courseTests(env) {
  describe('courses', () => {
    test('a learner enrols, reads two lessons and resumes after signing in again', async () => {
      const { baseURL } = env.server()
      const browser = env.browser()
      const page = await newPage(browser, baseURL)
      await signIn(page, 'hocvien')
      // Learners land on their courses.
      await page.waitForURL('**/my-courses')

      await page.goto('/courses')
      const searched = page.waitForResponse((r) => r.url().includes('/api/v1/courses?') && r.url().includes('q=thu+dien+tu'))
      await page.locator('[data-testid=course-search]').fill('thu dien tu')
      await searched
      const card = page.locator(`[data-testid=course-${EMAIL_COURSE}]`)
      await card.waitFor()
      assert.match(await card.innerText(), /Chưa ghi danh/)
      await shot(page, '20-catalogue')
      await card.locator('h5 a').click()
      await page.waitForURL(`**/courses/${EMAIL_COURSE}`)
      await page.locator('[data-testid=course-outline]').waitFor()
      await shot(page, '21-course')

      await page.locator('[data-testid=enrol]').click()
      const resume = page.locator('[data-testid=resume]')
      await resume.waitFor()
      assert.equal((await resume.innerText()).trim(), 'Bắt đầu học')
      await resume.click()

      const ids = await lessonIds(baseURL, 'hocvien', EMAIL_COURSE)
      assert.ok(ids.length >= 3, `the course has ${ids.length} lessons`)
      await page.waitForURL(`**/lessons/${ids[0]}`)
      for (let i = 0; i < 2; i++) {
        await page.locator('[data-testid=lesson-title]').waitFor()
        assert.equal(lessonIdOf(page), ids[i])
        await page.locator('[data-testid=lesson-complete]').click()
        await page.locator('[data-testid=lesson-done]').waitFor()
        const want = Math.floor(((i + 1) * 100) / ids.length)
        await page.waitForFunction(
          (p) => document.querySelector('[data-testid=lesson-course-progress]')?.getAttribute('data-percent') === String(p),
          want,
        )
        if (i === 0) {
          await shot(page, '22-lesson')
          await page.locator('[data-testid=lesson-next]').click()
          await page.waitForURL(`**/lessons/${ids[1]}`)
        }
      }
      const breadcrumb = await page.locator('[data-testid=lesson-breadcrumb]').innerText()
      assert.match(breadcrumb, /Sử dụng thư điện tử/)

      await signOut(page)
      await signIn(page, 'hocvien')
      await page.waitForURL('**/my-courses')
      const mine = page.locator(`[data-testid=my-course-${EMAIL_COURSE}]`)
      await mine.waitFor()
      const want = Math.floor(200 / ids.length)
      assert.equal(await percentOf(mine.locator('[data-testid=course-progress]')), want)
      assert.match(await mine.innerText(), /Đang học/)
      assert.match(await mine.innerText(), new RegExp(`Đã học 2/${ids.length} bài`))
      await shot(page, '23-my-courses')
      // The last lesson opened was read to the end: resume at the next one.
      await mine.locator('[data-testid=resume]').click()
      await page.waitForURL(`**/lessons/${ids[2]}`)
      await page.locator('[data-testid=lesson-complete]').waitFor()
      assert.equal(await percentOf(page.locator('[data-testid=lesson-course-progress]')), want)

      // The course page ticks the lessons read.
      await page.goto(`/courses/${EMAIL_COURSE}`)
      await page.locator('[data-testid=my-enrolment]').waitFor()
      for (const [i, id] of ids.slice(0, 3).entries()) {
        const ticks = await page.locator(`[data-testid=outline-lesson-${id}] [data-testid=lesson-tick]`).count()
        assert.equal(ticks, i < 2 ? 1 : 0, `tick of lesson ${i + 1}`)
      }
      await page.context().close()

      await phoneShots(browser, baseURL, 'hocvien', [
        ['/my-courses', '23m-my-courses-phone', `[data-testid=my-course-${EMAIL_COURSE}]`],
        ['/courses', '20m-catalogue-phone', `[data-testid=course-${EMAIL_COURSE}]`],
        [`/courses/${EMAIL_COURSE}`, '21m-course-phone', '[data-testid=course-outline]'],
        [`/lessons/${ids[2]}`, '22m-lesson-phone', '[data-testid=lesson-html]'],
      ])
    })

    test('a trainer creates, writes and publishes a course that a learner then finds', async () => {
      const { baseURL } = env.server()
      const browser = env.browser()
      const suffix = Date.now().toString(36)
      const title = `Họp trực tuyến an toàn ${suffix}`
      const page = await newPage(browser, baseURL)
      await signIn(page, 'giangvien')
      await page.goto('/authoring')
      await page.locator('[data-testid=authoring-table] tbody tr.ant-table-row').first().waitFor()
      await shot(page, '30-authoring')

      await page.locator('[data-testid=course-create]').click()
      await page.locator('#title_vi').fill(title)
      await page.locator('#title_en').fill(`Safe online meetings ${suffix}`)
      // The slug follows the title.
      assert.equal(await page.locator('#slug').inputValue(), `hop-truc-tuyen-an-toan-${suffix}`)
      await page.locator('#code').fill(`E2E-${suffix.toUpperCase()}`)
      await page.locator('#summary_vi').fill('Tổ chức và tham gia cuộc họp trực tuyến an toàn, đúng quy định.')
      await page.locator('[data-testid=markdown-source]').fill('Khóa học **ngắn** về họp trực tuyến.')
      await shot(page, '31-course-form')
      await page.locator('[data-testid=course-save]').click()
      const slug = `hop-truc-tuyen-an-toan-${suffix}`
      await page.waitForURL(`**/authoring/${slug}`)
      await page.locator('[data-testid=editor-title]').waitFor()
      assert.equal(await page.locator('[data-testid=course-publish]').isDisabled(), true, 'no lessons yet: cannot publish')

      await page.locator('[data-testid=module-add]').click()
      await page.locator('.ant-modal #title_vi').fill('Chuẩn bị cuộc họp')
      await page.locator('[data-testid=module-save]').click()
      await page.locator('[data-testid=lesson-add]').waitFor()
      await page.locator('[data-testid=lesson-add]').click()
      await page.locator('.ant-modal #title_vi').fill('Kiểm tra thiết bị trước giờ họp')
      await page.locator('[data-testid=lesson-create]').click()
      await page.waitForURL(/\/authoring\/lessons\/\d+/)

      const source = page.locator('[data-testid=markdown-source]')
      await source.waitFor()
      await source.fill('## Trước giờ họp\n\n| Việc | Khi nào |\n|---|---|\n| Thử micrô | 15 phút trước |\n\nNội dung bài.\n')
      await page.locator('[data-testid=markdown-preview] h2', { hasText: 'Trước giờ họp' }).waitFor()
      await page.locator('[data-testid=markdown-preview] table').waitFor()
      // The picture goes where the cursor is: at the end here.
      await source.focus()
      await page.keyboard.press('Control+End')
      await page.locator('[data-testid=image-file]').setInputFiles({ name: 'so-do-phong-hop.png', mimeType: 'image/png', buffer: PNG })
      await page.waitForFunction(
        (s) => document.querySelector('[data-testid=markdown-source]')?.value.includes(`](/api/v1/courses/${s}/images/`),
        slug,
      )
      assert.match(await source.inputValue(), /Nội dung bài\.\n\n!\[so do phong hop\]\(\/api\/v1\/courses\/[^)]+\.png\)\n$/)
      const img = page.locator('[data-testid=markdown-preview] img')
      await img.waitFor()
      await page.waitForFunction(() => document.querySelector('[data-testid=markdown-preview] img')?.naturalWidth > 0)
      await shot(page, '32-lesson-editor')
      await page.locator('[data-testid=lesson-save]').click()
      await page.locator('.ant-message-success', { hasText: 'Đã lưu thay đổi' }).waitFor()
      assert.equal(await page.locator('[data-testid=lesson-save]').isDisabled(), true, 'saved: nothing left to save')

      await page.locator('[data-testid=editor-breadcrumb] a', { hasText: title }).click()
      await page.waitForURL(`**/authoring/${slug}`)
      await page.locator('[data-testid=course-publish]').click()
      await page.locator('[data-testid=course-unpublish]').waitFor()
      await shot(page, '33-course-editor')
      await page.context().close()

      await phoneShots(browser, baseURL, 'giangvien', [
        ['/authoring', '30m-authoring-phone', '[data-testid=authoring-table] tbody tr.ant-table-row'],
        [`/authoring/${slug}`, '33m-course-editor-phone', '[data-testid=course-unpublish]'],
      ])

      const learner = await newPage(browser, baseURL)
      await signIn(learner, 'hocvien')
      await learner.goto('/courses')
      await learner.locator('[data-testid=course-search]').fill(`hop truc tuyen ${suffix}`)
      const card = learner.locator(`[data-testid=course-${slug}]`)
      await card.waitFor()
      assert.match(await card.innerText(), new RegExp(title))
      await card.locator('h5 a').click()
      await learner.locator('[data-testid=enrol]').waitFor()
      await learner.context().close()
    })

    test('an agency manager enrols the people of the agency with a due date', async () => {
      const { baseURL } = env.server()
      const browser = env.browser()
      const page = await newPage(browser, baseURL)
      await signIn(page, 'quanly')
      await page.goto(`/courses/${BASIC_COURSE}`)
      await page.locator('[data-testid=enrol-others]').click()
      const drawer = page.locator('.ant-drawer-content')
      await drawer.waitFor()
      const year = new Date().getFullYear() + 1
      await page.locator('#due_date').fill(`31/12/${year}`)
      await page.keyboard.press('Enter')
      await shot(page, '40-enrol-drawer')
      await page.locator('[data-testid=enrol-submit]').click()
      const result = page.locator('[data-testid=enrol-result]')
      await result.waitFor()
      const text = await result.innerText()
      assert.match(text, new RegExp(`31/12/${year}`))
      const matched = Number(/Số người phù hợp\s*(\d+)/.exec(text)?.[1])
      assert.ok(matched > 0, text)
      await shot(page, '41-enrol-result')
      await page.locator('[data-testid=enrol-close]').click()
      const rows = page.locator('[data-testid=course-learners] tbody tr.ant-table-row')
      await rows.first().waitFor()
      assert.match(await rows.first().innerText(), new RegExp(`31/12/${year}`))
      await shot(page, '42-course-learners')
      await page.context().close()
    })
  })
}
