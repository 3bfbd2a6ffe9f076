// Types of the objects the API sends and receives (see the API contract in the
// project brief). Field names are the server's JSON names.

export type Role = 'learner' | 'trainer' | 'agency_manager' | 'home_affairs' | 'admin'
export const ROLES: Role[] = ['learner', 'trainer', 'agency_manager', 'home_affairs', 'admin']

/** Body of every error response: {"error": ErrorBody}. */
export interface ErrorBody {
  code: string
  message: string
  details?: Record<string, unknown>
}

export interface ListResponse<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export interface Me {
  id: number
  username: string
  role: Role
  display_name: string
  person_id: number | null
  agency_id: number | null
  agency_name: string
  must_change_password: boolean
}

export interface LoginRequest {
  username: string
  password: string
}

export interface TokenResponse {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  user: Me
}

export interface PasswordChange {
  current_password: string
  new_password: string
}

export type AgencyLevel = 'province' | 'department' | 'district' | 'commune' | 'unit'
export const AGENCY_LEVELS: AgencyLevel[] = ['province', 'department', 'district', 'commune', 'unit']

export type Sector =
  | 'economic-general'
  | 'internal-affairs'
  | 'natural-resources'
  | 'agriculture-rural'
  | 'culture-social'
  | 'city'
export const SECTORS: Sector[] = [
  'economic-general',
  'internal-affairs',
  'natural-resources',
  'agriculture-rural',
  'culture-social',
  'city',
]

export interface Agency {
  id: number
  parent_id: number | null
  code: string
  name: string
  name_en: string
  level: AgencyLevel
  sectors: string[]
  valid_from: string | null
  valid_to: string | null
  /** the agency this one took over (a merger or a renaming) */
  successor_of: number | null
  people_count: number
}

export interface AgencyInput {
  parent_id: number | null
  code: string
  name: string
  name_en: string
  level: AgencyLevel
  sectors: string[]
  /** yyyy-mm-dd; left out: unchanged (the API cannot clear a date once set) */
  valid_from?: string
  /** yyyy-mm-dd, the last day (merged or renamed away); left out: unchanged */
  valid_to?: string
  /** the agency this one took over; 0 clears it; left out: unchanged */
  successor_of?: number
}

export type Gender = '' | 'male' | 'female'
export type PersonKind = 'can_bo' | 'cong_chuc' | 'vien_chuc'
export const PERSON_KINDS: PersonKind[] = ['can_bo', 'cong_chuc', 'vien_chuc']
export type ITQualification = 'none' | 'certificate' | 'vocational' | 'college' | 'university' | 'postgraduate'
export const IT_QUALIFICATIONS: ITQualification[] = [
  'none',
  'certificate',
  'vocational',
  'college',
  'university',
  'postgraduate',
]

export interface Person {
  id: number
  code: string
  family_name: string
  middle_name: string
  given_name: string
  full_name: string
  gender: Gender
  birth_date: string | null
  email: string
  phone: string
  agency_id: number
  agency_name: string
  kind: PersonKind
  professional: boolean
  job_title: string
  it_qualification: ITQualification
  active: boolean
  version: number
  created_at: string
  updated_at: string
}

/** Fields a client may set on a person (POST body; PATCH takes any of them plus version). */
export interface PersonInput {
  code: string
  family_name: string
  middle_name: string
  given_name: string
  gender: Gender
  birth_date: string | null
  email: string
  phone: string
  agency_id: number
  kind: PersonKind
  professional: boolean
  job_title: string
  it_qualification: ITQualification
}

/**
 * PersonPatch: any PersonInput field plus the version read; birth_date "" clears the date; with a new agency_id,
 * moved_on (yyyy-mm-dd, default today) is the day the move took effect.
 */
export type PersonPatch = Partial<Omit<PersonInput, 'birth_date'>> & { birth_date?: string | null; moved_on?: string; version: number }

/** A span of days a person worked in an agency (valid_to null: still there). */
export interface Membership {
  agency_id: number
  agency_name: string
  valid_from: string
  valid_to: string | null
}

export type PeopleSort = 'name' | '-name' | 'code' | '-code' | 'updated' | '-updated'

/** Filters shared by the people list and the people export. */
export interface PeopleFilter {
  q?: string
  agency_id?: number
  include_sub?: boolean
  kind?: PersonKind
  professional?: boolean
  active?: boolean
}

