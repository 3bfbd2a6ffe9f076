package qformat

import (
	"github.com/xuri/excelize/v2"
)

// guideColumns explains each column, in Vietnamese and English.
var guideColumns = [][3]string{
	{"loai", "Loại câu hỏi: mot_dap_an, nhieu_dap_an, dung_sai, tra_loi_ngan, so, ghep_doi, tu_luan, mo_ta (chọn trong danh sách).",
		"Question type: mot_dap_an (single choice), nhieu_dap_an (multiple choice), dung_sai (true/false), tra_loi_ngan (short answer), so (numerical), ghep_doi (matching), tu_luan (essay), mo_ta (description)."},
	{"danh_muc", "Danh mục, các cấp cách nhau bằng dấu /, ví dụ: IU01/Phần cứng.", "Category, levels separated by /, e.g. IU01/Phần cứng."},
	{"ten", "Tên (mã) câu hỏi, ví dụ IU01-001.", "Name (code) of the question, e.g. IU01-001."},
	{"cau_hoi", "Nội dung câu hỏi (văn bản thường; xuống dòng bằng Alt+Enter được giữ nguyên).", "Question text (plain text; line breaks made with Alt+Enter are kept)."},
	{"dap_an_1 … dap_an_8", "Các đáp án. mot_dap_an, nhieu_dap_an, tra_loi_ngan: phương án hoặc câu trả lời được chấp nhận. dung_sai: dap_an_1 ghi Đúng hoặc Sai. so: 3 hoặc 3:0,5 (giá trị:sai số) hoặc 1..5 (khoảng) hoặc * (mọi số khác). ghep_doi: trái -> phải; chỉ \"-> phải\" là phương án gây nhiễu. tu_luan: dap_an_1 (không bắt buộc) là hướng dẫn chấm.",
		"Answers. mot_dap_an, nhieu_dap_an, tra_loi_ngan: the option or accepted answer. dung_sai: dap_an_1 is Đúng (true) or Sai (false). so: 3 or 3:0.5 (value:tolerance) or 1..5 (range) or * (any other number). ghep_doi: left -> right; \"-> right\" alone is a distractor. tu_luan: dap_an_1 (optional) is guidance for the grader."},
	{"diem_1 … diem_8", "Phần trăm số điểm của đáp án đó, từ -100 đến 100; để trống là 0 (với tra_loi_ngan và so: để trống là 100). mot_dap_an cần đúng một đáp án 100; các điểm dương của nhieu_dap_an cộng lại bằng 100.",
		"Percent of the mark for that answer, -100 to 100; blank is 0 (100 for tra_loi_ngan and so). mot_dap_an needs exactly one answer at 100; the positive marks of nhieu_dap_an add up to 100."},
	{"phan_hoi_1 … phan_hoi_8", "Phản hồi hiện cho người chọn đáp án đó. dung_sai: phan_hoi_1 hiện khi trả lời đúng, phan_hoi_2 khi trả lời sai.",
		"Feedback shown to whoever picks that answer. dung_sai: phan_hoi_1 after a right response, phan_hoi_2 after a wrong one."},
	{"phan_hoi_chung", "Phản hồi chung, hiện sau khi làm bài.", "General feedback, shown after the attempt."},
}

// guideExamples are example rows: loai, danh_muc, ten, cau_hoi, then
// dap_an/diem/phan_hoi triples.
var guideExamples = [][]string{
	{"mot_dap_an", "IU01/Phần cứng", "IU01-001", "Thiết bị nào là thiết bị nhập?", "Bàn phím", "100", "Đúng: bàn phím đưa dữ liệu vào.", "Màn hình", "0", "Màn hình là thiết bị xuất.", "Máy in", "", ""},
	{"nhieu_dap_an", "IU01/Phần cứng", "IU01-002", "Những thiết bị nào lưu trữ dữ liệu?", "Ổ cứng", "50", "", "USB", "50", "", "Chuột", "-100", "Chuột là thiết bị nhập."},
	{"dung_sai", "IU01/Phần mềm", "IU01-003", "Phần mềm nguồn mở cho phép sửa mã nguồn.", "Đúng", "", "Chính xác.", "", "", "Giấy phép nguồn mở cho phép sửa đổi."},
	{"tra_loi_ngan", "IU01/Đơn vị", "IU01-004", "1024 byte là một …?", "KB", "100", "", "kilobyte", "100", "", "KiB", "50", ""},
	{"so", "IU01/Đơn vị", "IU01-005", "1 KB bằng bao nhiêu byte?", "1024", "100", "", "1000", "50", "Đó là 1 kB theo hệ SI."},
	{"ghep_doi", "IU01/Phần cứng", "IU01-006", "Ghép thiết bị với chức năng.", "Bàn phím -> nhập", "", "", "Màn hình -> xuất", "", "", "-> lưu trữ", "", ""},
	{"tu_luan", "IU01/Ứng dụng", "IU01-007", "Nêu ba lợi ích của văn bản điện tử.", "Mỗi lợi ích đúng: 1/3 số điểm."},
}

func writeGuideSheet(f *excelize.File) error {
	s := SheetGuide
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	row := 1
	put := func(style int, cells ...string) error {
		for i, c := range cells {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := f.SetCellStr(s, cell, safeCell(c)); err != nil {
				return err
			}
			if err := f.SetCellStyle(s, cell, cell, style); err != nil {
				return err
			}
		}
		row++
		return nil
	}
	lines := [][]string{
		{"Mẫu nhập câu hỏi", "Question import template"},
		{"Mỗi dòng của trang \"" + SheetQuestions + "\" là một câu hỏi. Giữ nguyên dòng tiêu đề (dòng 1). Lưu tệp dạng .xlsx, hoặc CSV UTF-8 (dấu phân cách , hoặc ;).",
			"Each row of the sheet \"" + SheetQuestions + "\" is one question. Keep the header row (row 1). Save as .xlsx, or as CSV UTF-8 (separated by , or ;)."},
		{"Khi nhập, mọi lỗi được báo kèm số dòng; không câu nào được lưu cho đến khi hết lỗi.", "On import every problem is reported with its row; nothing is saved until there are none."},
		{},
	}
	for _, l := range lines {
		if err := put(wrap, l...); err != nil {
			return err
		}
	}
	if err := put(bold, "Cột / Column", "Ý nghĩa", "Meaning"); err != nil {
		return err
	}
	for _, c := range guideColumns {
		if err := put(wrap, c[:]...); err != nil {
			return err
		}
	}
	row++
	if err := put(bold, "Ví dụ / Examples"); err != nil {
		return err
	}
	if err := put(bold, Columns[:13]...); err != nil {
		return err
	}
	for _, e := range guideExamples {
		if err := put(wrap, e...); err != nil {
			return err
		}
	}
	for col, width := range map[string]float64{"A": 22, "B": 60, "C": 60} {
		if err := f.SetColWidth(s, col, col, width); err != nil {
			return err
		}
	}
	return f.SetColWidth(s, "D", "M", 22)
}
