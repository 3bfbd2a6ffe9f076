// Browser tests of the question bank, registered by app.test.mjs (which owns
// the server and the browser): a trainer browses the course banks that
// `lms courses sync` loaded, adds a category, imports a GIFT file with a
// broken question (refused, with its line) and then a correct one; a learner
// has no question bank. The screens are also photographed at phone width.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { PHONE, apiToken, menuLabels, newPage, shot, signIn } from './browser.mjs'

const MENU = 'Ngân hàng câu hỏi'
const FILES_ROOT = 'Chương trình đào tạo'

/** giftFiles: one file whose question on line 4 has no right answer, and a correct one with a sub-category. */
function giftFiles(suffix) {
  const broken = [
    '// Tệp có một câu hỏng',
    `::E2E-B1-${suffix}:: Thủ đô của Việt Nam là thành phố nào? {=Hà Nội ~Huế ~Đà Nẵng}`,
    '',
    `::E2E-B2-${suffix}:: Câu hỏi không có đáp án đúng {~Một ~Hai}`,
    '',
  ].join('\n')
  const good = [
    '// Câu hỏi kiểm thử',
    `::E2E-Q1-${suffix}:: Thủ đô của Việt Nam là thành phố nào? {=Hà Nội # Đúng. ~Huế # Huế là cố đô. ~Đà Nẵng}`,
    '',
    `::E2E-Q2-${suffix}:: Máy tính là thiết bị điện tử. {T}`,
    '',
    '$CATEGORY: Chủ đề phụ',
    '',
    `::E2E-Q3-${suffix}:: Một byte có bao nhiêu bit? {#8:0}`,
    '',
  ].join('\n')
  return { broken, good, brokenLine: 4, names: [1, 2, 3].map((i) => `E2E-Q${i}-${suffix}`) }
}

const treeNode = (page, text) => page.locator('[data-testid=category-tree] .ant-tree-node-content-wrapper', { hasText: text }).first()
const rows = (page) => page.locator('[data-testid=question-table] tbody tr.ant-table-row')

async function listTotal(page) {
  const total = page.locator('[data-testid=question-table] .ant-pagination-total-text')
  await total.waitFor()
  return Number((await total.innerText()).replace(/\D/g, ''))
}

async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 1, `${what} is ${overflow}px wider than the phone`)
}

