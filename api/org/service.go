package org

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
)

// Service holds the rules of the registry.
type Service struct {
	db *sqlx.DB
}

// NewService returns a Service.
func NewService(d *sqlx.DB) *Service { return &Service{db: d} }

// Agencies lists the agencies p may see.
func (s *Service) Agencies(ctx context.Context, p auth.Principal) ([]Agency, error) {
	return listAgencies(ctx, s.db, p.Scope())
}

// Agency returns one agency p may see.
func (s *Service) Agency(ctx context.Context, p auth.Principal, id int64) (Agency, error) {
	return getAgency(ctx, s.db, p.Scope(), id)
}

var agencyCodeRe = regexp.MustCompile(`^[A-Za-z0-9._-]{1,40}$`)

// apply copies the fields set in in onto a, trimming text.
func (in AgencyInput) apply(a *Agency) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = strings.TrimSpace(*v)
		}
	}
	set(&a.Code, in.Code)
	set(&a.Name, in.Name)
	set(&a.NameEn, in.NameEn)
	set(&a.Level, in.Level)
	if in.ParentID != nil {
		a.ParentID = in.ParentID
	}
	if in.Sectors != nil {
		a.Sectors = StringArray(slices.Compact(slices.Sorted(slices.Values(*in.Sectors))))
	}
	if in.ValidFrom != nil {
		a.ValidFrom = in.ValidFrom
	}
	if in.ValidTo != nil {
		a.ValidTo = in.ValidTo
	}
	switch {
	case in.SuccessorOf == nil:
	case *in.SuccessorOf == 0:
		a.SuccessorOf = nil
	default:
		a.SuccessorOf = in.SuccessorOf
	}
}

func (a Agency) validate() error {
	f := errs.Fields{}
	if !agencyCodeRe.MatchString(a.Code) {
		f.Add("code", invalidOrRequired(a.Code))
	}
	if a.Name == "" || len([]rune(a.Name)) > 200 {
		f.Add("name", invalidOrRequired(a.Name))
	}
	if len([]rune(a.NameEn)) > 200 {
		f.Add("name_en", "too_long")
	}
	if !slices.Contains(Levels, a.Level) {
		f.Add("level", invalidOrRequired(a.Level))
	}
	for _, sec := range a.Sectors {
		if !slices.Contains(Sectors, sec) {
			f.Add("sectors", "invalid")
		}
	}
	if a.Level != "province" && a.ParentID == nil {
		f.Add("parent_id", "required")
	}
	if a.ValidFrom != nil && a.ValidTo != nil && a.ValidFrom.After(*a.ValidTo) {
		f.Add("valid_to", "before_valid_from")
	}
	if a.SuccessorOf != nil && (*a.SuccessorOf < 0 || *a.SuccessorOf == a.ID) {
		f.Add("successor_of", "invalid")
	}
	return f.Err()
}

// CreateAgency adds an agency under an existing parent.
func (s *Service) CreateAgency(ctx context.Context, p auth.Principal, in AgencyInput, actor audit.Actor) (Agency, error) {
	var a Agency
	in.apply(&a)
	if a.Sectors == nil {
		a.Sectors = StringArray{}
	}
	if err := a.validate(); err != nil {
		return Agency{}, err
	}
	var out Agency
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if err := s.checkParent(ctx, tx, p, a.ParentID); err != nil {
			return err
		}
		id, err := insertAgency(ctx, tx, a)
		if err != nil {
			return err
		}
		if out, err = getAgency(ctx, tx, p.Scope(), id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "agency.created", EntityType: "agency",
			EntityID: strconv.FormatInt(id, 10), AgencyID: &id, After: out})
	})
	return out, err
}

// UpdateAgency changes the fields set in in. Moving an agency under its own
// descendant is refused by the database.
func (s *Service) UpdateAgency(ctx context.Context, p auth.Principal, id int64, in AgencyInput, actor audit.Actor) (Agency, error) {
	var out Agency
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		before, err := getAgency(ctx, tx, p.Scope(), id)
		if err != nil {
			return err
		}
		a := before
		in.apply(&a)
		if err := a.validate(); err != nil {
			return err
		}
		if in.ParentID != nil {
			if *in.ParentID == id {
				return errs.Fields{"parent_id": "cycle"}.Err()
			}
			if err := s.checkParent(ctx, tx, p, a.ParentID); err != nil {
				return err
			}
		}
		if err := updateAgency(ctx, tx, a); err != nil {
			if e, ok := errs.As(db.MapError(err)); ok && e.Details["constraint"] == "agencies_no_cycle" {
				return errs.Fields{"parent_id": "cycle"}.Err()
			}
			return err
		}
		if out, err = getAgency(ctx, tx, p.Scope(), id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "agency.updated", EntityType: "agency",
			EntityID: strconv.FormatInt(id, 10), AgencyID: &id, Before: before, After: out})
	})
	return out, err
}

func (s *Service) checkParent(ctx context.Context, q sqlx.QueryerContext, p auth.Principal, parent *int64) error {
	if parent == nil {
		return nil
	}
	ok, err := agencyInScope(ctx, q, p.Scope(), *parent)
	if err != nil {
		return err
	}
	if !ok {
		return errs.Fields{"parent_id": "not_found"}.Err()
	}
	return nil
}

// People lists one page of the people p may see.
func (s *Service) People(ctx context.Context, p auth.Principal, f PeopleFilter, limit, offset int) ([]Person, int, error) {
	return listPeople(ctx, s.db, p.Scope(), f, limit, offset)
}

// Person returns one person p may see.
func (s *Service) Person(ctx context.Context, p auth.Principal, id int64) (Person, error) {
	return getPerson(ctx, s.db, p.Scope(), id, false)
}