export interface PeopleQuery extends PeopleFilter {
  sort?: PeopleSort
  page?: number
  page_size?: number
}

export type FileFormat = 'csv' | 'xlsx'

export interface RowError {
  field: string
  code: string
  message: string
}

export interface PreviewRow {
  row: number
  code: string
  full_name: string
  agency_code: string
  action: 'create' | 'update'
  /** fields an update would change (sent by the server, beyond the written contract) */
  changes?: string[]
  errors: RowError[]
}

export interface ImportPreview {
  filename: string
  total: number
  valid: number
  invalid: number
  /** headers the server did not recognise (beyond the written contract) */
  ignored_columns?: string[]
  rows: PreviewRow[]
}

export type ImportMode = 'all' | 'valid_only'
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed'

export interface ImportJob {
  id: number
  filename: string
  mode: ImportMode
  status: ImportStatus
  total: number
  processed: number
  created: number
  updated: number
  /** rows that matched a person who already had those values (beyond the written contract) */
  unchanged?: number
  skipped: number
  error: string
  report: { row: number; errors: RowError[] }[]
  created_at: string
  finished_at: string | null
}

export interface User {
  id: number
  username: string
  role: Role
  display_name: string
  person_id: number | null
  person_name: string
  agency_id: number | null
  agency_name: string
  active: boolean
  must_change_password: boolean
  last_login_at: string | null
  created_at: string
}

export interface UserInput {
  username: string
  password: string
  role: Role
  display_name: string
  person_id?: number
  agency_id?: number
}

export interface UserPatch {
  role?: Role
  agency_id?: number | null
  active?: boolean
  display_name?: string
}

export interface UsersQuery {
  q?: string
  role?: Role
  page?: number
  page_size?: number
}

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'user.created',
  'user.updated',
  'user.password_reset',
  'person.created',
  'person.updated',
  'person.deactivated',
  'person.activated',
  'agency.created',
  'agency.updated',
  'people.imported',
] as const

export interface AuditEntry {
  id: number
  at: string
  actor_id: number | null
  actor_name: string
  action: string
  entity_type: string
  entity_id: string
  agency_id: number | null
  before: unknown
  after: unknown
  client: string
  request_id: string
}

export interface AuditQuery {
  action?: string
  entity_type?: string
  entity_id?: string
  actor_id?: number
  from?: string
  to?: string
  page?: number
  page_size?: number
}

// ---- courses ----

export type Track = 'it-basic' | 'email-internet' | 'cio' | 'it-specialist' | 'other'
export const TRACKS: Track[] = ['it-basic', 'email-internet', 'cio', 'it-specialist', 'other']
export type Level = 'basic' | 'intermediate' | 'advanced'
export const LEVELS: Level[] = ['basic', 'intermediate', 'advanced']
/** CourseSource: "files" courses come from the courses/ folder and are read-only in the app. */
export type CourseSource = 'files' | 'app'

export interface Enrolment {
  course_id: number
  course_slug: string
  enrolled_at: string
  /** a calendar date, YYYY-MM-DD */
  due_date: string | null
  source: 'self' | 'assigned'
  completed_lessons: number
  total_lessons: number
  /** 0-100 */
  progress: number
  completed_at: string | null
  last_lesson_id: number | null
}

/** MyCourse is one row of GET /me/courses. */
export interface MyCourse extends Enrolment {
  title_vi: string
  title_en: string
  track: Track
  code: string
}

export interface CourseSummary {
  id: number
  slug: string
  code: string
  title_vi: string
  title_en: string
  summary_vi: string
  summary_en: string
  track: Track
  level: Level
  hours: number
  open: boolean
  published: boolean
  source: CourseSource
  lessons_count: number
  enrolment: Enrolment | null
  /** whether the caller may edit the course (beyond the written contract; see CourseDetail) */
  can_edit?: boolean
}

export interface Prerequisite {
  slug: string
  title_vi: string
  title_en: string
  met: boolean
}

export interface LessonRef {
  id: number
  slug: string
  position: number
  title_vi: string
  title_en: string
  minutes: number
  completed: boolean
}

export interface Module {
  id: number
  slug: string
  position: number
  title_vi: string
  title_en: string
  lessons: LessonRef[]
}

