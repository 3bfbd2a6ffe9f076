package cert

import (
	"fmt"

	"github.com/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"
)

// qrModules encodes content at medium error correction. The matrix includes
// the four-module quiet zone, so a scanner finds the code even on a busy page.
func qrModules(content string) ([][]bool, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("cert: encode QR code: %w", err)
	}
	return q.Bitmap(), nil
}

// drawQR draws the modules as vector squares in a size×size mm square at
// (x, y). Each run of dark modules in a row is one rectangle and all of them
// are one filled path, so viewers show no hairlines between modules.
func drawQR(f *fpdf.Fpdf, modules [][]bool, x, y, size float64) {
	m := size / float64(len(modules))
	f.SetFillColor(0, 0, 0)
	for r, row := range modules {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			x0, x1 := x+float64(start)*m, x+float64(c)*m
			y0, y1 := y+float64(r)*m, y+float64(r+1)*m
			f.MoveTo(x0, y0)
			f.LineTo(x1, y0)
			f.LineTo(x1, y1)
			f.LineTo(x0, y1)
			f.ClosePath()
		}
	}
	f.DrawPath("F")
}
