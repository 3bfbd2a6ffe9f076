// Package auth signs people in and out, issues and checks tokens, throttles
// password guessing, manages accounts, and holds the one policy table that says
// which role may do what.
package auth

import (
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// Role is what an account may do.
type Role string

// The roles, from least to most powerful.
const (
	Learner       Role = "learner"
	Trainer       Role = "trainer"
	AgencyManager Role = "agency_manager"
	HomeAffairs   Role = "home_affairs"
	Admin         Role = "admin"
)

// Roles lists every role.
var Roles = []Role{Learner, Trainer, AgencyManager, HomeAffairs, Admin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Permission names an action guarded by the policy table.
type Permission string

// The permissions. What a permitted role may touch is narrowed further by its
// scope (see Principal.Scope), in SQL.
const (
	PersonView         Permission = "person.view"    // one person by id: learners and trainers only themselves
	PeopleList         Permission = "people.list"    // list, search, export
	PeopleWrite        Permission = "people.write"   // create, edit, deactivate, import
	AgenciesRead       Permission = "agencies.read"  // the tree
	AgenciesWrite      Permission = "agencies.write" // create and edit agencies
	AuditRead          Permission = "audit.read"
	UsersManage        Permission = "users.manage"        // accounts, roles, password resets
	CoursesView        Permission = "courses.view"        // the catalogue, enrolling oneself, studying
	CoursesAuthor      Permission = "courses.author"      // creating and editing app courses (trainers their own)
	CoursesEnrol       Permission = "courses.enrol"       // enrolling others, within scope
	QuestionsManage    Permission = "questions.manage"    // the question bank: browse, import, export
	QuizzesGrade       Permission = "quizzes.grade"       // quiz results, statistics, essay grading, regrading
	CertificatesList   Permission = "certificates.list"   // the certificates of an agency (scope) or the province
	CertificatesManage Permission = "certificates.manage" // revoke, reinstate, issue by hand, record prior ones
	TargetsView        Permission = "targets.view"        // the decision's targets, computed (managers: their agency)
	TargetsManage      Permission = "targets.manage"      // add and edit targets
)

var managers = []Role{AgencyManager, HomeAffairs, Admin}

// policy is the whole authorization table: permission -> roles that hold it.
var policy = map[Permission][]Role{
	PersonView:         Roles,
	PeopleList:         managers,
	PeopleWrite:        managers,
	AgenciesRead:       managers,
	AgenciesWrite:      {HomeAffairs, Admin},
	AuditRead:          {HomeAffairs, Admin},
	UsersManage:        {Admin},
	CoursesView:        Roles,
	CoursesAuthor:      {Trainer, Admin},
	CoursesEnrol:       managers,
	QuestionsManage:    {Trainer, Admin},
	QuizzesGrade:       {Trainer, Admin},
	CertificatesList:   managers,
	CertificatesManage: {HomeAffairs, Admin},
	TargetsView:        managers,
	TargetsManage:      {HomeAffairs, Admin},
}

// Can reports whether role holds perm.
func Can(role Role, perm Permission) bool {
	return slices.Contains(policy[perm], role)
}

// Require lets the request through only when the signed-in role holds perm.
// It must run after Authenticate.
func Require(perm Permission) gin.HandlerFunc {
	return func(c *gin.Context) {
		p, ok := From(c)
		if !ok {
			httpx.WriteError(c, errs.ErrUnauthorized)
			return
		}
		if !Can(p.Role, perm) {
			httpx.WriteError(c, errs.ErrForbidden)
			return
		}
		c.Next()
	}
}

// Scope is the part of the province a principal may see: everything, an
// agency with its subtree, or only their own person record.
type Scope struct {
	All      bool
	AgencyID int64 // when not All and > 0: this agency and its descendants
	PersonID int64 // when not All and AgencyID == 0: only this person (0: nothing)
}

// Scope derives the principal's scope from their role.
func (p Principal) Scope() Scope {
	switch p.Role {
	case Admin, HomeAffairs:
		return Scope{All: true}
	case AgencyManager:
		return Scope{AgencyID: deref(p.AgencyID)}
	}
	return Scope{PersonID: deref(p.PersonID)}
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