export interface CourseDetail extends CourseSummary {
  description_html: string
  /** the Markdown source, only for those who may edit the course ("" otherwise) */
  description_md: string
  prerequisites: Prerequisite[]
  modules: Module[]
  can_self_enrol: boolean
  can_edit: boolean
  resume_lesson_id: number | null
}

export interface CourseQuery {
  q?: string
  track?: Track
  level?: Level
  page?: number
  page_size?: number
}

export interface CourseInput {
  slug: string
  code: string
  title_vi: string
  title_en: string
  summary_vi: string
  summary_en: string
  description_md: string
  track: Track
  level: Level
  hours: number
  open: boolean
  prerequisites: string[]
}

export type CoursePatch = Partial<Omit<CourseInput, 'slug'>>

export interface BulkEnrolRequest {
  agency_id?: number
  include_sub?: boolean
  kind?: PersonKind
  professional?: boolean
  person_ids?: number[]
  due_date?: string
}

export interface BulkEnrolResult {
  matched: number
  enrolled: number
  already_enrolled: number
  missing_prerequisites: number
  due_date: string | null
}

/** CourseLearner is one row of GET /courses/{slug}/enrolments. */
export interface CourseLearner {
  person_id: number
  full_name: string
  agency_name: string
  enrolled_at: string
  due_date: string | null
  progress: number
  completed_at: string | null
}

export interface Lesson {
  id: number
  slug: string
  title_vi: string
  title_en: string
  minutes: number
  /** sanitised by the server */
  html: string
  course_slug: string
  course_title_vi: string
  course_title_en: string
  module_title_vi: string
  module_title_en: string
  prev_id: number | null
  next_id: number | null
  completed: boolean
  /** false for an editor previewing a course they are not enrolled in */
  enrolled: boolean
  course_progress: number
}

export interface LessonCompletion {
  completed: true
  course_progress: number
  course_completed_at: string | null
}

export interface ModuleInput {
  title_vi: string
  title_en: string
}

export type ModulePatch = Partial<ModuleInput> & { position?: number }

/** ModuleRow is what module writes return (a module without its lessons). */
export type ModuleRow = Omit<Module, 'lessons'> & { lessons?: LessonRef[] }

export interface LessonEdit {
  id: number
  module_id: number
  course_slug: string
  slug: string
  position: number
  title_vi: string
  title_en: string
  minutes: number
  body_md: string
}

export interface LessonInput {
  title_vi: string
  title_en: string
  minutes: number
  body_md: string
}

export type LessonPatch = Partial<LessonInput> & { position?: number }

export interface UploadedImage {
  name: string
  url: string
}

// ---- question bank ----

export type QuestionSource = 'files' | 'app'

/** QuestionCategory is one row of the flat list GET /question-categories. */
export interface QuestionCategory {
  id: number
  parent_id: number | null
  name: string
  /** files: a course's module bank, kept in courses/; app: made in the app */
  source: QuestionSource
  course_slug: string | null
  /** live questions directly in this category (not in its sub-categories) */
  question_count: number
}

export interface QuestionCategoryInput {
  parent_id?: number
  name: string
}

export type QuestionType =
  | 'single_choice'
  | 'multiple_choice'
  | 'true_false'
  | 'short_answer'
  | 'numerical'
  | 'matching'
  | 'essay'
  | 'description'
export const QUESTION_TYPES: QuestionType[] = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'short_answer',
  'numerical',
  'matching',
  'essay',
  'description',
]

/** QuestionSummary is a question in a list: its latest version, in short. */
export interface QuestionSummary {
  id: number
  category_id: number
  category_name: string
  name: string
  type: QuestionType
  excerpt: string
  version: number
  tags: string[]
  source: QuestionSource
  archived: boolean
  updated_at: string
}

/** QuestionAnswer is one answer of the interchange model (Go field names; their meaning depends on the type). */
export interface QuestionAnswer {
  Text: string
  Match: string
  Weight: number
  Feedback: string
  Value: number
  Tolerance: number
}

