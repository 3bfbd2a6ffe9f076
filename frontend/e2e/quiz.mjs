// Browser tests of the learner's quiz screens, registered by app.test.mjs
// (which owns the server and the browser): a learner enrols in IU01 if
// needed, finds a quiz on the course page, starts it, answers two questions,
// sees them saved, reloads (with the browser's session storage emptied, so
// the answers can only come from the server) and finds them, submits with
// the unanswered questions listed, and reads the review. The attempt is also
// photographed at phone width.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { PHONE, newPage, shot, signIn } from './browser.mjs'

const COURSE = 'iu01-hieu-biet-cntt-co-ban'

/**
 * answer gives the question on screen an answer its type accepts and returns
 * a check that the answer is shown (after a reload).
 */
async function answer(page) {
  const view = page.locator('[data-testid=question-view]')
  await view.waitFor()
  const type = await view.getAttribute('data-type')
  switch (type) {
    case 'single_choice':
    case 'multiple_choice': {
      await view.locator('[data-testid=option-1] label').click()
      return async () => {
        const checked = await view.locator('[data-testid=option-1] .ant-radio-wrapper-checked, [data-testid=option-1] .ant-checkbox-wrapper-checked').count()
        assert.equal(checked, 1, `${type}: option 2 is chosen`)
      }
    }
    case 'true_false': {
      await view.locator('[data-testid=option-false] label').click()
      return async () => {
        assert.equal(await view.locator('[data-testid=option-false] .ant-radio-wrapper-checked').count(), 1, 'true/false: "Sai" is chosen')
      }
    }
    case 'matching': {
      await view.locator('[data-testid=match-0] .ant-select').click()
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first()
      const text = (await option.innerText()).trim()
      await option.click()
      return async () => {
        assert.equal((await view.locator('[data-testid=match-0] .ant-select-selection-item').innerText()).trim(), text, 'matching: first pair')
      }
    }
    case 'numerical':
    case 'short_answer':
    case 'essay': {
      const value = type === 'numerical' ? '3,5' : 'Trả lời thử'
      await view.locator('[data-testid=answer-input]').fill(value)
      return async () => {
        assert.equal(await view.locator('[data-testid=answer-input]').inputValue(), value, `${type}: the text`)
      }
    }
    default:
      // A description has nothing to answer: the caller moves on.
      return null
  }
}

/** startAttempt presses Start (or Continue) on a quiz's page, confirms when the quiz is timed, and waits for the attempt. */
async function startAttempt(page) {
  await page.locator('[data-testid=start-attempt]').click()
  await page.waitForFunction(() => /^\/attempts\/\d+$/.test(location.pathname) || document.querySelector('.ant-modal-confirm'))
  if (await page.locator('.ant-modal-confirm').count()) await page.locator('.ant-modal-confirm .ant-btn-primary').click()
  await page.waitForURL(/\/attempts\/\d+$/)
}

