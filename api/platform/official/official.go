// Package official draws the parts of a Vietnamese official document with
// go-pdf/fpdf (Nghị định 30/2020/NĐ-CP): the issuing body and the national
// heading side by side, the place-and-date line, the signature block, in a
// Times-like serif that has every Vietnamese letter.
package official

import (
	_ "embed"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// Liberation Serif 2 (SIL OFL 1.1, see fonts/LICENSE) has the metrics of Times
// New Roman, the font of Vietnamese official documents, and every Vietnamese
// letter; it is embedded so that rendering never depends on the machine's fonts.
var (
	//go:embed fonts/LiberationSerif-Regular.ttf
	serifRegular []byte
	//go:embed fonts/LiberationSerif-Bold.ttf
	serifBold []byte
	//go:embed fonts/LiberationSerif-Italic.ttf
	serifItalic []byte
)

// Family is the font family New registers (styles "", "B" and "I").
const Family = "LiberationSerif"

// PtMM is one point in millimetres.
const PtMM = 25.4 / 72

// Shrink is how far Centred shrinks a line before it wraps it.
const Shrink = 0.85

// New starts an A4 document in orientation "P" or "L", in millimetres, with
// the serif fonts, no automatic page break and every date of the file set to
// at, so that the same content always gives the same bytes.
func New(orientation string, at time.Time) *fpdf.Fpdf {
	f := fpdf.New(orientation, "mm", "A4", "")
	f.SetCreationDate(at)
	f.SetModificationDate(at)
	f.SetCatalogSort(true)
	f.SetAutoPageBreak(false, 0)
	f.SetCellMargin(0)
	f.SetCreator("govtrain LMS", true)
	f.AddUTF8FontFromBytes(Family, "", serifRegular)
	f.AddUTF8FontFromBytes(Family, "B", serifBold)
	f.AddUTF8FontFromBytes(Family, "I", serifItalic)
	return f
}

// PlaceDate is the place-and-date line of a Vietnamese official document,
// "Hà Tĩnh, ngày 05 tháng 3 năm 2009": days below 10 and the months 1 and 2
// take a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I), so that no one can
// add a digit in front of them.
func PlaceDate(place string, t time.Time) string {
	month := fmt.Sprint(int(t.Month()))
	if t.Month() < time.March {
		month = "0" + month
	}
	s := fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
	if place == "" {
		return "N" + s[1:]
	}
	return place + ", " + s
}

// Heading draws the issuing body (under its authority) centred in the column
// [leftX, leftX+leftW] and the national heading in [rightX, rightX+rightW],
// each with its short rule, from baseline y; it returns the baselines under
// the left and the right column.
func Heading(f *fpdf.Fpdf, authority, issuer string, leftX, leftW, rightX, rightW, y float64) (float64, float64) {
	left := y
	if authority != "" {
		left = Centred(f, authority, "", 13, leftX, leftW, left)
	}
	left = Centred(f, issuer, "B", 13, leftX, leftW, left)
	size := FitSize(f, issuer, "B", 13, 13*Shrink, leftW) // as Centred did
	Rule(f, leftX+leftW/2, left-LineHeight(size)+3, 0.4*min(TextWidth(f, issuer, "B", size), leftW))

	right := Centred(f, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B", 13, rightX, rightW, y)
	motto := "Độc lập - Tự do - Hạnh phúc"
	Centred(f, motto, "B", 14, rightX, rightW, right)
	Rule(f, rightX+rightW/2, right+1.8, TextWidth(f, motto, "B", 14))
	return left + 2, right + LineHeight(14) + 2
}

// Signature draws the signer's title (lines split at "\n") from baseline y
// and, after the room for the signature and the seal, the name at baseline
// nameY, centred in [x, x+w]; it returns the baseline under the name.
func Signature(f *fpdf.Fpdf, title, name string, x, w, y, nameY float64) float64 {
	for _, t := range strings.Split(title, "\n") {
		y = Centred(f, t, "B", 13, x, w, y+0.5)
	}
	return Centred(f, name, "B", 13, x, w, nameY)
}

// LineHeight is the distance between baselines at size points.
func LineHeight(size float64) float64 { return size * PtMM * 1.45 }

// TextWidth is the width of s in style at size points.
func TextWidth(f *fpdf.Fpdf, s, style string, size float64) float64 {
	f.SetFont(Family, style, size)
	return f.GetStringWidth(s)
}

// Text draws s with its baseline at (x, y).
func Text(f *fpdf.Fpdf, s, style string, size, x, y float64) {
	f.SetFont(Family, style, size)
	f.Text(x, y, s)
}

// FitSize is the largest size from hi down to lo, in half points, at which
// s fits in w; lo when none does.
func FitSize(f *fpdf.Fpdf, s, style string, hi, lo, w float64) float64 {
	size := hi
	for size > lo && TextWidth(f, s, style, size) > w {
		size -= 0.5
	}
	return size
}

// Centred draws s centred in the column [x, x+w] with its baseline at y,
// shrinking it to at most Shrink×size and then wrapping, and returns the
// baseline of the next line.
func Centred(f *fpdf.Fpdf, s, style string, size, x, w, y float64) float64 {
	size = FitSize(f, s, style, size, size*Shrink, w)
	f.SetFont(Family, style, size)
	for _, part := range f.SplitText(s, w) {
		Text(f, part, style, size, x+(w-f.GetStringWidth(part))/2, y)
		y += LineHeight(size)
	}
	return y
}

// Rule draws a short horizontal line of length l centred on cx, the line
// under the issuer and under the motto in the official heading.
func Rule(f *fpdf.Fpdf, cx, y, l float64) {
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.3)
	f.Line(cx-l/2, y, cx+l/2, y)
}
