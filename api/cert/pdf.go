package cert

import (
	"bytes"
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

// Document is what a certificate's PDF shows, already in words.
type Document struct {
	Authority   string     // the body above the issuer, e.g. "UBND TỈNH HÀ TĨNH"
	Issuer      string     // e.g. "SỞ NỘI VỤ"
	Title       string     // e.g. "GIẤY CHỨNG NHẬN"
	Name        string     // the certification, e.g. "Ứng dụng công nghệ thông tin cơ bản"
	Holder      string     // "Nguyễn Văn An"
	Honorific   string     // "Ông" or "Bà" (empty: "Ông/Bà")
	BirthDate   *time.Time // may be nil
	Agency      string     // the holder's unit
	Completed   []string   // what was completed, one line each, e.g. "Khóa học IU01 – Hiểu biết về CNTT cơ bản (hoàn thành 12/03/2009)"
	Result      string     // e.g. "Đạt – 85,5 điểm/100"
	Place       string     // "Hà Tĩnh"
	IssuedOn    time.Time
	ExpiresOn   *time.Time // nil: no expiry
	SignerTitle string     // "GIÁM ĐỐC"
	SignerName  string     // "Trần Văn Bình"
	Serial      string     // số hiệu, e.g. "CB-CNTT/2009/000123"
	Register    string     // số vào sổ cấp, e.g. "0123/2009/SNV"
	Code        string     // verification code in groups, e.g. "7KQ2-M9XD-3HTA-PW4C"
	VerifyURL   string     // where anyone checks it, printed under the QR code
	QR          string     // what the QR code encodes (a URL with a signed token, may be 400 characters)
	Revoked     bool       // print a clear "ĐÃ THU HỒI" (revoked) mark across the page
}

const (
	fontFamily = "LiberationSerif"
	pageW      = 297.0 // A4 landscape, mm
	pageH      = 210.0
	ptMM       = 25.4 / 72 // one point in mm

	// The QR code's square, quiet zone included; the tests sample it.
	qrX, qrY, qrSize = 20.0, 146.0, 35.0
)

var (
	pdfInk    = [3]int{0, 0, 0}
	pdfAccent = [3]int{140, 20, 25} // the border and the title: a dark red
)

// PDF renders d as an A4 landscape certificate in the Vietnamese official layout
// (Nghị định 30/2020/NĐ-CP for the heading, the place-and-date line and the
// signature). An empty QR leaves the code out. The same Document always gives
// the same bytes: the PDF's dates are d.IssuedOn, not the time of rendering.
func PDF(d Document) ([]byte, error) {
	f := fpdf.New("L", "mm", "A4", "")
	f.SetCreationDate(d.IssuedOn)
	f.SetModificationDate(d.IssuedOn)
	f.SetCatalogSort(true)
	f.SetAutoPageBreak(false, 0)
	f.SetCellMargin(0)
	f.SetTitle(strings.TrimSpace(d.Title+" – "+d.Holder), true)
	f.SetSubject(d.Name, true)
	f.SetAuthor(d.Issuer, true)
	f.SetCreator("govtrain LMS", true)
	f.AddUTF8FontFromBytes(fontFamily, "", serifRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", serifBold)
	f.AddUTF8FontFromBytes(fontFamily, "I", serifItalic)
	f.AddPage()

	drawBorder(f)
	drawHeading(f, d)
	drawBody(f, d)
	drawSignature(f, d)
	if err := drawVerification(f, d); err != nil {
		return nil, err
	}
	if d.Revoked {
		drawRevoked(f)
	}

	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("cert: render PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// placeDate is the place-and-date line of a Vietnamese official document,
// "Hà Tĩnh, ngày 05 tháng 3 năm 2009": days below 10 and the months 1 and 2
// take a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I), so that no one can
// add a digit in front of them.
func placeDate(place string, t time.Time) string {
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

func drawBorder(f *fpdf.Fpdf) {
	f.SetDrawColor(pdfAccent[0], pdfAccent[1], pdfAccent[2])
	f.SetFillColor(pdfAccent[0], pdfAccent[1], pdfAccent[2])
	f.SetLineWidth(1.2)
	f.Rect(7, 7, pageW-14, pageH-14, "D")
	f.SetLineWidth(0.3)
	f.Rect(9.5, 9.5, pageW-19, pageH-19, "D")
	// A small diamond on each corner of the inner frame.
	for _, c := range [][2]float64{{9.5, 9.5}, {pageW - 9.5, 9.5}, {9.5, pageH - 9.5}, {pageW - 9.5, pageH - 9.5}} {
		x, y, r := c[0], c[1], 2.2
		f.Polygon([]fpdf.PointType{{X: x, Y: y - r}, {X: x + r, Y: y}, {X: x, Y: y + r}, {X: x - r, Y: y}}, "F")
	}
}

// drawHeading draws the issuing body at the top left and the national heading
// at the top right, each with its short rule, then the title and the holder.
func drawHeading(f *fpdf.Fpdf, d Document) {
	setInk(f, pdfInk)
	const leftX, leftW, rightX, rightW = 16.0, 116.0, 138.0, 143.0
	y := 20.0
	if d.Authority != "" {
		y = centred(f, d.Authority, "", 13, leftX, leftW, y)
	}
	y = centred(f, d.Issuer, "B", 13, leftX, leftW, y)
	size := fitSize(f, d.Issuer, "B", 13, 13*shrink, leftW) // as centred did
	drawRule(f, leftX+leftW/2, y-lineHeight(size)+3, 0.4*min(textWidth(f, d.Issuer, "B", size), leftW))

	y = centred(f, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B", 13, rightX, rightW, 20)
	motto := "Độc lập - Tự do - Hạnh phúc"
	centred(f, motto, "B", 14, rightX, rightW, y)
	drawRule(f, rightX+rightW/2, y+1.8, textWidth(f, motto, "B", 14))

	// The title, the "chứng nhận" line and the holder have one line each:
	// they shrink further than the columns above before they wrap.
	setInk(f, pdfAccent)
	centred(f, d.Title, "B", fitSize(f, d.Title, "B", 30, 14, pageW-40), 20, pageW-40, 52)
	setInk(f, pdfInk)
	line := d.Issuer + " chứng nhận"
	centred(f, line, "", fitSize(f, line, "", 15, 9, pageW-40), 20, pageW-40, 63)

	label := holderHonorific(d.Honorific) + ": "
	size = fitSize(f, d.Holder, "B", 22, 9, pageW-40-textWidth(f, label, "", 16))
	lw, nw := textWidth(f, label, "", 16), textWidth(f, d.Holder, "B", size)
	x := pageW/2 - (lw+nw)/2
	drawText(f, label, "", 16, x, 75)
	drawText(f, d.Holder, "B", size, x+lw, 75)
}

// drawBody draws the lines between the holder and the signature, shrinking
// the font until they fit above the QR code and the signature block.
func drawBody(f *fpdf.Fpdf, d Document) {
	type line struct {
		label, value, style string
		indent              float64
	}
	var lines []line
	if d.BirthDate != nil {
		lines = append(lines, line{label: "Ngày sinh: ", value: pdfDate(*d.BirthDate)})
	}
	if d.Agency != "" {
		lines = append(lines, line{label: "Đơn vị: ", value: d.Agency})
	}
	lines = append(lines, line{label: "Đã hoàn thành chương trình: ", value: d.Name, style: "B"})
	for _, c := range d.Completed {
		lines = append(lines, line{label: "– ", value: c, indent: 6})
	}
	if d.Result != "" {
		lines = append(lines, line{label: "Kết quả: ", value: d.Result, style: "B"})
	}
	if d.ExpiresOn != nil {
		lines = append(lines, line{label: "Giá trị đến ngày ", value: pdfDate(*d.ExpiresOn)})
	}

	const left, right, top, bottom = 46.0, 251.0, 80.0, 141.0
	wrap := func(l line, size float64) []string {
		w := right - left - l.indent - textWidth(f, l.label, "", size)
		f.SetFont(fontFamily, l.style, size)
		return f.SplitText(l.value, w)
	}
	size := 14.0
	for ; size > 6; size -= 0.5 {
		n := 0
		for _, l := range lines {
			n += len(wrap(l, size))
		}
		if float64(n)*lineHeight(size) <= bottom-top {
			break
		}
	}
	y := top + size*ptMM
	for _, l := range lines {
		x := left + l.indent
		drawText(f, l.label, "", size, x, y)
		x += textWidth(f, l.label, "", size)
		for _, part := range wrap(l, size) {
			if y > bottom {
				return // only a document far past any real one gets here
			}
			drawText(f, part, l.style, size, x, y)
			y += lineHeight(size)
		}
	}
}

// drawSignature draws the place and date, the signer's title, room for the
// signature and the seal, and the signer's name, centred on the right.
func drawSignature(f *fpdf.Fpdf, d Document) {
	const x, w = 166.0, 114.0
	setInk(f, pdfInk)
	y := centred(f, placeDate(d.Place, d.IssuedOn), "I", 13, x, w, 147)
	for _, t := range strings.Split(d.SignerTitle, "\n") {
		y = centred(f, t, "B", 13, x, w, y+0.5)
	}
	centred(f, d.SignerName, "B", 13, x, w, 188)
}

// drawVerification draws the QR code at the bottom left with the address and
// code under it, and the serial and register numbers beside it.
func drawVerification(f *fpdf.Fpdf, d Document) error {
	if d.QR != "" {
		modules, err := qrModules(d.QR)
		if err != nil {
			return err
		}
		drawQR(f, modules, qrX, qrY, qrSize)
	}
	setInk(f, pdfInk)
	const lineW = 140.0 // up to the signature block
	y := qrY + qrSize + 3.5
	if d.VerifyURL != "" {
		labelled(f, "Kiểm tra tại: ", d.VerifyURL, "", 9, qrX+1, y, lineW)
		y += 4.2
	}
	if d.Code != "" {
		labelled(f, "Mã xác thực: ", d.Code, "B", 9, qrX+1, y, lineW)
	}
	x := qrX + qrSize + 4
	labelled(f, "Số hiệu: ", d.Serial, "B", 11, x, qrY+qrSize-7, lineW-qrSize)
	labelled(f, "Số vào sổ cấp: ", d.Register, "B", 11, x, qrY+qrSize-1.5, lineW-qrSize)
	return nil
}

// drawRevoked stamps "ĐÃ THU HỒI" across the page, translucent so that the
// certificate stays readable under it.
func drawRevoked(f *fpdf.Fpdf) {
	const mark = "ĐÃ THU HỒI"
	f.TransformBegin()
	f.TransformRotate(18, pageW/2, pageH/2)
	f.SetAlpha(0.55, "Normal")
	red := [3]int{210, 0, 0}
	setInk(f, red)
	f.SetDrawColor(red[0], red[1], red[2])
	w := textWidth(f, mark, "B", 84)
	f.SetLineWidth(2.5)
	f.Rect(pageW/2-w/2-8, pageH/2-22, w+16, 40, "D")
	drawText(f, mark, "B", 84, pageW/2-w/2, pageH/2+10)
	f.SetAlpha(1, "Normal")
	f.TransformEnd()
}

func holderHonorific(h string) string {
	if h == "" {
		return "Ông/Bà"
	}
	return h
}

func pdfDate(t time.Time) string { return t.Format("02/01/2006") }

func lineHeight(size float64) float64 { return size * ptMM * 1.45 }

func setInk(f *fpdf.Fpdf, c [3]int) { f.SetTextColor(c[0], c[1], c[2]) }

func textWidth(f *fpdf.Fpdf, s, style string, size float64) float64 {
	f.SetFont(fontFamily, style, size)
	return f.GetStringWidth(s)
}

func drawText(f *fpdf.Fpdf, s, style string, size, x, y float64) {
	f.SetFont(fontFamily, style, size)
	f.Text(x, y, s)
}

// fitSize is the largest size from hi down to lo, in half points, at which
// s fits in w; lo when none does.
func fitSize(f *fpdf.Fpdf, s, style string, hi, lo, w float64) float64 {
	size := hi
	for size > lo && textWidth(f, s, style, size) > w {
		size -= 0.5
	}
	return size
}

// shrink is how far centred shrinks a line before it wraps it.
const shrink = 0.85

// centred draws s centred in the column [x, x+w] with its baseline at y,
// shrinking it to at most shrink×size and then wrapping, and returns the
// baseline of the next line.
func centred(f *fpdf.Fpdf, s, style string, size, x, w, y float64) float64 {
	size = fitSize(f, s, style, size, size*shrink, w)
	f.SetFont(fontFamily, style, size)
	for _, part := range f.SplitText(s, w) {
		drawText(f, part, style, size, x+(w-f.GetStringWidth(part))/2, y)
		y += lineHeight(size)
	}
	return y
}

// labelled draws a regular label then its value in style on one line at
// (x, y), both shrunk together until they fit in w.
func labelled(f *fpdf.Fpdf, label, value, style string, size, x, y, w float64) {
	for size > 5 && textWidth(f, label, "", size)+textWidth(f, value, style, size) > w {
		size -= 0.5
	}
	drawText(f, label, "", size, x, y)
	drawText(f, value, style, size, x+textWidth(f, label, "", size), y)
}

// drawRule draws a short horizontal line of length l centred on cx, the line
// under the issuer and under the motto in the official heading.
func drawRule(f *fpdf.Fpdf, cx, y, l float64) {
	f.SetDrawColor(pdfInk[0], pdfInk[1], pdfInk[2])
	f.SetLineWidth(0.3)
	f.Line(cx-l/2, y, cx+l/2, y)
}
