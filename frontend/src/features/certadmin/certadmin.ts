// The pure parts of managing certifications: the form's values to and from
// what the API takes, the list of requirements as it is edited, and the
// labels of targets.
import type {
  Certification,
  CertificationEdit,
  CertificationInput,
  CertificationTarget,
  RequirementInput,
} from '../../api/types'

/** TARGETS in the order of the decision's targets; each has a label certadmin.target.<target>. */
export const TARGETS: CertificationTarget[] = ['it_basic', 'email_internet', 'cio', 'it_specialist']

/** targetKey is the i18n key of a target's label. */
export const targetKey = (t: CertificationTarget) => `certadmin.target.${t}`

/** targetColor is the antd tag colour of a target. */
export function targetColor(t: CertificationTarget): string {
  return { it_basic: 'blue', email_internet: 'cyan', cio: 'purple', it_specialist: 'geekblue' }[t] ?? 'default'
}

// Certifications' codes and serial prefixes, as the server checks them (api/cert/files.go).
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,19}$/
export const PREFIX_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,11}$/

/** A requirement as the editor holds it: a course to complete, or a quiz to pass (with a minimum %, or its own pass mark). */
export type ReqRow =
  | { kind: 'course'; course_slug: string; title: string }
  | { kind: 'quiz'; quiz_id: number; title: string; min_percent: number | null }

/** rowsFrom reads a certification's requirements into the editor's rows. */
export function rowsFrom(reqs: Certification['requirements']): ReqRow[] {
  return reqs.flatMap<ReqRow>((r) => {
    if (r.course_slug) return [{ kind: 'course', course_slug: r.course_slug, title: r.course_title_vi ?? r.course_slug }]
    if (r.quiz_id) return [{ kind: 'quiz', quiz_id: r.quiz_id, title: r.quiz_title_vi ?? `#${r.quiz_id}`, min_percent: r.min_percent }]
    return []
  })
}

/** toRequirements turns the rows into what the API takes, in order. */
export function toRequirements(rows: ReqRow[]): RequirementInput[] {
  return rows.map((r) =>
    r.kind === 'course' ? { course_slug: r.course_slug } : r.min_percent === null ? { quiz_id: r.quiz_id } : { quiz_id: r.quiz_id, min_percent: r.min_percent },
  )
}

const sameReq = (a: ReqRow, b: ReqRow) =>
  a.kind === 'course' ? b.kind === 'course' && a.course_slug === b.course_slug : b.kind === 'quiz' && a.quiz_id === b.quiz_id

/** addRow appends a requirement; one already listed is not listed twice (a quiz's new minimum replaces the old one). */
export function addRow(rows: ReqRow[], row: ReqRow): ReqRow[] {
  const i = rows.findIndex((r) => sameReq(r, row))
  if (i < 0) return [...rows, row]
  return rows.map((r, j) => (j === i ? row : r))
}

/** removeRow drops the requirement at i. */
export function removeRow(rows: ReqRow[], i: number): ReqRow[] {
  return rows.filter((_, j) => j !== i)
}

/** moveRow moves the requirement at i by delta places (-1 up, 1 down), staying inside the list. */
export function moveRow(rows: ReqRow[], i: number, delta: number): ReqRow[] {
  const j = i + delta
  if (i < 0 || i >= rows.length || j < 0 || j >= rows.length) return rows
  const out = [...rows]
  ;[out[i], out[j]] = [out[j], out[i]]
  return out
}

/** setMinPercent sets the minimum % of the quiz at i (null: the quiz's own pass mark), clamped to 0–100. */
export function setMinPercent(rows: ReqRow[], i: number, min: number | null): ReqRow[] {
  const m = min === null || Number.isNaN(min) ? null : Math.min(100, Math.max(0, min))
  return rows.map((r, j) => (j === i && r.kind === 'quiz' ? { ...r, min_percent: m } : r))
}

/** The certification form's values. */
export interface CertFormValues {
  code: string
  serial_prefix: string
  name_vi: string
  name_en: string
  authority: string
  issuer: string
  issuer_en: string
  place: string
  signer_title: string
  signer_name: string
  /** never: its certificates do not expire; months: after validity_months */
  expires: 'never' | 'months'
  validity_months: number | null
  renew_window_days: number
  renew_requires: 'quizzes' | 'all'
  target: CertificationTarget | null
  active: boolean
  requirement_mode: 'all' | 'any'
  requirements: ReqRow[]
}