/** QuestionBody is the interchange model of package qformat, as the server stores it (Go field names). */
export interface QuestionBody {
  Name: string
  Text: string
  Type: QuestionType
  Answers: QuestionAnswer[] | null
  TrueFalse: boolean
  CaseSensitive: boolean
  GeneralFeedback: string
  GraderInfo: string
  Mark: number
  Tags: string[] | null
  IDNumber: string
  /** moodle (the default), html, markdown or plain */
  Format: string
}

export interface QuestionVersion {
  version: number
  created_at: string
}

export interface QuestionDetail extends QuestionSummary {
  format: string
  text: string
  general_feedback: string
  body: QuestionBody
  default_mark: number
  versions: QuestionVersion[]
}

export interface QuestionQuery {
  category_id?: number
  include_sub?: boolean
  q?: string
  type?: QuestionType
  /** true: archived questions too */
  archived?: boolean
  page?: number
  page_size?: number
}

/** Formats a question file may be imported from; empty: guessed from the file. */
export type QuestionImportFormat = 'gift' | 'aiken' | 'moodlexml' | 'csv' | 'xlsx'
export const QUESTION_IMPORT_FORMATS: QuestionImportFormat[] = ['gift', 'aiken', 'moodlexml', 'csv', 'xlsx']
export type QuestionExportFormat = 'gift' | 'moodlexml' | 'csv' | 'xlsx'
export const QUESTION_EXPORT_FORMATS: QuestionExportFormat[] = ['gift', 'moodlexml', 'csv', 'xlsx']

export interface QuestionPreviewItem {
  line: number
  name: string
  /** the $CATEGORY path, relative to the target category ("" for the target itself) */
  category: string
  type: QuestionType
  text: string
}

/** QuestionProblem is something wrong at a line of a text file or a row of a sheet (0: the whole file). */
export interface QuestionProblem {
  line: number
  message: string
}

export interface QuestionImportPreview {
  filename: string
  format: QuestionImportFormat
  /** questions that can be imported */
  total: number
  questions: QuestionPreviewItem[]
  problems: QuestionProblem[]
}

export interface QuestionImportResult {
  created: number
  categories_created: number
}

/** The format of a question's texts: moodle (text with line breaks kept, HTML allowed), html, markdown or plain. */
export type TextFormat = 'moodle' | 'html' | 'markdown' | 'plain'
export const TEXT_FORMATS: TextFormat[] = ['moodle', 'html', 'markdown', 'plain']

/** QuestionAnswerInput is one answer as the editor sends it; which fields count depends on the type. */
export interface QuestionAnswerInput {
  text?: string
  match?: string
  weight?: number
  feedback?: string
  value?: number | null
  tolerance?: number
}

/** QuestionContent is a question's content as the editor sends it to save or to preview. */
export interface QuestionContent {
  type: QuestionType
  format: TextFormat
  text: string
  general_feedback: string
  answers: QuestionAnswerInput[]
  true_false: boolean
  case_sensitive: boolean
  grader_info: string
}

/** QuestionInput creates a question (POST /questions). */
export interface QuestionInput extends QuestionContent {
  category_id: number
  name: string
  tags: string[]
  default_mark: number
}

/** QuestionUpdate edits one (PUT /questions/{id}), from the version the editor loaded. */
export interface QuestionUpdate extends QuestionInput {
  version: number
}

/** QuestionPreviewView is a question as a learner sees it while answering (an attempt's question without its slot, mark and response). */
export type QuestionPreviewView = Omit<AttemptQuestion, 'slot' | 'mark' | 'response'> & { format: string }

/** QuestionPreview is POST /questions/preview: the learner's view, and for the trainer the feedback and what saving would refuse. */
export interface QuestionPreview {
  view: QuestionPreviewView
  general_feedback: string
  /** per answer sent, safe HTML (true/false: true, then false) */
  feedback: string[]
  /** field -> code, as a save would answer */
  fields: Record<string, string>
}

// ---- quizzes and attempts ----

export type ReviewItem = 'score' | 'correctness' | 'feedback' | 'answers'
export const REVIEW_ITEMS: ReviewItem[] = ['score', 'correctness', 'feedback', 'answers']
export type GradingMethod = 'highest' | 'last' | 'first' | 'average'
export const GRADING_METHODS: GradingMethod[] = ['highest', 'last', 'first', 'average']
export type Navigation = 'free' | 'sequential'

