package cert

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// These tests read the PDF back with poppler-utils (pdftotext, pdftoppm), as
// a person would see it; .ci/run installs them.

func sampleDocument() Document {
	birth := time.Date(1978, time.July, 9, 0, 0, 0, 0, time.UTC)
	return Document{
		Authority: "UBND TỈNH HÀ TĨNH",
		Issuer:    "SỞ NỘI VỤ",
		Title:     "GIẤY CHỨNG NHẬN",
		Name:      "Ứng dụng công nghệ thông tin cơ bản",
		Holder:    "Nguyễn Thị Hồng Nhung",
		Honorific: "Bà",
		BirthDate: &birth,
		Agency:    "Phòng Tổ chức cán bộ, Sở Tài nguyên và Môi trường",
		Completed: []string{
			"Khóa học IU01 – Hiểu biết về CNTT cơ bản (hoàn thành 12/02/2009)",
			"Khóa học IU03 – Xử lý văn bản cơ bản (hoàn thành 26/02/2009)",
		},
		Result:      "Đạt – 85,5 điểm/100",
		Place:       "Hà Tĩnh",
		IssuedOn:    time.Date(2009, time.March, 5, 9, 30, 0, 0, time.UTC),
		SignerTitle: "GIÁM ĐỐC",
		SignerName:  "Trần Văn Bình",
		Serial:      "CB-CNTT/2009/000123",
		Register:    "0123/2009/SNV",
		Code:        "7KQ2-M9XD-3HTA-PW4C",
		VerifyURL:   "https://lms.hatinh.gov.vn/xac-thuc",
		QR:          "https://lms.hatinh.gov.vn/xac-thuc?t=" + strings.Repeat("eyJhbGciOiJFZERTQSJ9.", 17),
	}
}

func renderPDF(t *testing.T, d Document) []byte {
	t.Helper()
	pdf, err := PDF(d)
	if err != nil {
		t.Fatalf("PDF: %v", err)
	}
	return pdf
}

// poppler runs a poppler-utils tool on pdf in a temporary directory, "{in}"
// and "{dir}" in args naming the PDF and the directory, and returns its
// standard output and the directory.
func poppler(t *testing.T, pdf []byte, tool string, args ...string) ([]byte, string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s not found: install poppler-utils (apt-get install poppler-utils); .ci/run does", tool)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "cert.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	for i, a := range args {
		args[i] = strings.ReplaceAll(strings.ReplaceAll(a, "{in}", in), "{dir}", dir)
	}
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", tool, args, err)
	}
	return out, dir
}

// pdfText is the page's text with every run of white space made one space,
// so that a wrapped line still reads as one.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	out, _ := poppler(t, pdf, "pdftotext", "-enc", "UTF-8", "{in}", "-")
	return strings.Join(strings.Fields(string(out)), " ")
}

func pdfImage(t *testing.T, pdf []byte, dpi int) image.Image {
	t.Helper()
	_, dir := poppler(t, pdf, "pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-singlefile", "{in}", "{dir}/page")
	out, err := os.ReadFile(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("decode pdftoppm's PNG: %v", err)
	}
	return img
}

func isDark(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return (r+g+b)/3 < 0x8000
}

