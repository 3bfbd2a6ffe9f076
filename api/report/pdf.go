package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/official"
)

// A4 portrait with the margins of Nghị định 30/2020/NĐ-CP (left 30 mm,
// right 15 mm, top and bottom 20 mm), in mm.
const (
	pageW, pageH        = 210.0, 297.0
	marginL, marginR    = 30.0, 15.0
	marginT, marginB    = 20.0, 20.0
	textW               = pageW - marginL - marginR
	bodySize, tableSize = 13.0, 10.0
)

// PDF writes d as an official report (báo cáo) in the layout of Nghị định
// 30/2020/NĐ-CP: the issuing body and the national heading, the number, the
// place and date, the title, I. the targets with the previous period, II.
// every department and district against every target, III. the comment,
// then the recipients and the signature; pages numbered from the second.
// The document is dated the day the figures were computed.
func PDF(d Data, p Params) ([]byte, error) {
	f := official.New("P", d.Created)
	f.SetTitle(upperTitle(d), true)
	f.SetAuthor(p.Issuer, true)
	f.SetSubject(title(d), true)
	f.SetHeaderFuncMode(func() {
		if n := f.PageNo(); n > 1 {
			official.Centred(f, strconv.Itoa(n), "", 13, marginL, textW, 12)
		}
	}, false)
	f.AddPage()
	w := &writer{f: f, y: marginT}
	w.heading(d, p)
	w.overview(d)
	w.byAgency(d)
	if p.Comment != "" {
		w.section("III. ĐÁNH GIÁ, KIẾN NGHỊ")
		for _, para := range strings.Split(p.Comment, "\n") {
			if para = strings.TrimSpace(para); para != "" {
				w.paragraph(para, "", bodySize, 10)
			}
		}
	}
	w.closing(p)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("report: render PDF: %w", err)
	}
	return buf.Bytes(), nil
}

type writer struct {
	f *fpdf.Fpdf
	y float64 // the baseline of the next line
}

// room starts a new page unless h mm fit above the bottom margin.
func (w *writer) room(h float64) {
	if w.y+h > pageH-marginB {
		w.f.AddPage()
		w.y = marginT + 4
	}
}

func (w *writer) heading(d Data, p Params) {
	f := w.f
	const leftX, leftW, rightX, rightW = 18.0, 78.0, 92.0, 110.0
	left, right := official.Heading(f, p.Authority, p.Issuer, leftX, leftW, rightX, rightW, w.y+4)
	official.Centred(f, "Số: "+number(p.Number), "", 13, leftX, leftW, left+2)
	created := d.Created.In(civil.Zone)
	official.Centred(f, official.PlaceDate(p.Place, created), "I", 13, rightX, rightW, right+2)
	w.y = max(left, right) + 16
	w.y = official.Centred(f, "BÁO CÁO", "B", 14, marginL, textW, w.y)
	y := official.Centred(f, title(d), "B", 14, marginL+10, textW-20, w.y)
	official.Rule(f, marginL+textW/2, y-1.5, 40)
	w.y = y + 7
	if p.Basis != "" {
		w.paragraph("Căn cứ "+strings.TrimSuffix(p.Basis, ";")+";", "I", bodySize, 10)
	}
	w.paragraph("Số liệu tính đến ngày "+vnDate(d.AsOf)+" ("+d.Scope.Name+"), tổng hợp từ hồ sơ cán bộ, quyết định phân công, "+
		"hộp thư công vụ và chứng chỉ còn hiệu lực vào ngày đó trên Hệ thống đào tạo công nghệ thông tin; kỳ trước tính đến ngày "+
		vnDate(d.Previous.End)+". Kết quả cụ thể như sau:", "", bodySize, 10)
}

// number is the document's number as printed: the register number is
// written in by hand at registration, so a number starting with "/" keeps
// room for it.
func number(n string) string {
	if strings.HasPrefix(n, "/") {
		return "        " + n
	}
	return n
}

// paragraph writes s justified over the text width, the first line
// indented by indent mm.
func (w *writer) paragraph(s, style string, size, indent float64) {
	f := w.f
	f.SetFont(official.Family, style, size)
	lh := official.LineHeight(size)
	first := true
	for _, line := range wrap(f, s, textW, indent) {
		w.room(lh)
		x := marginL
		if first {
			x += indent
		}
		official.Text(f, line, style, size, x, w.y)
		w.y += lh
		first = false
	}
	w.y += 1.5
}

