package org

import (
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/errs"
)

// apply returns in with the fields set in patch replaced. An empty birth_date
// clears it.
func (patch PersonPatch) apply(in PersonInput) (PersonInput, error) {
	str := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	str(&in.Code, patch.Code)
	str(&in.FamilyName, patch.FamilyName)
	str(&in.MiddleName, patch.MiddleName)
	str(&in.GivenName, patch.GivenName)
	str(&in.Gender, patch.Gender)
	str(&in.Email, patch.Email)
	str(&in.Phone, patch.Phone)
	str(&in.Kind, patch.Kind)
	str(&in.JobTitle, patch.JobTitle)
	str(&in.ITQualification, patch.ITQualification)
	if patch.AgencyID != nil {
		in.AgencyID = *patch.AgencyID
	}
	if patch.Professional != nil {
		in.Professional = *patch.Professional
	}
	if patch.BirthDate != nil {
		if *patch.BirthDate == "" {
			in.BirthDate = nil
		} else {
			d, err := civil.Parse(*patch.BirthDate)
			if err != nil {
				return in, errs.Fields{"birth_date": "invalid_date"}.Err()
			}
			in.BirthDate = &d
		}
	}
	return in, nil
}
