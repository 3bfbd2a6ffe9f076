package org

import (
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/govtrain/lms/api/platform/vn"
)

// FoldForTest folds like the search column does.
func FoldForTest(s string) string { return vn.Fold(s) }

var vnCollator = collate.New(language.Vietnamese)

// CompareVN compares two strings in Vietnamese collation (as the ICU collation
// the database sorts with).
func CompareVN(a, b string) int { return vnCollator.CompareString(a, b) }
