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
  people_count: number
}

export interface AgencyInput {
  parent_id: number | null
  code: string
  name: string
  name_en: string
  level: AgencyLevel
  sectors: string[]
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

/** PersonPatch: any PersonInput field plus the version read; birth_date "" clears the date. */
export type PersonPatch = Partial<Omit<PersonInput, 'birth_date'>> & { birth_date?: string | null; version: number }

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
