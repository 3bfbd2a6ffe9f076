// Browser tests of the trainer's quiz screens, to be registered by
// app.test.mjs (which owns the server and the browser): a trainer imports a
// GIFT file of five questions into a new category through the question
// bank's import screen, then builds a quiz in an app course from a random
// draw of three of them and one fixed question, saves it and finds it in the
// course's quizzes. The builder is also photographed at phone width.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { PHONE, apiToken, menuLabels, newPage, shot, signIn } from './browser.mjs'

const GRADING_MENU = 'Chấm bài tự luận'

function giftFile(suffix) {
  const names = [1, 2, 3, 4, 5].map((i) => `E2E-QZ${i}-${suffix}`)
  const text = [
    '// Câu hỏi cho bài kiểm tra',
    `::${names[0]}:: Thủ đô của Việt Nam là thành phố nào? {=Hà Nội ~Huế ~Đà Nẵng}`,
    '',
    `::${names[1]}:: Máy tính là thiết bị điện tử. {T}`,
    '',
    `::${names[2]}:: Một byte có bao nhiêu bit? {#8:0}`,
    '',
    `::${names[3]}:: Phím tắt sao chép là gì? {=Ctrl+C ~Ctrl+V ~Ctrl+Z}`,
    '',
    `::${names[4]}:: Mật khẩu mạnh nên có ít nhất bao nhiêu ký tự? {=12 ~4 ~6}`,
    '',
  ].join('\n')
  return { text, names }
}

/** appCourse makes a course of the trainer's own with one module, through the API (the authoring screens have their own test in courses.mjs). */
async function appCourse(baseURL, suffix) {
  const token = await apiToken(baseURL, 'giangvien')
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
  const slug = `kiem-tra-e2e-${suffix}`
  const created = await fetch(`${baseURL}/api/v1/courses`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      slug,
      code: `QZ-${suffix.toUpperCase()}`.slice(0, 20),
      title_vi: `Khóa có bài kiểm tra ${suffix}`,
      title_en: `Course with a quiz ${suffix}`,
      summary_vi: 'Khóa học để kiểm thử bài kiểm tra.',
      summary_en: '',
      description_md: '',
      track: 'other',
      level: 'basic',
      hours: 1,
      open: true,
      prerequisites: [],
    }),
  })
  assert.equal(created.status, 201, await created.clone().text())
  const mod = await fetch(`${baseURL}/api/v1/courses/${slug}/modules`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title_vi: 'Mô đun 1', title_en: 'Module 1' }),
  })
  assert.equal(mod.status, 201, await mod.clone().text())
  return slug
}

async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 1, `${what} is ${overflow}px wider than the phone`)
}