/** quizTests registers the tests; it takes (getServer, getBrowser) or, like courseTests, an env {server, browser}. */
export function quizTests(getServer, getBrowser) {
  const server = typeof getServer === 'function' ? getServer : () => getServer.server()
  const browserOf = typeof getServer === 'function' ? getBrowser : () => getServer.browser()

  describe('quizzes', () => {
    test('a learner takes a quiz: answers are saved, survive a reload, and the review follows the submit', async () => {
      const { baseURL } = server()
      const page = await newPage(browserOf(), baseURL)
      await signIn(page, 'hocvien')

      // The course page lists the course's quizzes; enrol first when needed.
      await page.goto(`/courses/${COURSE}`)
      await page.locator('[data-testid=course-outline]').waitFor()
      if (await page.locator('[data-testid=enrol]').count()) {
        await page.locator('[data-testid=enrol]').click()
        await page.locator('[data-testid=my-enrolment]').waitFor()
      }
      const list = page.locator('[data-testid=course-quizzes]')
      await list.waitFor()
      await shot(page, '70-course-quizzes')
      // The final test: timed (30 minutes), three attempts, the score shown after each.
      await list.locator('[data-testid=quiz-link]', { hasText: 'Kiểm tra cuối khóa' }).click()
      await page.waitForURL('**/quizzes/*')
      await page.locator('[data-testid=quiz-rules]').waitFor()
      assert.match(await page.locator('[data-testid=quiz-rules]').innerText(), /Số câu hỏi/)
      await shot(page, '71-quiz-intro')

      const start = page.locator('[data-testid=start-attempt]')
      assert.match(await start.innerText(), /Bắt đầu làm bài|Làm tiếp|Làm lại/)
      await startAttempt(page)
      const attemptPath = new URL(page.url()).pathname
      // The countdown runs from the server's deadline.
      assert.match(await page.locator('[data-testid=time-left]').innerText(), /^(29|30):\d\d$|^0?0:(29|30):\d\d$/)

      // Two questions answered (a description, if drawn, is skipped).
      const checks = []
      const number = page.locator('[data-testid=question-number]')
      for (let n = 1; checks.length < 2; n++) {
        await number.filter({ hasText: `Câu ${n}/` }).waitFor()
        const check = await answer(page)
        if (check) checks.push({ n, check })
        await page.locator('[data-testid=next-question]').click()
      }
      const status = page.locator('[data-testid=save-status]')
      await status.filter({ hasText: 'Đã lưu' }).waitFor({ timeout: 15_000 })
      assert.equal(await status.getAttribute('data-status'), 'saved')
      await shot(page, '72-quiz-attempt')

      // Reload with nothing kept in the browser: the answers come back from the server.
      await page.evaluate(() => sessionStorage.clear())
      await page.reload()
      await page.locator('[data-testid=question-view]').waitFor()
      for (const { n, check } of checks) {
        assert.equal(await page.locator(`[data-testid=nav-${n}]`).getAttribute('data-answered'), 'true', `question ${n} answered in the panel`)
        await page.locator(`[data-testid=nav-${n}]`).click()
        await number.filter({ hasText: `Câu ${n}/` }).waitFor()
        await check()
      }
      assert.equal(new URL(page.url()).pathname, attemptPath)

      // Submit: the dialog lists the questions left unanswered.
      await page.locator('[data-testid=submit-attempt]').click()
      const unanswered = page.locator('[data-testid=submit-unanswered]')
      await unanswered.waitFor()
      const listed = (await unanswered.innerText()).match(/Câu chưa trả lời: ([\d, ]+)/)
      assert.ok(listed, 'the unanswered questions are listed')
      const numbers = listed[1].split(',').map((s) => Number(s.trim()))
      for (const { n } of checks) assert.ok(!numbers.includes(n), `question ${n} is not listed as unanswered`)
      await shot(page, '73-quiz-submit')
      await page.locator('.ant-modal-confirm .ant-btn-primary').click()

      await page.waitForURL('**/review')
      await page.locator('[data-testid=review-page]').waitFor()
      // The final test's review right after an attempt shows the score, not the answers.
      const summary = await page.locator('[data-testid=review-summary]').innerText()
      assert.match(summary, /Đã nộp/)
      assert.match(summary, /%/)
      await page.locator(`[data-testid=review-question-${checks[0].n}]`).waitFor()
      for (const hidden of ['right-answer', 'question-state', 'feedback', 'general-feedback']) {
        assert.equal(await page.locator(`[data-testid=review-page] [data-testid=${hidden}]`).count(), 0, `no ${hidden} before the quiz closes`)
      }
      await shot(page, '74-quiz-review')

      // The intro page now lists the attempt, with a link to its review.
      await page.locator('a', { hasText: 'Về bài kiểm tra' }).click()
      await page.locator('[data-testid=my-attempts] a', { hasText: 'Xem lại bài làm' }).first().waitFor()
      await page.context().close()
    })

    test('the attempt fits a phone', async () => {
      const { baseURL } = server()
      const page = await newPage(browserOf(), baseURL, PHONE)
      await signIn(page, 'hocvien')
      await page.goto(`/courses/${COURSE}`)
      await page.locator('[data-testid=course-quizzes] [data-testid=quiz-link]').first().click()
      await startAttempt(page)
      await page.locator('[data-testid=question-view]').waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 1, `the attempt is ${overflow}px wider than the phone`)
      await shot(page, '72m-quiz-attempt-phone')
      await page.context().close()
    })
  })
}