// CreatePerson adds a person to an agency within p's scope.
func (s *Service) CreatePerson(ctx context.Context, p auth.Principal, in PersonInput, actor audit.Actor) (Person, error) {
	in.Normalize()
	f := errs.Fields{}
	in.Validate(f)
	if err := f.Err(); err != nil {
		return Person{}, err
	}
	var out Person
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if err := s.checkPersonAgency(ctx, tx, p, in.AgencyID); err != nil {
			return err
		}
		id, err := insertPerson(ctx, tx, in)
		if err != nil {
			return codeConflict(err)
		}
		if out, err = getPerson(ctx, tx, p.Scope(), id, false); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, personEntry("person.created", out, nil, &out))
	})
	return out, err
}

// PersonPatch is an edit: the fields set replace the stored ones, provided
// the person is still at Version.
type PersonPatch struct {
	Version         int     `json:"version"`
	Code            *string `json:"code"`
	FamilyName      *string `json:"family_name"`
	MiddleName      *string `json:"middle_name"`
	GivenName       *string `json:"given_name"`
	Gender          *string `json:"gender"`
	BirthDate       *string `json:"birth_date"`
	Email           *string `json:"email"`
	Phone           *string `json:"phone"`
	AgencyID        *int64  `json:"agency_id"`
	Kind            *string `json:"kind"`
	Professional    *bool   `json:"professional"`
	JobTitle        *string `json:"job_title"`
	ITQualification *string `json:"it_qualification"`
	// MovedOn is the day a change of agency takes effect (default today):
	// not in the future, not before the current membership began.
	MovedOn *civil.Date `json:"moved_on"`
}

// UpdatePerson applies a patch, refusing a stale version.
func (s *Service) UpdatePerson(ctx context.Context, p auth.Principal, id int64, patch PersonPatch, actor audit.Actor) (Person, error) {
	if patch.Version <= 0 {
		return Person{}, errs.Fields{"version": "required"}.Err()
	}
	var out Person
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		before, err := getPerson(ctx, tx, p.Scope(), id, true)
		if err != nil {
			return err
		}
		if before.Version != patch.Version {
			return errs.ErrVersion.With("current_version", before.Version)
		}
		in, err := patch.apply(before.input())
		if err != nil {
			return err
		}
		in.Normalize()
		f := errs.Fields{}
		in.Validate(f)
		if err := f.Err(); err != nil {
			return err
		}
		var moved *civil.Date
		if in.AgencyID != before.AgencyID {
			if err := s.checkPersonAgency(ctx, tx, p, in.AgencyID); err != nil {
				return err
			}
			if moved, err = moveDay(ctx, tx, id, patch.MovedOn); err != nil {
				return err
			}
		}
		if _, err := updatePerson(ctx, tx, id, before.Version, in, moved); err != nil {
			return codeConflict(err)
		}
		if out, err = getPerson(ctx, tx, auth.Scope{All: true}, id, false); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, personEntry("person.updated", out, &before, &out))
	})
	return out, err
}

// SetActive deactivates or reactivates a person. Deactivation keeps every
// record (history, certificates); it only takes the person off active lists.
func (s *Service) SetActive(ctx context.Context, p auth.Principal, id int64, active bool, actor audit.Actor) (Person, error) {
	var out Person
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		before, err := getPerson(ctx, tx, p.Scope(), id, true)
		if err != nil {
			return err
		}
		if before.Active == active {
			out = before
			return nil
		}
		if err := setPersonActive(ctx, tx, id, active); err != nil {
			return err
		}
		if out, err = getPerson(ctx, tx, p.Scope(), id, false); err != nil {
			return err
		}
		action := "person.deactivated"
		if active {
			action = "person.activated"
		}
		return audit.Write(ctx, tx, actor, personEntry(action, out, &before, &out))
	})
	return out, err
}

func (s *Service) checkPersonAgency(ctx context.Context, q sqlx.QueryerContext, p auth.Principal, agencyID int64) error {
	ok, err := agencyInScope(ctx, q, p.Scope(), agencyID)
	if err != nil {
		return err
	}
	if !ok {
		return errs.Fields{"agency_id": "not_found"}.Err()
	}
	return nil
}

func personEntry(action string, p Person, before, after *Person) audit.Entry {
	e := audit.Entry{Action: action, EntityType: "person", EntityID: strconv.FormatInt(p.ID, 10), AgencyID: &p.AgencyID}
	if before != nil {
		e.Before = before
	}
	if after != nil {
		e.After = after
	}
	return e
}

// codeConflict names the field when a unique person code is taken.
func codeConflict(err error) error {
	if e, ok := errs.As(db.MapError(err)); ok && e.Code == "already_exists" {
		return e.With("fields", map[string]string{"code": "taken"})
	}
	return err
}

// moveDay checks the day a move takes effect (nil: today): history before
// the current membership is not rewritten, and no move is recorded ahead.
func moveDay(ctx context.Context, q sqlx.QueryerContext, person int64, day *civil.Date) (*civil.Date, error) {
	today := civil.Today()
	if day == nil {
		return &today, nil
	}
	if day.After(today) {
		return nil, errs.Fields{"moved_on": "in_future"}.Err()
	}
	since, err := currentSince(ctx, q, person)
	if err != nil {
		return nil, err
	}
	if day.Before(since) {
		return nil, errs.Fields{"moved_on": "before_current"}.Err()
	}
	return day, nil
}

// Memberships is the agencies person worked in, newest first, if p may see
// the person.
func (s *Service) Memberships(ctx context.Context, p auth.Principal, person int64) ([]Membership, error) {
	if _, err := getPerson(ctx, s.db, p.Scope(), person, false); err != nil {
		return nil, err
	}
	return memberships(ctx, s.db, person)
}