export function quizAdminTests(getServer, getBrowser) {
  describe('quiz builder', () => {
    test('a trainer imports five questions and builds a quiz of a random draw and a fixed question', async () => {
      const { baseURL } = getServer()
      const suffix = Date.now().toString(36)
      const gift = giftFile(suffix)
      const slug = await appCourse(baseURL, suffix)
      const page = await newPage(getBrowser(), baseURL)
      await signIn(page, 'giangvien')
      assert.ok((await menuLabels(page)).includes(GRADING_MENU))

      // A new category, filled through the question bank's import screen.
      const category = `Bài kiểm tra E2E ${suffix}`
      await page.goto('/question-bank')
      await page.locator('[data-testid=category-add]').click()
      await page.locator('[data-testid=category-name]').fill(category)
      await page.locator('[data-testid=category-save]').click()
      await page.locator('[data-testid=bank-list-title]', { hasText: category }).waitFor()
      await page.locator('[data-testid=bank-import-open]').click()
      const wizard = page.locator('[data-testid=bank-import]')
      await wizard.locator('[data-testid=bank-import-file] input[type=file]').setInputFiles({
        name: 'bai-kiem-tra.gift',
        mimeType: 'text/plain',
        buffer: Buffer.from(gift.text, 'utf8'),
      })
      await wizard.locator('[data-testid=bank-import-check]').click()
      await wizard.locator('[data-testid=bank-preview-questions]').waitFor()
      await wizard.locator('[data-testid=bank-import-start]').click()
      await wizard.locator('[data-testid=bank-import-result]').waitFor()
      assert.match(await wizard.locator('[data-testid=bank-import-result]').innerText(), /Đã nhập 5 câu hỏi/)
      await wizard.locator('[data-testid=bank-import-close]').click()
      await wizard.waitFor({ state: 'detached' })

      // A new quiz from the course editor.
      await page.goto(`/authoring/${slug}`)
      const section = page.locator('[data-testid=course-quizzes]')
      await section.waitFor()
      await section.getByText('Khóa học chưa có bài kiểm tra nào').waitFor()
      await page.locator('[data-testid=quiz-add]').click()
      await page.waitForURL(`**/authoring/${slug}/quizzes/new`)
      const title = `Kiểm tra cuối khóa ${suffix}`
      await page.locator('[data-testid=quiz-title]').fill(title)
      // The slug follows the title.
      assert.equal(await page.locator('[data-testid=quiz-slug]').inputValue(), `kiem-tra-cuoi-khoa-${suffix}`)
      await page.locator('[data-testid=quiz-timed]').click()
      await page.locator('input[data-testid=quiz-time-limit]').fill('30')

      // Three random questions of the category, which holds five: asking for six is warned about.
      await page.locator('[data-testid=add-random]').click()
      const draw = page.locator('.ant-modal', { has: page.locator('[data-testid=random-draw]') })
      await draw.locator('[data-testid=draw-category]').click()
      await draw.locator('[data-testid=draw-category] input').fill(category)
      // The node of the open dropdown whose title is exactly the category (closed dropdowns stay in the page).
      await page
        .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper[title="${category} (5)"]`)
        .click()
      await draw.locator('[data-testid=draw-available]', { hasText: 'Nhóm này hiện có 5 câu hỏi' }).waitFor()
      await draw.locator('input[data-testid=draw-count]').fill('6')
      await draw.locator('[data-testid=draw-warning]', { hasText: 'Cần 6 câu nhưng nhóm chỉ có 5 câu' }).waitFor()
      await draw.locator('input[data-testid=draw-count]').fill('3')
      await draw.locator('[data-testid=draw-warning]').waitFor({ state: 'detached' })
      await shot(page, '60-quiz-random-draw')
      await draw.locator('[data-testid=draw-add]').click()
      await draw.waitFor({ state: 'hidden' })

      // One fixed question, found by searching the bank.
      await page.locator('[data-testid=add-fixed]').click()
      const picker = page.locator('[data-testid=question-picker]')
      await picker.waitFor()
      const searched = page.waitForResponse((r) => r.url().includes('/api/v1/questions?') && r.url().includes(encodeURIComponent(gift.names[0]).replace(/%20/g, '+')))
      await picker.locator('[data-testid=picker-search]').fill(gift.names[0])
      await searched
      const row = picker.locator('[data-testid=picker-table] tbody tr.ant-table-row', { hasText: gift.names[0] })
      await row.waitFor()
      await row.locator('.ant-checkbox-input').check()
      await shot(page, '61-quiz-picker')
      await page.locator('[data-testid=picker-add]').click()
      await picker.waitFor({ state: 'detached' })

      const slots = page.locator('[data-testid=slot-table] tbody tr.ant-table-row')
      assert.equal(await slots.count(), 2)
      assert.match(await slots.nth(0).innerText(), new RegExp(category))
      assert.match(await slots.nth(1).innerText(), new RegExp(gift.names[0]))
      assert.match(await page.locator('[data-testid=slot-totals]').innerText(), /Tổng: 4 câu hỏi, 4 điểm/)
      assert.equal(await page.locator('[data-testid=slot-shortfall]').count(), 0)

      await page.locator('[data-testid=quiz-save]').click()
      await page.waitForURL(/\/authoring\/quizzes\/\d+$/)
      const quizId = Number(new URL(page.url()).pathname.split('/').pop())
      await page.locator('[data-testid=quiz-title-heading]', { hasText: title }).waitFor()
      // What the server stored comes back: the draw, the fixed question, the time limit.
      await page.locator('[data-testid=slot-table] tbody tr.ant-table-row').nth(1).waitFor()
      assert.match(await page.locator('[data-testid=slot-totals]').innerText(), /Tổng: 4 câu hỏi, 4 điểm/)
      assert.match(await page.locator('[data-testid=slot-available]').first().innerText(), /Nhóm có 5 câu hỏi/)
      assert.equal(await page.locator('input[data-testid=quiz-time-limit]').inputValue(), '30')
      await shot(page, '62-quiz-builder')

      // The course lists it.
      await page.goto(`/authoring/${slug}`)
      const item = page.locator(`[data-testid=quiz-${quizId}]`)
      await item.waitFor()
      assert.match(await item.innerText(), new RegExp(title))
      assert.match(await item.innerText(), /4 câu hỏi/)
      assert.match(await item.innerText(), /30 phút/)
      await shot(page, '63-course-quizzes')

      // No one has attempted it yet.
      await page.goto(`/authoring/quizzes/${quizId}/results`)
      await page.locator('[data-testid=attempts-table]').getByText('Chưa có ai làm bài kiểm tra này').waitFor()
      await page.context().close()

      // At phone width.
      const phone = await newPage(getBrowser(), baseURL, PHONE)
      await signIn(phone, 'giangvien')
      await phone.goto(`/authoring/quizzes/${quizId}`)
      await phone.locator('[data-testid=slot-table] tbody tr.ant-table-row').first().waitFor()
      await noSidewaysScroll(phone, 'the quiz builder')
      await shot(phone, '62m-quiz-builder-phone')
      await phone.context().close()
    })

    test('a learner has no quiz builder and no grading queue', async () => {
      const { baseURL } = getServer()
      const page = await newPage(getBrowser(), baseURL)
      await signIn(page, 'hocvien')
      assert.ok(!(await menuLabels(page)).includes(GRADING_MENU))
      await page.goto('/grading')
      await page.waitForURL('**/profile')
      await page.context().close()
    })
  })
}