// wrap splits s into lines of at most width mm, the first narrower by indent.
func wrap(f *fpdf.Fpdf, s string, width, indent float64) []string {
	var lines []string
	cur, limit := "", width-indent
	for _, word := range strings.Fields(s) {
		next := word
		if cur != "" {
			next = cur + " " + word
		}
		if cur != "" && f.GetStringWidth(next) > limit {
			lines = append(lines, cur)
			cur, limit = word, width
			continue
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func (w *writer) section(s string) {
	w.room(official.LineHeight(bodySize) * 3)
	w.y += 2
	official.Text(w.f, s, "B", bodySize, marginL, w.y)
	w.y += official.LineHeight(bodySize) + 1
}

// overview is section I: every target with its requirement, the previous
// and this period's figures and the verdict.
func (w *writer) overview(d Data) {
	w.section("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
	cols := []column{{"STT", 10, "C"}, {"Chỉ tiêu", 64, "L"}, {"Yêu cầu, thời hạn", 24, "C"}, {"Kỳ trước", 18, "C"},
		{"Kỳ này", 27, "C"}, {"Đánh giá", 22, "C"}}
	rows := make([][]cell, len(d.Targets))
	met := 0
	var behind []string
	for i, t := range d.Targets {
		prev := "–"
		if pv := previousOf(d, t.Code); pv != nil {
			prev = percent(pv.Percent)
		}
		now := percent(t.Percent)
		if t.Denominator > 0 {
			now += " (" + counts(t.Numerator, t.Denominator) + ")"
		}
		if t.Met {
			met++
		} else {
			behind = append(behind, t.Code)
		}
		rows[i] = []cell{{s: strconv.Itoa(i + 1)}, {s: t.TextVI}, {s: requirement(t.Target) + " đến " + t.Deadline.Format("02/01/2006")},
			{s: prev}, {s: now, bold: t.Met}, {s: statusWords[t.Status]}}
	}
	w.table(cols, rows)
	s := fmt.Sprintf("Có %d/%d chỉ tiêu đạt yêu cầu.", met, len(d.Targets))
	if len(behind) > 0 {
		s += " Chưa đạt: " + strings.Join(behind, ", ") + "."
	}
	w.paragraph(s, "", bodySize, 10)
}

// byAgency is section II: every department and district against every
// target, by the targets' numbers in section I, in whole percents.
func (w *writer) byAgency(d Data) {
	if len(d.Agencies) == 0 || len(d.Targets) == 0 {
		return
	}
	w.section("II. KẾT QUẢ THEO NGÀNH, ĐỊA PHƯƠNG")
	nameW := 50.0
	each := (textW - 11 - nameW) / float64(len(d.Targets))
	cols := []column{{"STT", 11, "C"}, {"Đơn vị", nameW, "L"}}
	for i := range d.Targets {
		cols = append(cols, column{"(" + strconv.Itoa(i+1) + ")", each, "C"})
	}
	rows := make([][]cell, len(d.Agencies))
	for i, a := range d.Agencies {
		r := []cell{{s: strconv.Itoa(i + 1)}, {s: a.Name}}
		for _, t := range d.Targets {
			v := cellOf(a, t.Code)
			s := "–"
			if v.Percent != nil {
				s = strconv.Itoa(int(*v.Percent + 0.5))
			}
			r = append(r, cell{s: s, bold: v.Met})
		}
		rows[i] = r
	}
	w.table(cols, rows)
	w.paragraph("Ghi chú: số liệu là tỷ lệ phần trăm (%) làm tròn; (1), (2)… là số thứ tự chỉ tiêu ở mục I; số in đậm: đạt yêu cầu; “–”: không có đối tượng tính.",
		"I", 11, 0)
}

// closing writes the recipients at the left and the signature at the right.
func (w *writer) closing(p Params) {
	f := w.f
	lh := official.LineHeight(11)
	w.room(max(lh*float64(len(p.Recipients)+1), 45) + 4)
	top := w.y + 4
	y := top
	official.Text(f, "Nơi nhận:", "B", 12, marginL-12, y)
	for i, r := range p.Recipients {
		end := ";"
		if i == len(p.Recipients)-1 {
			end = "."
		}
		y += lh
		official.Text(f, "- "+strings.TrimRight(r, ";.")+end, "", 11, marginL-12, y)
	}
	const x, cw = 110.0, 85.0
	official.Signature(f, p.SignerTitle, p.SignerName, x, cw, top-0.5, top+30)
	w.y = max(y, top+30) + lh
}

type column struct {
	head  string
	width float64
	align string // "L" or "C"
}

type cell struct {
	s    string
	bold bool
}

// table draws a bordered table from the current line: the header on every
// page it spans, each row as tall as its longest wrapped cell.
func (w *writer) table(cols []column, rows [][]cell) {
	head := make([]cell, len(cols))
	for i, c := range cols {
		head[i] = cell{s: c.head, bold: true}
	}
	w.row(cols, head, nil)
	for _, r := range rows {
		w.row(cols, r, head)
	}
	w.y += official.LineHeight(bodySize) * 0.8
}

// row draws one row of a table; when it does not fit, it starts a new page
// and draws head (when not nil) there first.
func (w *writer) row(cols []column, cells, head []cell) {
	const pad = 1.2
	f := w.f
	lh := official.LineHeight(tableSize) * 0.95
	style := func(c cell) string {
		if c.bold {
			return "B"
		}
		return ""
	}
	lines := make([][]string, len(cols))
	n := 1
	for i, c := range cols {
		f.SetFont(official.Family, style(cells[i]), tableSize)
		lines[i] = f.SplitText(cells[i].s, c.width-2*pad)
		n = max(n, len(lines[i]))
	}
	h := float64(n)*lh + 2*pad
	if w.y+h > pageH-marginB {
		f.AddPage()
		w.y = marginT + 4
		if head != nil {
			w.row(cols, head, nil)
		}
	}
	x := marginL
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.2)
	for i, c := range cols {
		f.Rect(x, w.y, c.width, h, "D")
		st := style(cells[i])
		f.SetFont(official.Family, st, tableSize)
		for k, line := range lines[i] {
			tx := x + pad
			if c.align == "C" {
				tx = x + (c.width-f.GetStringWidth(line))/2
			}
			official.Text(f, line, st, tableSize, tx, w.y+pad+float64(k)*lh+lh*0.75)
		}
		x += c.width
	}
	w.y += h
}
