package qformat

import (
	"bytes"
	"strings"
	"testing"
)

// bigBank is n copies of the GIFT documentation's examples.
func bigBank(b *testing.B, n int) []Question {
	one := parseGIFTClean(b, string(mustRead(b, "moodle-doc.gift")))
	var qs []Question
	for len(qs) < n {
		qs = append(qs, one...)
	}
	return qs[:n]
}

func BenchmarkParseGIFT5000(b *testing.B) {
	src := writeGIFTString(b, bigBank(b, DefaultMaxQuestions))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if qs, _ := ParseGIFT(src); len(qs) != DefaultMaxQuestions {
			b.Fatal(len(qs))
		}
	}
}

func BenchmarkParseMoodleXML5000(b *testing.B) {
	src := xmlBytes(b, bigBank(b, DefaultMaxQuestions))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if qs, probs := ParseMoodleXML(bytes.NewReader(src), Limits{}); len(qs) != DefaultMaxQuestions {
			b.Fatal(len(qs), len(src), probs)
		}
	}
}

func BenchmarkParseCSV5000(b *testing.B) {
	var buf strings.Builder
	if err := WriteCSV(&buf, bigBank(b, DefaultMaxQuestions)); err != nil {
		b.Fatal(err)
	}
	src := buf.String()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if qs, _ := ParseCSV(strings.NewReader(src), Limits{}); len(qs) != DefaultMaxQuestions {
			b.Fatal(len(qs))
		}
	}
}