/** A slot as the quiz builder sends it: one fixed question, or count random questions of a category. */
export interface QuizSlotInput {
  question_id?: number | null
  category_id?: number | null
  /** random draws: how many questions (default 1) */
  count?: number
  include_sub?: boolean
  /** the mark of each question of the slot */
  mark: number
}

/** A slot as the server shows it to authors. */
export interface QuizSlot {
  question_id: number | null
  question_name: string | null
  question_type: QuestionType | null
  category_id: number | null
  category_name: string | null
  count: number
  include_sub: boolean
  mark: number
  /** random draws: how many questions the category holds now (fixed: 1, 0 when archived) */
  available: number
}

export interface QuizInput {
  slug: string
  title_vi: string
  title_en: string
  intro_vi: string
  intro_en: string
  /** the module the quiz belongs to (null: the course as a whole) */
  module_slug: string | null
  published: boolean
  /** passing it is part of the course's completion rule */
  required: boolean
  time_limit_minutes: number | null
  open_at: string | null
  close_at: string | null
  /** 0: unlimited */
  attempts_allowed: number
  attempt_delay_minutes: number
  grading_method: GradingMethod
  pass_percent: number
  navigation: Navigation
  shuffle_questions: boolean
  shuffle_answers: boolean
  review_attempt: ReviewItem[]
  review_closed: ReviewItem[]
  slots: QuizSlotInput[]
  /** PUT only: the version the editor started from (409 version_conflict when stale) */
  version?: number
}

/** A learner's standing in a quiz. */
export interface MyQuizStatus {
  attempts: number
  /** the grade by the quiz's grading method; null until an attempt is graded */
  percent: number | null
  passed: boolean
  passed_at: string | null
  in_progress_attempt_id: number | null
}

export interface QuizSummary {
  id: number
  course_slug: string
  module_slug: string | null
  slug: string
  title_vi: string
  title_en: string
  source: 'files' | 'app'
  published: boolean
  required: boolean
  /** how many questions an attempt holds */
  question_count: number
  time_limit_minutes: number | null
  attempts_allowed: number
  pass_percent: number
  open_at: string | null
  close_at: string | null
  /** the caller's standing (null for callers without a person record) */
  my: MyQuizStatus | null
}

export type CannotStart = 'not_enrolled' | 'not_published' | 'not_open' | 'closed' | 'no_attempts_left' | 'wait' | 'no_person'

export interface AttemptSummary {
  id: number
  number: number
  state: 'in_progress' | 'finished'
  started_at: string
  deadline: string | null
  finished_at: string | null
  auto_finished: boolean
  /** null when the review options do not show the score yet, or essays wait for grading */
  percent: number | null
  passed: boolean | null
  needs_grading: boolean
}

export interface Quiz extends Omit<QuizInput, 'slots' | 'version'> {
  id: number
  course_slug: string
  course_title_vi: string
  course_title_en: string
  source: 'files' | 'app'
  version: number
  question_count: number
  server_time: string
  can_start: boolean
  /** why the caller cannot start (or resume) an attempt now */
  cannot_start: CannotStart | null
  /** with cannot_start "wait": when the next attempt may start */
  next_start_at: string | null
  my: MyQuizStatus | null
  my_attempts: AttemptSummary[]
  /** authors only */
  slots?: QuizSlot[]
}

/** A response in display order: indexes are positions on the screen. */
export interface QuizResponse {
  choice?: number
  choices?: number[]
  value?: boolean
  text?: string
  /** matching: left index (as a string key) -> right position */
  pairs?: Record<string, number>
}

/** A question as a learner sees it while answering; texts are safe HTML. */
export interface AttemptQuestion {
  slot: number
  mark: number
  type: QuestionType
  text: string
  options?: string[]
  multiple?: boolean
  lefts?: string[]
  rights?: string[]
  /** the text has a gap (shown as _____) where the answer goes */
  blank?: boolean
  response: QuizResponse | null
}

export interface Attempt {
  id: number
  quiz_id: number
  quiz_title_vi: string
  quiz_title_en: string
  course_slug: string
  number: number
  state: 'in_progress' | 'finished'
  navigation: Navigation
  started_at: string
  deadline: string | null
  server_time: string
  save_seq: number
  /** the last slot reached (sequential navigation shows slots 0..furthest) */
  furthest: number
  slot_count: number
  questions: AttemptQuestion[]
}

