// The one typed client of the LMS API. The access token lives in memory only;
// the refresh token is an httpOnly cookie the browser sends to
// POST /api/v1/auth/refresh. A request that gets 401 refreshes once (one
// refresh in flight at a time, shared by every caller) and is retried once.

import type {
  Membership,
  ReportFormat,
  ReportParams,
  ReportRun,
  Agency,
  AgencyInput,
  AuditEntry,
  AuditQuery,
  BulkEnrolRequest,
  BulkEnrolResult,
  CourseDetail,
  CourseInput,
  CourseLearner,
  CoursePatch,
  CourseQuery,
  CourseSummary,
  Enrolment,
  ErrorBody,
  FileFormat,
  ImportJob,
  ImportMode,
  ImportPreview,
  Lesson,
  LessonCompletion,
  LessonEdit,
  LessonInput,
  LessonPatch,
  ListResponse,
  Me,
  ModuleInput,
  ModulePatch,
  ModuleRow,
  MyCourse,
  PasswordChange,
  PeopleFilter,
  PeopleQuery,
  Person,
  PersonInput,
  PersonPatch,
  QuestionCategory,
  QuestionCategoryInput,
  QuestionDetail,
  QuestionExportFormat,
  QuestionImportFormat,
  QuestionImportPreview,
  QuestionImportResult,
  QuestionContent,
  QuestionInput,
  QuestionPreview,
  QuestionUpdate,
  QuestionQuery,
  QuestionSummary,
  Attempt,
  AttemptQuestion,
  Certificate,
  CertificateQuery,
  CertificationEdit,
  CertificationInput,
  IssueRequest,
  Certification,
  Mailbox,
  Position,
  PositionInput,
  Qualification,
  TargetAgencyRow,
  TargetDefinition,
  TargetInput,
  TargetMissing,
  TargetValues,
  TokenCheck,
  Verification,
  AttemptReview,
  AttemptSummary,
  AutosaveRequest,
  AutosaveResult,
  GradeRequest,
  GradeResult,
  GradingItem,
  Quiz,
  QuizAttemptRow,
  QuizInput,
  QuizStatistics,
  QuizSummary,
  RegradeReport,
  TokenResponse,
  UploadedImage,
  User,
  UserInput,
  UserPatch,
  UsersQuery,
} from './types'

export const API_BASE = '/api/v1'

/** ApiError is what every failed call throws: the server's error body plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown>

  constructor(status: number, body: ErrorBody) {
    super(body.message || body.code)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.details = body.details ?? {}
  }

  /** fieldErrors returns details.fields ({field: code}) of a 400 invalid-input error. */
  get fieldErrors(): Record<string, string> {
    const f = this.details.fields
    return f && typeof f === 'object' ? (f as Record<string, string>) : {}
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

interface RequestOptions {
  query?: Query
  body?: unknown
  form?: FormData
  signal?: AbortSignal
  headers?: Record<string, string>
  /** let the request outlive the page (a save sent as the page goes away) */
  keepalive?: boolean
  /** false for the auth endpoints themselves: a 401 there is an answer, not an expired token. */
  retryOn401?: boolean
}

type SessionListener = (session: TokenResponse | null) => void

let accessToken: string | null = null
let refreshing: Promise<TokenResponse | null> | null = null
const listeners = new Set<SessionListener>()

/** onSession registers fn to hear of every new session (sign-in, refresh) and of its end (null). */
export function onSession(fn: SessionListener): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

function setSession(s: TokenResponse | null) {
  accessToken = s?.access_token ?? null
  for (const fn of listeners) fn(s)
}

export function hasAccessToken(): boolean {
  return accessToken !== null
}

/** resetClient forgets the token and any refresh in flight (used by tests). */
export function resetClient() {
  accessToken = null
  refreshing = null
  listeners.clear()
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue
    params.append(k, String(v))
  }
  const qs = params.toString()
  return API_BASE + path + (qs ? `?${qs}` : '')
}

async function toError(res: Response): Promise<ApiError> {
  let body: ErrorBody | undefined
  try {
    const json = (await res.json()) as { error?: ErrorBody }
    if (json && json.error && typeof json.error.code === 'string') body = json.error
  } catch {
    // not JSON: fall through
  }
  return new ApiError(res.status, body ?? { code: `http_${res.status}`, message: res.statusText || `HTTP ${res.status}` })
}

