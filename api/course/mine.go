package course

import (
	"sort"
	"time"
)

// sortMine puts unfinished courses first, the nearest due date first, then the
// most recently enrolled.
func sortMine(items []MyCourse) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if (a.CompletedAt == nil) != (b.CompletedAt == nil) {
			return a.CompletedAt == nil
		}
		ad, bd := dueKey(a), dueKey(b)
		if !ad.Equal(bd) {
			return ad.Before(bd)
		}
		return a.EnrolledAt.After(b.EnrolledAt)
	})
}

func dueKey(m MyCourse) time.Time {
	if m.DueDate == nil {
		return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return m.DueDate.Time()
}