/** The printing defaults of a new certification: those of the course files (courses/certifications.yaml). */
export const NEW_CERTIFICATION: CertFormValues = {
  code: '',
  serial_prefix: '',
  name_vi: '',
  name_en: '',
  authority: 'UBND TỈNH HÀ TĨNH',
  issuer: 'SỞ NỘI VỤ',
  issuer_en: 'Department of Home Affairs of Hà Tĩnh',
  place: 'Hà Tĩnh',
  signer_title: 'GIÁM ĐỐC',
  signer_name: '',
  expires: 'never',
  validity_months: null,
  renew_window_days: 0,
  renew_requires: 'quizzes',
  target: null,
  active: true,
  requirement_mode: 'all',
  requirements: [],
}

/** formFrom gives the form's values for a certification, or those of a new one. */
export function formFrom(c?: Certification): CertFormValues {
  if (!c) return { ...NEW_CERTIFICATION, requirements: [] }
  return {
    code: c.code,
    serial_prefix: c.serial_prefix,
    name_vi: c.name_vi,
    name_en: c.name_en,
    authority: c.authority,
    issuer: c.issuer,
    issuer_en: c.issuer_en,
    place: c.place,
    signer_title: c.signer_title,
    signer_name: c.signer_name,
    expires: c.validity_months === null ? 'never' : 'months',
    validity_months: c.validity_months,
    renew_window_days: c.renew_window_days,
    renew_requires: c.renew_requires,
    target: c.target,
    active: c.active,
    requirement_mode: c.requirement_mode,
    requirements: rowsFrom(c.requirements),
  }
}

const trim = (s: string | null | undefined) => (s ?? '').trim()

/** printing is what both the edit and the creation send of the form, trimmed. */
function printing(v: CertFormValues): Omit<CertificationEdit, 'version' | 'requirement_mode' | 'requirements'> {
  const months = v.expires === 'months' && v.validity_months ? Math.round(v.validity_months) : null
  return {
    name_vi: trim(v.name_vi),
    name_en: trim(v.name_en),
    authority: trim(v.authority),
    issuer: trim(v.issuer),
    issuer_en: trim(v.issuer_en),
    place: trim(v.place),
    signer_title: trim(v.signer_title),
    signer_name: trim(v.signer_name),
    validity_months: months,
    // A certificate that never expires has nothing to renew.
    renew_window_days: months === null ? 0 : Math.max(0, Math.round(v.renew_window_days ?? 0)),
    renew_requires: v.renew_requires ?? 'quizzes',
    target: v.target ?? null,
    active: v.active ?? true,
  }
}

/**
 * toEdit is the change of certification c the form holds. What earns a
 * certification of the course files is theirs: it is not sent (the server
 * refuses it with 409 managed_by_files).
 */
export function toEdit(v: CertFormValues, c: Pick<Certification, 'version' | 'source'>): CertificationEdit {
  const e: CertificationEdit = { ...printing(v), version: c.version }
  if (c.source === 'app') {
    e.requirement_mode = v.requirement_mode
    e.requirements = toRequirements(v.requirements)
  }
  return e
}

/** toInput is the new certification the form holds; code and prefix in upper case, as the server keeps them. */
export function toInput(v: CertFormValues): CertificationInput {
  return {
    code: trim(v.code).toUpperCase(),
    serial_prefix: trim(v.serial_prefix).toUpperCase(),
    ...printing(v),
    requirement_mode: v.requirement_mode,
    requirements: toRequirements(v.requirements),
  }
}

/**
 * requirementErrors picks the per-requirement codes ("requirements.2":
 * "not_found") of a 400's fields as {index: code}; the form shows them on
 * the requirement's row.
 */
export function requirementErrors(fields: Record<string, string>): Record<number, string> {
  const out: Record<number, string> = {}
  for (const [k, code] of Object.entries(fields)) {
    const m = /^requirements\.(\d+)$/.exec(k)
    if (m) out[Number(m[1])] = code
  }
  return out
}

/** The evidence kinds the server keeps (it checks the content, not the name). */
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png'

/** isEvidence reports whether a chosen file looks like a PDF, JPEG or PNG, by its type or else its name. */
export function isEvidence(f: { name: string; type: string }): boolean {
  if (f.type) return ['application/pdf', 'image/jpeg', 'image/png'].includes(f.type)
  return /\.(pdf|jpe?g|png)$/i.test(f.name)
}
