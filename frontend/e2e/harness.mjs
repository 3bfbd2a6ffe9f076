// Starts the real lms server for the browser tests: builds the frontend and
// the binary, creates a fresh database lms_e2e_<random>, migrates, seeds,
// syncs the curriculum (courses/) and serves it on a free port. With
// E2E_BASE_URL set it uses that server instead (e.g. a `npm run dev` or a
// running `lms serve` with the seed and the courses loaded).
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const repoRoot = resolve(frontendDir, '..')
export const resultsDir = join(frontendDir, 'test-results')

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts })
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`)
  }
  return r.stdout
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer()
    s.unref()
    s.on('error', rej)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => res(port))
    })
  })
}

async function waitReady(url, proc, ms) {
  const deadline = Date.now() + ms
  let last = ''
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`lms serve exited with ${proc.exitCode}`)
    try {
      const r = await fetch(url)
      if (r.ok) return
      last = `${r.status} ${await r.text()}`
    } catch (e) {
      last = String(e)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`server not ready at ${url} after ${ms} ms: ${last}`)
}

/** startServer returns {baseURL, stop()}. */
export async function startServer() {
  if (process.env.E2E_BASE_URL) {
    return { baseURL: process.env.E2E_BASE_URL.replace(/\/$/, ''), stop: async () => {} }
  }
  mkdirSync(resultsDir, { recursive: true })
  if (!process.env.E2E_SKIP_BUILD) {
    run('npm', ['run', 'build'], { cwd: frontendDir })
    run('go', ['build', '-o', 'bin/lms', './api/cmd/lms'], { cwd: repoRoot })
  }
  const bin = join(repoRoot, 'bin', 'lms')
  const port = await freePort()
  const db = `lms_e2e_${randomBytes(4).toString('hex')}`
  const env = {
    ...process.env,
    LMS_DB_NAME: db,
    LMS_ADDR: `127.0.0.1:${port}`,
    LMS_JWT_SECRET: randomBytes(32).toString('hex'),
    LMS_LOG_LEVEL: 'warn',
  }
  run(bin, ['migrate', 'up'], { cwd: repoRoot, env })
  run(bin, ['seed'], { cwd: repoRoot, env })
  // The curriculum in courses/ (the seed holds people, not courses).
  run(bin, ['courses', 'sync'], { cwd: repoRoot, env })

  const logPath = join(resultsDir, 'server.log')
  const log = createWriteStream(logPath)
  const proc = spawn(bin, ['serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  proc.stdout.pipe(log)
  proc.stderr.pipe(log)
  const baseURL = `http://127.0.0.1:${port}`
  try {
    await waitReady(`${baseURL}/readyz`, proc, 60_000)
  } catch (e) {
    proc.kill('SIGKILL')
    throw new Error(`${e.message}\n(see ${logPath})`)
  }

  return {
    baseURL,
    db,
    /** the database's address as lms reaches it (psql takes it as its database argument) */
    dbURL: run(bin, ['db', 'url'], { cwd: repoRoot, env }).trim(),
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r))
        proc.kill('SIGTERM')
        const timer = setTimeout(() => proc.kill('SIGKILL'), 25_000)
        await exited
        clearTimeout(timer)
      }
      log.end()
      run(bin, ['db', 'drop', '-yes'], { cwd: repoRoot, env })
    },
  }
}