async function rawFetch(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { credentials: 'same-origin', ...init })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, { code: 'network_error', message: e instanceof Error ? e.message : String(e) })
  }
}

/**
 * refreshSession asks for a new access token with the refresh cookie. Callers
 * that arrive while a refresh is in flight share it, so the rotating refresh
 * token is presented once. It resolves to null when there is no session.
 */
export function refreshSession(): Promise<TokenResponse | null> {
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const res = await rawFetch(API_BASE + '/auth/refresh', {
          method: 'POST',
          headers: { Accept: 'application/json' },
        })
        if (!res.ok) {
          setSession(null)
          return null
        }
        const s = (await res.json()) as TokenResponse
        setSession(s)
        return s
      } finally {
        refreshing = null
      }
    })()
  }
  return refreshing
}

async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const attempt = () => {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers }
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`
    let body: BodyInit | undefined
    if (opts.form) {
      body = opts.form
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(opts.body)
    }
    return rawFetch(buildUrl(path, opts.query), { method, headers, body, signal: opts.signal, keepalive: opts.keepalive })
  }

  const tokenSent = accessToken
  let res = await attempt()
  if (res.status === 401 && opts.retryOn401 !== false) {
    // Another caller may have refreshed while this request was out; then the
    // new token is simply tried, otherwise this caller refreshes (or joins the
    // refresh in flight).
    const renewed = accessToken !== null && accessToken !== tokenSent
    const ok = renewed || (await refreshSession()) !== null
    if (ok) res = await attempt()
  }
  if (!res.ok) throw await toError(res)
  return res
}

async function json<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
  const res = await send(method, path, opts)
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

/** Downloaded is a file fetched with the bearer token. */
export interface Downloaded {
  blob: Blob
  filename: string
}

/** filenameFrom reads the file name out of a Content-Disposition header. */
export function filenameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain ? plain[1].trim() : fallback
}

async function download(path: string, query: Query | undefined, fallback: string): Promise<Downloaded> {
  const res = await send('GET', path, { query })
  return { blob: await res.blob(), filename: filenameFrom(res.headers.get('Content-Disposition'), fallback) }
}

function filterQuery(f: PeopleFilter): Query {
  return {
    q: f.q,
    agency_id: f.agency_id,
    include_sub: f.agency_id !== undefined ? f.include_sub : undefined,
    kind: f.kind,
    professional: f.professional,
    active: f.active,
  }
}

// ---- auth and the current user ----

export async function login(username: string, password: string): Promise<TokenResponse> {
  const s = await json<TokenResponse>('POST', '/auth/login', { body: { username, password }, retryOn401: false })
  setSession(s)
  return s
}

export async function logout(): Promise<void> {
  try {
    await send('POST', '/auth/logout', { retryOn401: false })
  } finally {
    setSession(null)
  }
}

export const getMe = () => json<Me>('GET', '/me')
export const changePassword = (body: PasswordChange) => json<void>('POST', '/me/password', { body })

// ---- agencies ----

export const listAgencies = () => json<{ items: Agency[] }>('GET', '/agencies').then((r) => r.items)
export const getAgency = (id: number) => json<Agency>('GET', `/agencies/${id}`)
export const createAgency = (body: AgencyInput) => json<Agency>('POST', '/agencies', { body })
export const updateAgency = (id: number, body: Partial<AgencyInput>) =>
  json<Agency>('PATCH', `/agencies/${id}`, { body })

// ---- people ----

export const listPeople = (q: PeopleQuery, signal?: AbortSignal) =>
  json<ListResponse<Person>>('GET', '/people', {
    query: { ...filterQuery(q), sort: q.sort, page: q.page, page_size: q.page_size },
    signal,
  })
export const getPerson = (id: number) => json<Person>('GET', `/people/${id}`)
/** personMemberships: the agencies a person worked in, newest first. */
export const personMemberships = (id: number, signal?: AbortSignal) =>
  json<{ items: Membership[] }>('GET', `/people/${id}/memberships`, { signal }).then((r) => r.items)
export const createPerson = (body: PersonInput) => json<Person>('POST', '/people', { body })
export const updatePerson = (id: number, body: PersonPatch) => json<Person>('PATCH', `/people/${id}`, { body })
export const deactivatePerson = (id: number) => json<Person>('POST', `/people/${id}/deactivate`)
export const activatePerson = (id: number) => json<Person>('POST', `/people/${id}/activate`)
export const exportPeople = (format: FileFormat, f: PeopleFilter) =>
  download('/people/export', { format, ...filterQuery(f) }, `people.${format}`)

// ---- people import ----

export const importTemplate = (format: FileFormat) =>
  download('/people/import/template', { format }, `people-template.${format}`)

export function previewImport(file: File): Promise<ImportPreview> {
  const form = new FormData()
  form.append('file', file)
  return json<ImportPreview>('POST', '/people/import/preview', { form })
}

export function startImport(file: File, mode: ImportMode): Promise<ImportJob> {
  const form = new FormData()
  form.append('file', file)
  form.append('mode', mode)
  return json<ImportJob>('POST', '/people/imports', { form })
}

export const getImport = (id: number) => json<ImportJob>('GET', `/people/imports/${id}`)

// ---- users ----

export const listUsers = (q: UsersQuery) =>
  json<ListResponse<User>>('GET', '/users', { query: { ...q } })
export const createUser = (body: UserInput) => json<User>('POST', '/users', { body })
export const updateUser = (id: number, body: UserPatch) => json<User>('PATCH', `/users/${id}`, { body })
export const resetUserPassword = (id: number, newPassword: string) =>
  json<void>('POST', `/users/${id}/password`, { body: { new_password: newPassword } })

// ---- audit ----

export const listAudit = (q: AuditQuery) => json<ListResponse<AuditEntry>>('GET', '/audit', { query: { ...q } })

// ---- courses ----

const courseUrl = (slug: string) => `/courses/${encodeURIComponent(slug)}`

export const listCourses = (q: CourseQuery, signal?: AbortSignal) =>
  json<ListResponse<CourseSummary>>('GET', '/courses', { query: { ...q }, signal })
export const getCourse = (slug: string) => json<CourseDetail>('GET', courseUrl(slug))
export const enrol = (slug: string) => json<Enrolment>('POST', `${courseUrl(slug)}/enrol`)
export const myCourses = () => json<{ items: MyCourse[] }>('GET', '/me/courses').then((r) => r.items)
export const enrolPeople = (slug: string, body: BulkEnrolRequest) =>
  json<BulkEnrolResult>('POST', `${courseUrl(slug)}/enrolments`, { body })
export const listCourseLearners = (slug: string, page: number, pageSize = 20) =>
  json<ListResponse<CourseLearner>>('GET', `${courseUrl(slug)}/enrolments`, { query: { page, page_size: pageSize } })

export const getLesson = (id: number) => json<Lesson>('GET', `/lessons/${id}`)
export const completeLesson = (id: number) => json<LessonCompletion>('POST', `/lessons/${id}/complete`)

// ---- course authoring ----

export const createCourse = (body: CourseInput) => json<CourseDetail>('POST', '/courses', { body })
export const updateCourse = (slug: string, body: CoursePatch) => json<CourseDetail>('PATCH', courseUrl(slug), { body })
export const publishCourse = (slug: string) => json<CourseDetail>('POST', `${courseUrl(slug)}/publish`)
export const unpublishCourse = (slug: string) => json<CourseDetail>('POST', `${courseUrl(slug)}/unpublish`)
export const createModule = (slug: string, body: ModuleInput) =>
  json<ModuleRow>('POST', `${courseUrl(slug)}/modules`, { body })
export const updateModule = (id: number, body: ModulePatch) => json<ModuleRow>('PATCH', `/modules/${id}`, { body })
export const createLesson = (moduleId: number, body: LessonInput) =>
  json<LessonEdit>('POST', `/modules/${moduleId}/lessons`, { body })
export const getLessonSource = (id: number) => json<LessonEdit>('GET', `/lessons/${id}/source`)
export const updateLesson = (id: number, body: LessonPatch) => json<LessonEdit>('PATCH', `/lessons/${id}`, { body })

export function uploadCourseImage(slug: string, file: File): Promise<UploadedImage> {
  const form = new FormData()
  form.append('file', file)
  return json<UploadedImage>('POST', `${courseUrl(slug)}/images`, { form })
}

export const previewMarkdown = (markdown: string, courseSlug?: string, signal?: AbortSignal) =>
  json<{ html: string }>('POST', '/markdown/preview', { body: { markdown, course_slug: courseSlug }, signal }).then(
    (r) => r.html,
  )

// ---- question bank ----

const exportExt: Record<QuestionExportFormat, string> = { gift: 'gift', moodlexml: 'xml', csv: 'csv', xlsx: 'xlsx' }

export const listQuestionCategories = () =>
  json<{ items: QuestionCategory[] }>('GET', '/question-categories').then((r) => r.items)
export const createQuestionCategory = (body: QuestionCategoryInput) =>
  json<QuestionCategory>('POST', '/question-categories', { body })
export const listQuestions = (q: QuestionQuery, signal?: AbortSignal) =>
  json<ListResponse<QuestionSummary>>('GET', '/questions', {
    query: { ...q, include_sub: q.category_id !== undefined ? q.include_sub : undefined },
    signal,
  })
export const getQuestion = (id: number) => json<QuestionDetail>('GET', `/questions/${id}`)
export const createQuestion = (body: QuestionInput) => json<QuestionDetail>('POST', '/questions', { body })
export const updateQuestion = (id: number, body: QuestionUpdate) => json<QuestionDetail>('PUT', `/questions/${id}`, { body })
export const archiveQuestion = (id: number) => json<QuestionDetail>('POST', `/questions/${id}/archive`)
export const restoreQuestion = (id: number) => json<QuestionDetail>('POST', `/questions/${id}/restore`)
export const previewQuestion = (body: QuestionContent, signal?: AbortSignal) =>
  json<QuestionPreview>('POST', '/questions/preview', { body, signal })
export const exportQuestions = (categoryId: number, format: QuestionExportFormat) =>
  download('/questions/export', { category_id: categoryId, format }, `cau-hoi.${exportExt[format]}`)

function questionForm(file: File, format?: QuestionImportFormat): FormData {
  const form = new FormData()
  form.append('file', file)
  if (format) form.append('format', format)
  return form
}

/** previewQuestionImport reads a question file without writing anything. */
export const previewQuestionImport = (file: File, format?: QuestionImportFormat) =>
  json<QuestionImportPreview>('POST', '/questions/import/preview', { form: questionForm(file, format) })

/** importQuestions writes the whole file into the category, or nothing (422 import_has_errors, import_empty). */
export function importQuestions(file: File, categoryId: number, format?: QuestionImportFormat): Promise<QuestionImportResult> {
  const form = questionForm(file, format)
  form.append('category_id', String(categoryId))
  return json<QuestionImportResult>('POST', '/questions/import', { form })
}

// ---- quizzes and attempts ----

export const listCourseQuizzes = (slug: string) =>
  json<{ items: QuizSummary[] }>('GET', `${courseUrl(slug)}/quizzes`).then((r) => r.items)
export const createQuiz = (slug: string, body: QuizInput) => json<Quiz>('POST', `${courseUrl(slug)}/quizzes`, { body })
export const getQuiz = (id: number) => json<Quiz>('GET', `/quizzes/${id}`)
export const updateQuiz = (id: number, body: QuizInput) => json<Quiz>('PUT', `/quizzes/${id}`, { body })
export const deleteQuiz = (id: number) => json<void>('DELETE', `/quizzes/${id}`)
/** startAttempt starts an attempt, or returns the one in progress. */
export const startAttempt = (quizId: number) => json<Attempt>('POST', `/quizzes/${quizId}/attempts`)
export const getAttempt = (id: number) => json<Attempt>('GET', `/attempts/${id}`)
/** getAttemptQuestion: 403 not_reached for a slot past the furthest one (sequential navigation). */
export const getAttemptQuestion = (id: number, slot: number) =>
  json<AttemptQuestion>('GET', `/attempts/${id}/questions/${slot}`)
/** saveAnswers: 409 attempt_finished, 409 time_up, 409 not_reached. keepalive: sent as the page goes away. */
export const saveAnswers = (id: number, body: AutosaveRequest, keepalive = false) =>
  json<AutosaveResult>('PUT', `/attempts/${id}/answers`, { body, keepalive })
/** submitAttempt finishes the attempt once; the key makes a repeated submit return the same result. */
export const submitAttempt = (id: number, key: string, body?: Partial<AutosaveRequest>) =>
  json<AttemptSummary>('POST', `/attempts/${id}/submit`, { body: body ?? {}, headers: { 'Idempotency-Key': key } })
export const getReview = (id: number) => json<AttemptReview>('GET', `/attempts/${id}/review`)
export const listQuizAttempts = (quizId: number, page: number, pageSize = 20) =>
  json<ListResponse<QuizAttemptRow>>('GET', `/quizzes/${quizId}/attempts`, { query: { page, page_size: pageSize } })
export const gradingQueue = (quizId?: number) =>
  json<{ items: GradingItem[] }>('GET', '/grading', { query: { quiz_id: quizId } }).then((r) => r.items)
export const gradeAnswer = (attemptId: number, body: GradeRequest) =>
  json<GradeResult>('POST', `/attempts/${attemptId}/grade`, { body })
export const regradeQuiz = (quizId: number, dryRun: boolean) =>
  json<RegradeReport>('POST', `/quizzes/${quizId}/regrade`, { body: { dry_run: dryRun } })
export const quizStatistics = (quizId: number) => json<QuizStatistics>('GET', `/quizzes/${quizId}/statistics`)

// ---- certificates ----

export const myCertificates = () => json<{ items: Certificate[] }>('GET', '/me/certificates').then((r) => r.items)
export const listCertificates = (q: CertificateQuery, signal?: AbortSignal) =>
  json<ListResponse<Certificate>>('GET', '/certificates', { query: { ...q }, signal })
export const getCertificate = (id: number) => json<Certificate>('GET', `/certificates/${id}`)
/** exportCertificates downloads the list's certificates (its filters, no paging) as CSV or XLSX. */
export const exportCertificates = (q: CertificateQuery, format: 'csv' | 'xlsx') =>
  download('/certificates/export', { ...q, page: undefined, page_size: undefined, format }, `chung-nhan.${format}`)
/** listCertifications: agency managers, Home Affairs and admins; every certification, active or not. */
export const listCertifications = () =>
  json<{ items: Certification[] }>('GET', '/certifications').then((r) => r.items)
export const certificatePDF = (id: number) => download(`/certificates/${id}/pdf`, undefined, `chung-nhan-${id}.pdf`)
export const revokeCertificate = (id: number, reason: string) =>
  json<Certificate>('POST', `/certificates/${id}/revoke`, { body: { reason } })
export const reinstateCertificate = (id: number, reason: string) =>
  json<Certificate>('POST', `/certificates/${id}/reinstate`, { body: { reason } })
/** verifyCertificate: public, no sign-in; 404 certificate_not_found for unknown and malformed codes alike; 429 when asked too often. */
export const verifyCertificate = (code: string) =>
  json<Verification>('GET', `/verify/${encodeURIComponent(code)}`, { retryOn401: false })
/** checkToken: public; the token from a certificate's QR code (the t= of its address). */
export const checkCertificateToken = (token: string) =>
  json<TokenCheck>('POST', '/verify/token', { body: { token }, retryOn401: false })
export const createCertification = (body: CertificationInput) => json<Certification>('POST', '/certifications', { body })
export const updateCertification = (id: number, body: CertificationEdit) =>
  json<Certification>('PUT', `/certifications/${id}`, { body })
/** issueCertificate: 409 already_holds when the person holds a current certificate of it. */
export const issueCertificate = (body: IssueRequest) => json<Certificate>('POST', '/certificates', { body })
/** recordCertificate records a certificate earned elsewhere, with its evidence (PDF, JPEG or PNG). */
export function recordCertificate(f: {
  person_id: number
  certification_id: number
  issued_on: string
  prior_title: string
  prior_issuer: string
  reason?: string
  evidence: File
}): Promise<Certificate> {
  const form = new FormData()
  for (const [k, v] of Object.entries(f)) if (v !== undefined) form.append(k, v instanceof File ? v : String(v))
  return json<Certificate>('POST', '/certificates/recorded', { form })
}
export const certificateEvidence = (id: number) => download(`/certificates/${id}/evidence`, undefined, `minh-chung-${id}`)
/** qualificationEvidence downloads the scan recorded with an IT degree. */
export const qualificationEvidence = (id: number) => download(`/qualifications/${id}/evidence`, undefined, `van-bang-${id}`)

// ---- targets ----

/** targetValues computes every target on asOf (yyyy-mm-dd, default today) for agencyId's subtree (default: the province, or a manager's agency). */
export const targetValues = (asOf?: string, agencyId?: number, signal?: AbortSignal) =>
  json<TargetValues>('GET', '/targets', { query: { as_of: asOf, agency_id: agencyId }, signal })
/** agencyPositions lists the positions of an agency's subtree, current first, with their history. */
export const agencyPositions = (agencyId: number) =>
  json<{ items: Position[] }>('GET', `/agencies/${agencyId}/positions`).then((r) => r.items)
/** startPosition: 409 position_overlaps when the person already holds the role there then. */
export const startPosition = (body: PositionInput) => json<Position>('POST', '/positions', { body })
/** endPosition records the last day (yyyy-mm-dd): 409 position_ended, 400 before_valid_from. */
export const endPosition = (id: number, validTo: string) =>
  json<Position>('POST', `/positions/${id}/end`, { body: { valid_to: validTo } })
/** targetsByAgency: every department and district of the scope against every target, on asOf. */
export const targetsByAgency = (asOf?: string, agencyId?: number, signal?: AbortSignal) =>
  json<{ as_of: string; agency_id: number | null; items: TargetAgencyRow[] }>('GET', '/targets/agencies', {
    query: { as_of: asOf, agency_id: agencyId },
    signal,
  })
/** targetMissing lists who or what target code lacks on asOf within agencyId's subtree (for the drill-down and bulk enrolment). */
export const targetMissing = (code: string, q: { as_of?: string; agency_id?: number; page?: number; page_size?: number }) =>
  json<TargetMissing>('GET', `/targets/${encodeURIComponent(code)}/missing`, { query: { ...q } })
/** targetDefinitions lists every target as written, inactive ones too (Home Affairs, admins), for editing. */
export const targetDefinitions = (signal?: AbortSignal) =>
  json<{ items: TargetDefinition[] }>('GET', '/targets/definitions', { signal }).then((r) => r.items)
/** createTarget: 400 with the fields named for a combination outside the vocabulary, code taken when the code exists. */
export const createTarget = (body: TargetInput) => json<{ id: number }>('POST', '/targets', { body })
/** updateTarget: 409 version_conflict when someone changed it since version. */
export const updateTarget = (id: number, body: TargetInput & { version: number }) =>
  json<{ id: number }>('PUT', `/targets/${id}`, { body })
export const agencyMailboxes = (agencyId: number) =>
  json<{ items: Mailbox[] }>('GET', `/agencies/${agencyId}/mailboxes`).then((r) => r.items)
/** addMailbox: from a day after every earlier one; the open one before it ends the day before. */
export const addMailbox = (agencyId: number, address: string, validFrom: string) =>
  json<Mailbox>('POST', `/agencies/${agencyId}/mailboxes`, { body: { address, valid_from: validFrom } })
export const endMailbox = (id: number, validTo: string) =>
  json<Mailbox>('POST', `/mailboxes/${id}/end`, { body: { valid_to: validTo } })
export const personQualifications = (personId: number) =>
  json<{ items: Qualification[] }>('GET', `/people/${personId}/qualifications`).then((r) => r.items)
export function addQualification(
  personId: number,
  f: { level: string; field: string; it_field: boolean; awarded_on: string; institution?: string; evidence?: File },
): Promise<Qualification> {
  const form = new FormData()
  for (const [k, v] of Object.entries(f)) if (v !== undefined) form.append(k, v instanceof File ? v : String(v))
  return json<Qualification>('POST', `/people/${personId}/qualifications`, { form })
}

// ---- the six-monthly report ----

export const listReports = (page: number, pageSize: number, signal?: AbortSignal) =>
  json<ListResponse<ReportRun>>('GET', '/reports', { query: { page, page_size: pageSize }, signal })
/** reportDefaults: the heading, number, signer and recipients a new report of agencyId (default the province) starts from. */
export const reportDefaults = (agencyId?: number, signal?: AbortSignal) =>
  json<ReportParams>('GET', '/reports/defaults', { query: { agency_id: agencyId }, signal })
/** createReport queues a run; the server makes it in the background (poll getReport or listReports). */
export const createReport = (p: Partial<ReportParams> & { period: string }) => json<ReportRun>('POST', '/reports', { body: p })
/** getReport is a run with its frozen figures once done. */
export const getReport = (id: number, signal?: AbortSignal) => json<ReportRun>('GET', `/reports/${id}`, { signal })
export const reportFile = (id: number, format: ReportFormat) =>
  download(`/reports/${id}/files/${format}`, undefined, `bao-cao-${id}.${format}`)