func TestPDFText(t *testing.T) {
	other := sampleDocument()
	other.Holder, other.Honorific = "Đặng Quốc Việt", "Ông"
	other.IssuedOn = time.Date(2009, time.February, 5, 0, 0, 0, 0, time.UTC)
	other.Serial = "CB-CNTT/2009/000124"
	for _, tc := range []struct {
		d    Document
		want []string
	}{
		{sampleDocument(), []string{"Bà: Nguyễn Thị Hồng Nhung", "Hà Tĩnh, ngày 05 tháng 3 năm 2009", "CB-CNTT/2009/000123"}},
		{other, []string{"Ông: Đặng Quốc Việt", "Hà Tĩnh, ngày 05 tháng 02 năm 2009", "CB-CNTT/2009/000124"}},
	} {
		t.Run(tc.d.Holder, func(t *testing.T) {
			text := pdfText(t, renderPDF(t, tc.d))
			want := append([]string{
				"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
				"Độc lập - Tự do - Hạnh phúc",
				"UBND TỈNH HÀ TĨNH",
				"SỞ NỘI VỤ chứng nhận",
				"GIẤY CHỨNG NHẬN",
				"Ngày sinh: 09/07/1978",
				"Đơn vị: Phòng Tổ chức cán bộ, Sở Tài nguyên và Môi trường",
				"Đã hoàn thành chương trình: Ứng dụng công nghệ thông tin cơ bản",
				"Khóa học IU03 – Xử lý văn bản cơ bản (hoàn thành 26/02/2009)",
				"Kết quả: Đạt – 85,5 điểm/100",
				"GIÁM ĐỐC",
				"Trần Văn Bình",
				"Số vào sổ cấp: 0123/2009/SNV",
				"Mã xác thực: 7KQ2-M9XD-3HTA-PW4C",
				"Kiểm tra tại: https://lms.hatinh.gov.vn/xac-thuc",
			}, tc.want...)
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("pdftotext lacks %q; got:\n%s", w, text)
				}
			}
			for _, absent := range []string{"Giá trị đến", "THU HỒI"} {
				if strings.Contains(text, absent) {
					t.Errorf("pdftotext has %q, want it absent; got:\n%s", absent, text)
				}
			}
		})
	}
}

func TestPDFOptionalLines(t *testing.T) {
	d := sampleDocument()
	expires := time.Date(2014, time.March, 4, 0, 0, 0, 0, time.UTC)
	d.ExpiresOn, d.BirthDate, d.Honorific, d.Revoked = &expires, nil, "", true
	pdf := renderPDF(t, d)
	text := pdfText(t, pdf)
	// The mark is rotated: -raw reads it in drawing order, not by position.
	raw, _ := poppler(t, pdf, "pdftotext", "-raw", "-enc", "UTF-8", "{in}", "-")
	text += " " + strings.Join(strings.Fields(string(raw)), " ")
	for _, w := range []string{"Giá trị đến ngày 04/03/2014", "Ông/Bà: Nguyễn Thị Hồng Nhung", "ĐÃ THU HỒI"} {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext lacks %q; got:\n%s", w, text)
		}
	}
	if strings.Contains(text, "Ngày sinh") {
		t.Errorf("pdftotext has a birth date line, want none without BirthDate; got:\n%s", text)
	}
}

func TestPDFImage(t *testing.T) {
	img := pdfImage(t, renderPDF(t, sampleDocument()), 60)
	b := img.Bounds()
	if got, want := float64(b.Dx())/float64(b.Dy()), 297.0/210; got < want*0.99 || got > want*1.01 {
		t.Errorf("page is %dx%d px, aspect %.3f; want A4 landscape %.3f", b.Dx(), b.Dy(), got, want)
	}
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if isDark(img, x, y) {
				n++
			}
		}
	}
	if got := float64(n) / float64(b.Dx()*b.Dy()); got < 0.02 {
		t.Errorf("%.2f%% of the page is dark, want at least 2%% (a blank page?)", 100*got)
	}
}

