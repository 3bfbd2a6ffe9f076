package db

import (
	"strconv"
	"strings"
)

// Where builds the WHERE clause of a list query from optional filters, keeping
// the values as $n arguments. Each condition writes ? where its values go.
type Where struct {
	conds []string
	Args  []any
}

// Add appends cond, whose ? placeholders take args in order.
func (w *Where) Add(cond string, args ...any) {
	w.conds = append(w.conds, w.Expr(cond, args...))
}

// Expr returns expr with its ? placeholders numbered after the arguments
// so far, adding args: for expressions outside the WHERE clause (a select
// list) that share its arguments.
func (w *Where) Expr(expr string, args ...any) string {
	var b strings.Builder
	i := 0
	for _, r := range expr {
		if r == '?' && i < len(args) {
			b.WriteString(w.Arg(args[i]))
			i++
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Arg appends v to the arguments and returns its placeholder.
func (w *Where) Arg(v any) string {
	w.Args = append(w.Args, v)
	return "$" + strconv.Itoa(len(w.Args))
}

// SQL is " WHERE a AND b ..." or "" when there is no condition.
func (w *Where) SQL() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// EscapeLike escapes the LIKE wildcards in s, so that text a user typed
// matches as text.
func EscapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