export interface AutosaveRequest {
  /** increases with every save of this attempt (the browser's counter) */
  seq: number
  /** slot (as a string key) -> response */
  answers: Record<string, QuizResponse>
  /** sequential navigation: the slot the learner moves to (at most furthest + 1) */
  page?: number
}

export interface AutosaveResult {
  save_seq: number
  furthest: number
  deadline: string | null
  server_time: string
}

export type QuestionState = 'correct' | 'partial' | 'wrong' | 'unanswered' | 'pending'

export interface ReviewQuestion extends AttemptQuestion {
  name?: string
  /** with "correctness" */
  state?: QuestionState
  /** with "score": marks awarded (null: an essay not graded yet) */
  awarded?: number | null
  /** with "feedback": feedback on the answer given, and the question's general feedback (HTML) */
  feedback?: string
  general_feedback?: string
  /** with "answers": the right response in display order; right_text for short answer and numerical */
  right?: QuizResponse
  right_text?: string
  /** a trainer's comment on a graded essay */
  comment?: string
}

export interface AttemptReview {
  attempt: AttemptSummary & {
    quiz_id: number
    quiz_title_vi: string
    quiz_title_en: string
    course_slug: string
    person_name: string
    score: number | null
    max_score: number | null
  }
  /** what this review shows */
  shows: ReviewItem[]
  questions: ReviewQuestion[]
}

export interface QuizAttemptRow {
  id: number
  person_id: number
  full_name: string
  agency_name: string
  number: number
  state: 'in_progress' | 'finished'
  started_at: string
  finished_at: string | null
  auto_finished: boolean
  percent: number | null
  passed: boolean | null
  needs_grading: boolean
}

export interface GradingItem {
  attempt_id: number
  quiz_id: number
  quiz_title_vi: string
  quiz_title_en: string
  course_slug: string
  person_name: string
  finished_at: string
  slot: number
  question_name: string
  /** question text (HTML) */
  text: string
  /** the learner's answer (plain text) */
  response_text: string
  grader_info: string
  mark: number
}

export interface GradeRequest {
  slot: number
  /** marks awarded, 0..the slot's mark */
  awarded: number
  comment: string
}

export interface GradeResult {
  percent: number | null
  passed: boolean | null
  needs_grading: boolean
}

export interface RegradeChange {
  attempt_id: number
  person_name: string
  number: number
  old_percent: number | null
  new_percent: number | null
  old_passed: boolean | null
  new_passed: boolean | null
  /** slots whose marks changed */
  slots: number[]
}

export interface RegradeReport {
  dry_run: boolean
  attempts_checked: number
  /** questions whose newer version the regrade uses */
  updated_questions: { question_id: number; name: string; from_version: number; to_version: number }[]
  changes: RegradeChange[]
}

export interface QuizStatistics {
  attempts: number
  /** percents */
  mean: number | null
  median: number | null
  stddev: number | null
  pass_rate: number | null
  /** ten bins: 0-10, 10-20, ... 90-100 (the last includes 100) */
  histogram: { from: number; to: number; count: number }[]
  questions: QuestionStatistics[]
}

export interface QuestionStatistics {
  slot: number
  question_id: number
  name: string
  type: QuestionType
  attempts: number
  /** mean fraction of the mark, 0..1 */
  facility: number | null
  /** correlation of this question with the rest of the attempt, -1..1 (null: too few attempts) */
  discrimination: number | null
  /** how often each answer was given (choices: every option; others: the most frequent responses) */
  answers: { label: string; count: number; credit: number }[]
}

// ---- certificates ----

export type CertificateStatus = 'valid' | 'expired' | 'revoked' | 'not_issued'
export type CertificateKind = 'auto' | 'manual' | 'recorded'
export type CertificationTarget = 'it_basic' | 'email_internet' | 'cio' | 'it_specialist'

export interface Certificate {
  id: number
  certification_code: string
  certification_name_vi: string
  certification_name_en: string
  target: CertificationTarget | null
  person_id: number
  holder_name: string
  /** the holder's agency when it was issued */
  agency_name: string
  kind: CertificateKind
  serial: string
  register_no: string
  issued_on: string
  expires_on: string | null
  status: CertificateStatus
  /** renewed by a newer certificate */
  superseded: boolean
  renews_id: number | null
  revoked_at: string | null
  revoked_reason: string | null
  result: string
  prior_title: string
  /** the verification code in groups of four */
  code: string
  expires_in_days: number | null
  /** within the renewal window: passing the certification's quizzes again renews it */
  can_renew: boolean
  /** the public verify page of this certificate */
  verify_url: string
}