// TestPDFQR samples the centre of every module of the QR code in a 150 dpi
// rendering and compares it with the library's encoding of d.QR, quiet zone
// included. No pure-Go QR decoder is among the project's vetted modules, so
// this checks the drawing, and trusts the encoder.
func TestPDFQR(t *testing.T) {
	d := sampleDocument()
	img := pdfImage(t, renderPDF(t, d), 150)
	want, err := qrModules(d.QR)
	if err != nil {
		t.Fatal(err)
	}
	px := func(mm float64) int { return int(mm / 25.4 * 150) }
	m := qrSize / float64(len(want))
	if m*150/25.4 < 2 {
		t.Fatalf("a module is %.2f px at 150 dpi, too small to sample", m*150/25.4)
	}
	bad := 0
	for r, row := range want {
		for c, on := range row {
			x, y := px(qrX+(float64(c)+0.5)*m), px(qrY+(float64(r)+0.5)*m)
			if isDark(img, x, y) != on {
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d modules differ from the encoding of d.QR", bad, len(want)*len(want))
	}
}

func TestPDFDeterministic(t *testing.T) {
	a, b := renderPDF(t, sampleDocument()), renderPDF(t, sampleDocument())
	if !bytes.Equal(a, b) {
		t.Errorf("two renderings of one document differ (%d and %d bytes)", len(a), len(b))
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20090305")) {
		t.Errorf("creation date is not the issue date 2009-03-05")
	}
}

// TestPDFLongContent fills every field far past a real certificate and checks
// that all of it is printed, inside the frame and clear of the QR code.
func TestPDFLongContent(t *testing.T) {
	d := sampleDocument()
	d.Holder = "Công Tôn Nữ Thị Hoàng Phương Thảo Nguyên Khánh Ngọc Bích Huyền Trang Nhung"
	d.Agency = "Trung tâm Công nghệ thông tin và Truyền thông, Sở Thông tin và Truyền thông tỉnh Hà Tĩnh, chi nhánh huyện Hương Khê"
	d.Name = "Giám đốc công nghệ thông tin (CIO) trong cơ quan nhà nước: chiến lược, đầu tư, an toàn thông tin và cải cách hành chính"
	d.Completed = nil
	for i := 1; i <= 10; i++ {
		d.Completed = append(d.Completed, fmt.Sprintf("Mô đun %02d – Quản lý dự án đầu tư ứng dụng công nghệ thông tin sử dụng nguồn vốn ngân sách nhà nước (hoàn thành %02d/%02d/2009)", i, i, i))
	}
	d.SignerTitle = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
	d.Authority = "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"
	d.Issuer = "TRUNG TÂM CÔNG NGHỆ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH HÀ TĨNH"
	d.Title = "GIẤY CHỨNG NHẬN HOÀN THÀNH CHƯƠNG TRÌNH BỒI DƯỠNG KIẾN THỨC, KỸ NĂNG CÔNG NGHỆ THÔNG TIN"
	pdf := renderPDF(t, d)

	text := pdfText(t, pdf)
	for _, w := range []string{d.Holder, d.Title, d.Issuer, d.Completed[0], d.Completed[9], "Kết quả: Đạt", "PHÓ GIÁM ĐỐC", "CB-CNTT/2009/000123"} {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext lacks %q; got:\n%s", w, text)
		}
	}

	// Every word's box in points, from pdftotext -bbox.
	const mm = 72 / 25.4
	inner := [4]float64{9.5 * mm, 9.5 * mm, (pageW - 9.5) * mm, (pageH - 9.5) * mm}
	qr := [4]float64{qrX * mm, qrY * mm, (qrX + qrSize) * mm, (qrY + qrSize) * mm}
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	html, _ := poppler(t, pdf, "pdftotext", "-bbox", "{in}", "-")
	words := word.FindAllStringSubmatch(string(html), -1)
	if len(words) < 100 {
		t.Fatalf("pdftotext -bbox found %d words, want over 100", len(words))
	}
	overlap := func(a, b [4]float64) bool {
		const tol = 0.5 // pt: boxes of neighbouring words may touch
		return a[0] < b[2]-tol && b[0] < a[2]-tol && a[1] < b[3]-tol && b[1] < a[3]-tol
	}
	boxes := make([][4]float64, len(words))
	for j, w := range words {
		box := &boxes[j]
		for i := range box {
			box[i], _ = strconv.ParseFloat(w[i+1], 64)
		}
		if box[0] < inner[0] || box[1] < inner[1] || box[2] > inner[2] || box[3] > inner[3] {
			t.Errorf("word %q at %v pt crosses the inner frame %v", w[5], *box, inner)
		}
		if overlap(*box, qr) {
			t.Errorf("word %q at %v pt overlaps the QR code %v", w[5], *box, qr)
		}
		for i := range j {
			if overlap(boxes[i], *box) {
				t.Errorf("word %q at %v pt overlaps word %q at %v pt", w[5], *box, words[i][5], boxes[i])
			}
		}
	}
}

// TestWriteSample writes the sample certificate to $CERT_PDF_OUT, to look at.
func TestWriteSample(t *testing.T) {
	out := os.Getenv("CERT_PDF_OUT")
	if out == "" {
		t.Skip("set CERT_PDF_OUT to a path to write a sample certificate there")
	}
	if err := os.WriteFile(out, renderPDF(t, sampleDocument()), 0o644); err != nil {
		t.Fatal(err)
	}
}
