package cert

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/govtrain/lms/api/platform/official"
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
	pageW = 297.0 // A4 landscape, mm
	pageH = 210.0

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
	f := official.New("L", d.IssuedOn)
	f.SetTitle(strings.TrimSpace(d.Title+" – "+d.Holder), true)
	f.SetSubject(d.Name, true)
	f.SetAuthor(d.Issuer, true)
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
	official.Heading(f, d.Authority, d.Issuer, 16, 116, 138, 143, 20)

	// The title, the "chứng nhận" line and the holder have one line each:
	// they shrink further than the columns above before they wrap.
	setInk(f, pdfAccent)
	official.Centred(f, d.Title, "B", official.FitSize(f, d.Title, "B", 30, 14, pageW-40), 20, pageW-40, 52)
	setInk(f, pdfInk)
	line := d.Issuer + " chứng nhận"
	official.Centred(f, line, "", official.FitSize(f, line, "", 15, 9, pageW-40), 20, pageW-40, 63)

	label := holderHonorific(d.Honorific) + ": "
	size := official.FitSize(f, d.Holder, "B", 22, 9, pageW-40-official.TextWidth(f, label, "", 16))
	lw, nw := official.TextWidth(f, label, "", 16), official.TextWidth(f, d.Holder, "B", size)
	x := pageW/2 - (lw+nw)/2
	official.Text(f, label, "", 16, x, 75)
	official.Text(f, d.Holder, "B", size, x+lw, 75)
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
		w := right - left - l.indent - official.TextWidth(f, l.label, "", size)
		f.SetFont(official.Family, l.style, size)
		return f.SplitText(l.value, w)
	}
	size := 14.0
	for ; size > 6; size -= 0.5 {
		n := 0
		for _, l := range lines {
			n += len(wrap(l, size))
		}
		if float64(n)*official.LineHeight(size) <= bottom-top {
			break
		}
	}
	y := top + size*official.PtMM
	for _, l := range lines {
		x := left + l.indent
		official.Text(f, l.label, "", size, x, y)
		x += official.TextWidth(f, l.label, "", size)
		for _, part := range wrap(l, size) {
			if y > bottom {
				return // only a document far past any real one gets here
			}
			official.Text(f, part, l.style, size, x, y)
			y += official.LineHeight(size)
		}
	}
}

// drawSignature draws the place and date, the signer's title, room for the
// signature and the seal, and the signer's name, centred on the right.
func drawSignature(f *fpdf.Fpdf, d Document) {
	const x, w = 166.0, 114.0
	setInk(f, pdfInk)
	y := official.Centred(f, official.PlaceDate(d.Place, d.IssuedOn), "I", 13, x, w, 147)
	official.Signature(f, d.SignerTitle, d.SignerName, x, w, y, 188)
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
	w := official.TextWidth(f, mark, "B", 84)
	f.SetLineWidth(2.5)
	f.Rect(pageW/2-w/2-8, pageH/2-22, w+16, 40, "D")
	official.Text(f, mark, "B", 84, pageW/2-w/2, pageH/2+10)
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

func setInk(f *fpdf.Fpdf, c [3]int) { f.SetTextColor(c[0], c[1], c[2]) }

// labelled draws a regular label then its value in style on one line at
// (x, y), both shrunk together until they fit in w.
func labelled(f *fpdf.Fpdf, label, value, style string, size, x, y, w float64) {
	for size > 5 && official.TextWidth(f, label, "", size)+official.TextWidth(f, value, style, size) > w {
		size -= 0.5
	}
	official.Text(f, label, "", size, x, y)
	official.Text(f, value, style, size, x+official.TextWidth(f, label, "", size), y)
}