export interface CertificateQuery {
  page?: number
  page_size?: number
  agency_id?: number
  certification_id?: number
  status?: 'valid' | 'expired' | 'revoked'
  /** yyyy-mm-dd */
  from?: string
  to?: string
  /** holder's name (no diacritics needed) or the start of a serial */
  q?: string
  /** days: current certificates that expire within them (the 60- and 30-day notices) */
  expires_within?: number
}

/** What anyone learns from a code: what the certificate states and its status today. */
export interface Verification {
  code: string
  holder_name: string
  certification_code: string
  certification_name_vi: string
  certification_name_en: string
  issuer: string
  serial: string
  issued_on: string
  expires_on: string | null
  status: CertificateStatus
  revoked_on: string | null
  kind: CertificateKind
}

/** The check of a scanned QR token. */
export interface TokenCheck {
  signature_valid: boolean
  reason?: 'bad_signature' | 'unknown_key'
  claims: {
    serial: string
    code: string
    holder_name: string
    certification_code: string
    certification_name: string
    issuer: string
    issued: string
    expires: string | null
  } | null
  /** the server knows a certificate with the token's code */
  known: boolean
  current: Verification | null
}

/** A certification: what can be earned, how its certificates print, and what earns it. */
export interface Certification {
  id: number
  code: string
  name_vi: string
  name_en: string
  authority: string
  issuer: string
  issuer_en: string
  place: string
  signer_title: string
  signer_name: string
  serial_prefix: string
  requirement_mode: 'all' | 'any'
  /** null: its certificates never expire */
  validity_months: number | null
  renew_window_days: number
  renew_requires: 'quizzes' | 'all'
  target: CertificationTarget | null
  active: boolean
  source: 'files' | 'app'
  version: number
  /** certificates issued */
  issued: number
  requirements: {
    course_slug: string | null
    course_title_vi: string | null
    quiz_id: number | null
    quiz_title_vi: string | null
    min_percent: number | null
  }[]
}

/** A requirement as Home Affairs sets it: a course completed, or a quiz passed with at least min_percent. */
export interface RequirementInput {
  course_slug?: string
  quiz_id?: number
  min_percent?: number | null
}

/** What Home Affairs may change of a certification (requirements only for app ones: 409 managed_by_files). */
export interface CertificationEdit {
  name_vi: string
  name_en: string
  authority: string
  issuer: string
  issuer_en: string
  place: string
  signer_title: string
  signer_name: string
  validity_months: number | null
  renew_window_days: number
  renew_requires: 'quizzes' | 'all'
  target: CertificationTarget | null
  active: boolean
  version: number
  requirement_mode?: 'all' | 'any'
  requirements?: RequirementInput[]
}

export interface CertificationInput extends Omit<CertificationEdit, 'version'> {
  code: string
  serial_prefix: string
  requirement_mode: 'all' | 'any'
  requirements: RequirementInput[]
}

/** A certificate issued by hand (reason required) by Home Affairs. */
export interface IssueRequest {
  person_id: number
  certification_id: number
  /** yyyy-mm-dd, default today */
  issued_on?: string
  reason: string
}

// ---- targets ----

export type TargetStatus = 'met' | 'missed' | 'on_track' | 'at_risk'

/** A target of the decision computed on a day (as_of) for the province or an agency's subtree. */
export interface TargetValue {
  id: number
  code: string
  text_vi: string
  text_en: string
  /** of the decision, e.g. "I.2.2.1" */
  section: string
  population: string
  metric: string
  params: Record<string, unknown>
  /** value > threshold (gt) or >= (ge) */
  rule: 'gt' | 'ge'
  /** percent */
  threshold: number
  deadline: string
  as_of: string
  numerator: number
  denominator: number
  /** null when nothing is counted */
  percent: number | null
  met: boolean
  status: TargetStatus
}