export function bankTests(env) {
  describe('question bank', () => {
    test('a trainer browses the course banks, adds a category and imports GIFT files', async () => {
      const { baseURL } = env.server()
      const browser = env.browser()
      const suffix = Date.now().toString(36)
      const files = giftFiles(suffix)
      const page = await newPage(browser, baseURL)
      await signIn(page, 'giangvien')
      assert.ok((await menuLabels(page)).includes(MENU))
      await page.locator('[data-testid=side-menu] .ant-menu-title-content', { hasText: MENU }).click()
      await page.waitForURL('**/question-bank')
      await page.getByRole('heading', { name: MENU }).waitFor()

      // The course banks: a read-only tree of their own.
      const root = treeNode(page, FILES_ROOT)
      await root.waitFor()
      assert.match(await root.innerText(), /Từ tệp khóa học/)
      await root.click()
      await page.waitForURL(/\/question-bank\?category=\d+/)
      await rows(page).first().waitFor()
      const everything = await listTotal(page)
      assert.ok(everything > 100, `the course banks hold ${everything} questions`)

      // The server folds diacritics: "ma doc tu lay lan" finds "Loại mã độc nào tự lây lan…".
      const searched = page.waitForResponse((r) => r.url().includes('/api/v1/questions?') && r.url().includes('q=ma+doc+tu+lay+lan'))
      await page.locator('[data-testid=bank-search]').fill('ma doc tu lay lan')
      await searched
      const hit = rows(page).filter({ hasText: 'mã độc' }).first()
      await hit.waitFor()
      assert.ok((await listTotal(page)) < everything)
      await shot(page, '50-bank')
      await hit.locator('[data-testid=question-open]').click()
      const detail = page.locator('[data-testid=question-detail]')
      await detail.waitFor()
      assert.match(await detail.locator('[data-testid=files-read-only]').innerText(), /Câu hỏi từ tệp khóa học chỉ sửa trong thư mục courses\//)
      const right = detail.locator('[data-testid=answer][data-correct=true]')
      assert.equal(await right.count(), 1, 'one right answer')
      assert.match(await right.innerText(), /100%/)
      await shot(page, '51-bank-question')
      await page.locator('.ant-drawer-close').click()
      await detail.waitFor({ state: 'detached' })
      await page.locator('[data-testid=bank-search]').fill('')

      // The type filter.
      await page.locator('[data-testid=bank-type]').click()
      const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/questions?') && r.url().includes('type=true_false'))
      await page.locator('.ant-select-item-option', { hasText: 'Đúng/Sai' }).click()
      await filtered
      await page.waitForFunction(() => {
        const tags = [...document.querySelectorAll('[data-testid=question-table] tbody tr.ant-table-row td:nth-child(2)')]
        return tags.length > 0 && tags.every((td) => td.textContent.trim() === 'Đúng/Sai')
      })
      await page.locator('[data-testid=bank-type]').hover()
      await page.locator('[data-testid=bank-type] .ant-select-clear').click()

      // A category of its own.
      const name = `Kiểm thử E2E ${suffix}`
      await page.locator('[data-testid=category-add]').click()
      await page.locator('[data-testid=category-name]').fill('Sai/tên')
      await page.locator('[data-testid=category-save]').click()
      await page.locator('.ant-modal').getByText('không được chứa dấu «/»').waitFor()
      await shot(page, '55-bank-category')
      await page.locator('[data-testid=category-name]').fill(name)
      await page.locator('[data-testid=category-save]').click()
      await page.locator('.ant-message-success', { hasText: name }).waitFor()
      await treeNode(page, name).waitFor()
      await page.locator('[data-testid=bank-list-title]', { hasText: name }).waitFor()
      const categoryId = Number(new URL(page.url()).searchParams.get('category'))
      assert.ok(categoryId > 0, page.url())
      await page.locator('[data-testid=question-table] .ant-table-placeholder', { hasText: 'Không có câu hỏi nào' }).waitFor()

      // A file with a broken question is refused whole, with the line of the problem.
      await page.locator('[data-testid=bank-import-open]').click()
      const wizard = page.locator('[data-testid=bank-import]')
      await wizard.waitFor()
      assert.match(await wizard.locator('[data-testid=bank-import-target]').innerText(), new RegExp(name))
      const input = wizard.locator('[data-testid=bank-import-file] input[type=file]')
      await input.setInputFiles({ name: 'cau-hoi-loi.gift', mimeType: 'text/plain', buffer: Buffer.from(files.broken, 'utf8') })
      await wizard.locator('[data-testid=bank-import-check]').click()
      const problemsAlert = wizard.locator('[data-testid=bank-preview-has-problems]')
      await problemsAlert.waitFor()
      assert.match(await problemsAlert.innerText(), /Tệp có lỗi: sửa tệp rồi thử lại — không câu nào được nhập/)
      const problem = wizard.locator('[data-testid=bank-problems] tbody tr.ant-table-row').first()
      assert.equal((await problem.locator('td').first().innerText()).trim(), String(files.brokenLine))
      assert.match(await problem.innerText(), /right/)
      assert.equal(await wizard.locator('[data-testid=bank-import-start]').isDisabled(), true, 'a file with problems cannot be imported')
      await shot(page, '52-bank-import-problems')

      // The corrected file goes in, its $CATEGORY as a sub-category.
      await wizard.getByRole('button', { name: 'Chọn tệp khác' }).click()
      await input.setInputFiles({ name: 'cau-hoi.gift', mimeType: 'text/plain', buffer: Buffer.from(files.good, 'utf8') })
      await wizard.locator('[data-testid=bank-import-check]').click()
      const preview = wizard.locator('[data-testid=bank-preview-questions]')
      await preview.waitFor()
      for (const n of files.names) await preview.getByText(n).waitFor()
      assert.equal(await wizard.locator('[data-testid=bank-problems]').count(), 0)
      await wizard.locator('[data-testid=bank-import-start]').click()
      const result = wizard.locator('[data-testid=bank-import-result]')
      await result.waitFor()
      assert.match(await result.innerText(), /Đã nhập 3 câu hỏi/)
      assert.match(await result.innerText(), /Đã tạo thêm 1 nhóm con/)
      await shot(page, '53-bank-import-result')
      await wizard.locator('[data-testid=bank-import-close]').click()
      await wizard.waitFor({ state: 'detached' })

      // The list (with the sub-categories) and the tree show what came in.
      for (const n of files.names) await rows(page).filter({ hasText: n }).first().waitFor()
      assert.equal(await listTotal(page), 3)
      await treeNode(page, 'Chủ đề phụ').waitFor()
      await page.locator('[data-testid=bank-include-sub]').click()
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=question-table] tbody tr.ant-table-row').length === 2,
      )
      await page.locator('[data-testid=bank-include-sub]').click()
      await rows(page).filter({ hasText: files.names[2] }).first().waitFor()
      await rows(page).filter({ hasText: files.names[2] }).locator('[data-testid=question-open]').click()
      await page.locator('[data-testid=numeric-range]', { hasText: '8 ± 0' }).waitFor()
      assert.equal(await page.locator('[data-testid=files-read-only]').count(), 0, 'an imported question is not from the files')
      await page.locator('.ant-drawer-close').click()
      await shot(page, '54-bank-list')

      // The export of the category, fetched with the bearer token.
      const download = page.waitForEvent('download')
      await page.locator('[data-testid=bank-export]').click()
      await page.getByRole('menuitem', { name: 'GIFT (.gift)' }).click()
      const file = await download
      assert.ok(file.suggestedFilename().endsWith('.gift'), file.suggestedFilename())
      const gift = await readFile(await file.path(), 'utf8')
      for (const n of files.names) assert.ok(gift.includes(n), `${n} exported`)
      await page.context().close()

      // At phone width.
      const phone = await newPage(browser, baseURL, PHONE)
      await signIn(phone, 'giangvien')
      await phone.goto(`/question-bank?category=${categoryId}`)
      await rows(phone).first().waitFor()
      await noSidewaysScroll(phone, 'the question bank')
      await shot(phone, '54m-bank-phone')
      await rows(phone).filter({ hasText: files.names[0] }).locator('[data-testid=question-open]').click()
      await phone.locator('[data-testid=question-detail] [data-testid=answer]').first().waitFor()
      await noSidewaysScroll(phone, 'the question drawer')
      await shot(phone, '51m-bank-question-phone')
      await phone.locator('.ant-drawer-close').click()
      await phone.locator('[data-testid=question-detail]').waitFor({ state: 'detached' })
      await phone.locator('[data-testid=bank-import-open]').click()
      const phoneWizard = phone.locator('[data-testid=bank-import]')
      await phoneWizard.locator('[data-testid=bank-import-file] input[type=file]').setInputFiles({
        name: 'cau-hoi-loi.gift',
        mimeType: 'text/plain',
        buffer: Buffer.from(files.broken, 'utf8'),
      })
      await phoneWizard.locator('[data-testid=bank-import-check]').click()
      await phoneWizard.locator('[data-testid=bank-problems]').waitFor()
      await noSidewaysScroll(phone, 'the import wizard')
      await shot(phone, '52m-bank-import-phone')
      await phone.context().close()
    })

    test('a trainer writes a single-choice question with a preview, then edits it into version 2', async () => {
      const { baseURL } = env.server()
      const suffix = Date.now().toString(36)
      const token = await apiToken(baseURL, 'giangvien')
      const res = await fetch(`${baseURL}/api/v1/question-categories`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: `Soạn thảo E2E ${suffix}` }),
      })
      assert.equal(res.status, 201)
      const category = await res.json()
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'giangvien')
      await page.goto(`/question-bank?category=${category.id}`)
      await page.locator('[data-testid=bank-list-title]', { hasText: category.name }).waitFor()

      await page.locator('[data-testid=question-new]').click()
      await page.locator('[data-testid=new-question-single_choice]').click()
      const editor = page.locator('[data-testid=question-editor]')
      await editor.waitFor()
      assert.match(await editor.locator('.ant-drawer-title').innerText(), /Câu hỏi mới/)
      const name = `E2E-SC-${suffix}`
      await editor.locator('[data-testid=editor-name]').fill(name)
      await editor.locator('[data-testid=editor-text]').fill('Phím tắt nào dùng để **sao chép**?')
      await editor.locator('[data-testid=editor-format]').click()
      await page.locator('.ant-select-item-option', { hasText: 'Markdown' }).click()
      const texts = editor.locator('[data-testid=answer-text]')
      await texts.nth(0).fill('Ctrl+C')
      await texts.nth(1).fill('Ctrl+V')
      await texts.nth(2).fill('Ctrl+X')
      await texts.nth(3).fill('Ctrl+Z')
      await editor.locator('[data-testid=answer-feedback]').nth(1).fill('Ctrl+V là dán.')
      await editor.locator('[data-testid=editor-general-feedback]').fill('Sao chép: Ctrl+C; dán: Ctrl+V.')

      // The preview: the learner's view, rendered by the server, with no grade in it.
      const preview = editor.locator('[data-testid=question-preview]')
      await preview.locator('[data-testid=preview-text] strong', { hasText: 'sao chép' }).waitFor()
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=preview-answer] .ant-radio-wrapper').length === 4)
      const learnerSees = await preview.locator('[data-testid=preview-answer]').innerText()
      assert.ok(!/100|%|dán/.test(learnerSees), `the learner's view tells the answer: ${learnerSees}`)
      assert.match(await preview.locator('[data-testid=preview-trainer]').innerText(), /Ctrl\+V là dán/)
      await shot(page, '56-bank-editor')
      await editor.locator('[data-testid=editor-save]').click()
      await page.locator('.ant-message-success', { hasText: name }).waitFor()
      await editor.waitFor({ state: 'detached' })

      // Saved: the drawer shows version 1; an edit makes version 2.
      const detail = page.locator('[data-testid=question-detail]')
      await detail.waitFor()
      assert.match(await detail.innerText(), /Phiên bản 1/)
      await page.locator('[data-testid=question-edit]').click()
      await editor.waitFor()
      assert.match(await editor.locator('[data-testid=editor-version]').innerText(), /phiên bản 2/)
      assert.equal(await editor.locator('[data-testid=answer-text]').nth(1).inputValue(), 'Ctrl+V')
      await editor.locator('[data-testid=editor-text]').fill('Phím tắt nào dùng để **sao chép** văn bản?')
      await preview.locator('[data-testid=preview-text]', { hasText: 'văn bản' }).waitFor()
      await editor.locator('[data-testid=editor-save]').click()
      await page.locator('.ant-message-success', { hasText: 'phiên bản 2' }).waitFor()
      await detail.waitFor()
      await detail.getByText('Phiên bản 2 —').waitFor()
      assert.match(await detail.locator('[data-testid=question-text]').innerText(), /văn bản/)
      await rows(page).filter({ hasText: name }).first().waitFor()

      // Archived, it leaves the list unless archived questions are asked for; restored, it is back.
      await page.locator('[data-testid=question-archive]').click()
      await page.locator('.ant-popconfirm .ant-btn-primary').click()
      await page.locator('.ant-message-success', { hasText: 'Đã lưu trữ câu hỏi' }).waitFor()
      await page.locator('[data-testid=question-restore]').waitFor()
      await page.locator('.ant-drawer-close').click()
      await rows(page).filter({ hasText: name }).waitFor({ state: 'detached' })
      await page.locator('[data-testid=bank-archived]').click()
      const archived = rows(page).filter({ hasText: name }).first()
      await archived.getByText('Đã lưu trữ').waitFor()
      await archived.locator('[data-testid=question-open]').click()
      await page.locator('[data-testid=question-restore]').click()
      await page.locator('.ant-message-success', { hasText: 'Đã khôi phục câu hỏi' }).waitFor()
      await page.locator('[data-testid=question-archive]').waitFor()
      await page.context().close()

      // At phone width the preview goes under the form.
      const phone = await newPage(env.browser(), baseURL, PHONE)
      await signIn(phone, 'giangvien')
      await phone.goto(`/question-bank?category=${category.id}`)
      await phone.locator('[data-testid=question-new]').click()
      await phone.locator('[data-testid=new-question-matching]').click()
      await phone.locator('[data-testid=question-editor]').waitFor()
      await phone.locator('[data-testid=editor-text]').fill('Ghép giao thức với công dụng')
      await phone.locator('[data-testid=question-preview]').waitFor()
      await noSidewaysScroll(phone, 'the question editor')
      await shot(phone, '56m-bank-editor-phone')
      await phone.context().close()
    })

    test('a learner has no question bank', async () => {
      const { baseURL } = env.server()
      const page = await newPage(env.browser(), baseURL)
      await signIn(page, 'hocvien')
      assert.ok(!(await menuLabels(page)).includes(MENU))
      await page.goto('/question-bank')
      await page.waitForURL('**/profile')
      await page.context().close()
    })
  })
}