/** What refines a target's population and metric; which ones a target needs depends on both (see features/target/edit.ts). */
export interface TargetParams {
  role?: PositionRole
  /** a certification target */
  certification?: CertificationTarget
  /** a degree level, for position_degree */
  level?: DegreeLevel
  /** agency levels */
  levels?: AgencyLevel[]
  sectors?: string[]
  /** agency codes */
  codes?: string[]
}

/** A target as Home Affairs writes it (POST /targets, PUT /targets/:id with its version). */
export interface TargetInput {
  code: string
  text_vi: string
  text_en: string
  section: string
  population: string
  metric: string
  params: TargetParams
  rule: 'gt' | 'ge'
  threshold: number
  /** yyyy-mm-dd */
  deadline: string
  /** place on the dashboard, lower first */
  position: number
  active: boolean
}

/** A target as written, for editing: GET /targets/definitions. */
export interface TargetDefinition extends Omit<TargetInput, 'params'> {
  id: number
  params: TargetParams
  version: number
}

export interface TargetValues {
  as_of: string
  /** null: the whole province */
  agency_id: number | null
  items: TargetValue[]
}

export type PositionRole = 'it_officer' | 'cio' | 'it_specialist'
export const POSITION_ROLES: PositionRole[] = ['it_officer', 'cio', 'it_specialist']

/** A person's role in an agency for a span of days (both inclusive; valid_to null: still holds it). */
export interface Position {
  id: number
  person_id: number
  person_name: string
  agency_id: number
  agency_name: string
  role: PositionRole
  valid_from: string
  valid_to: string | null
  /** the appointing decision (số quyết định) */
  decision_no: string
  decision_date: string | null
}

export interface PositionInput {
  person_id: number
  agency_id: number
  role: PositionRole
  /** yyyy-mm-dd */
  valid_from: string
  decision_no: string
  /** yyyy-mm-dd */
  decision_date?: string
}

/** One in-scope agency (a department or a district-level unit) against every target; values in the order of targetValues. */
export interface TargetAgencyRow {
  agency_id: number
  code: string
  name: string
  level: 'department' | 'district'
  values: { code: string; numerator: number; denominator: number; percent: number | null; met: boolean }[]
}

/** Who or what a target lacks: people of its population (kind people) or agencies (kind agencies). */
export interface TargetMissing {
  as_of: string
  kind: 'people' | 'agencies'
  items: { id: number; name: string; agency_id: number; agency_name: string }[]
  total: number
  page: number
  page_size: number
}

/** An agency's official mailbox for a span of days. */
export interface Mailbox {
  id: number
  agency_id: number
  address: string
  valid_from: string
  valid_to: string | null
}

export type DegreeLevel = 'vocational' | 'college' | 'university' | 'master' | 'doctorate'

/** A person's IT degree, counted from its award day. */
export interface Qualification {
  id: number
  person_id: number
  level: DegreeLevel
  field: string
  it_field: boolean
  awarded_on: string
  institution: string
  evidence_name: string | null
}

// ---- the six-monthly report ----

/** What a report run is asked with: the half year and scope, and the document's heading and signature. */
export interface ReportParams {
  /** "2009-H1" (ends 30/06) or "2009-H2" (ends 31/12) */
  period: string
  /** yyyy-mm-dd inside the period; default its last day */
  as_of?: string
  /** null: the province */
  agency_id: number | null
  /** số ký hiệu, e.g. "/BC-SNV" */
  number: string
  authority: string
  issuer: string
  place: string
  signer_title: string
  signer_name: string
  recipients: string[] | null
  basis?: string
  comment?: string
}

export type ReportStatus = 'queued' | 'running' | 'done' | 'failed'

/** A run's frozen figures. */
export interface ReportData {
  period: string
  as_of: string
  previous: { code: string; end: string }
  scope: { id: number; code: string; name: string }
  targets: TargetValue[]
  previous_targets: TargetValue[]
  agencies: TargetAgencyRow[]
  created: string
}

export interface ReportRun {
  id: number
  period: string
  as_of: string
  agency_id: number | null
  agency_name: string | null
  params: ReportParams
  status: ReportStatus
  step: number
  steps: number
  error: string | null
  created_by: string
  created_at: string
  finished_at: string | null
  data?: ReportData
}

export type ReportFormat = 'xlsx' | 'pdf' | 'csv'
