package qformat

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// scanXML checks the whole document's shape before anything is decoded.
func scanXML(data []byte, lim Limits) (Problem, bool) {
	d := newXMLDecoder(data)
	depth, questions, elements, total := 0, 0, 0, 0
	root, inQuestion := false, false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if !root {
				return Problem{0, "the file has no <quiz> element; it is not Moodle XML"}, false
			}
			return Problem{}, true
		}
		if err != nil {
			return xmlProblem(err), false
		}
		line, _ := d.InputPos()
		switch t := tok.(type) {
		case xml.Directive:
			return Problem{line, "the file declares a DOCTYPE or an ENTITY, which Moodle XML never does; it is refused so that no entity can expand"}, false
		case xml.StartElement:
			depth++
			switch {
			case depth > maxXMLDepth:
				return Problem{line, fmt.Sprintf("the XML is nested more than %d elements deep", maxXMLDepth)}, false
			case depth == 1 && (t.Name.Local != "quiz" || root):
				return Problem{line, fmt.Sprintf("the root element is <%s>, not <quiz>; it is not Moodle XML", t.Name.Local)}, false
			case depth == 1:
				root = true
			case depth == 2:
				inQuestion = t.Name.Local == "question"
				if !inQuestion {
					break
				}
				elements = 0
				if !isCategory(t) {
					questions++
				}
				if questions > lim.MaxQuestions {
					return tooMany(line, lim.MaxQuestions), false
				}
			}
			if inQuestion {
				elements++
			}
			total++
			if total > maxXMLElements {
				return Problem{line, fmt.Sprintf("the file has more than %d XML elements", maxXMLElements)}, false
			}
			if elements > maxXMLQuestionElements {
				return Problem{line, fmt.Sprintf("a question has more than %d XML elements", maxXMLQuestionElements)}, false
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return Problem{line, "text outside the <quiz> element"}, false
			}
		}
	}
}

func isCategory(t xml.StartElement) bool {
	for _, a := range t.Attr {
		if a.Name.Local == "type" {
			return a.Value == "category"
		}
	}
	return false
}

// checkTags refuses an element with more than maxXMLAttrs attributes before
// encoding/xml, which would hold them all in memory at once, reads it. It
// skips CDATA sections, comments and processing instructions, and leaves
// every other mistake to the decoder.
func checkTags(data []byte) (Problem, bool) {
	line := 1
	skip := func(i int, end string) int {
		j := bytes.Index(data[i:], []byte(end))
		if j < 0 {
			return len(data)
		}
		line += bytes.Count(data[i:i+j], []byte("\n"))
		return i + j + len(end) - 1
	}
	for i := 0; i < len(data); i++ {
		rest := data[i:]
		switch {
		case rest[0] == '\n':
			line++
		case rest[0] != '<':
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i = skip(i, "]]>")
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skip(i, "-->")
		case bytes.HasPrefix(rest, []byte("<?")):
			i = skip(i, "?>")
		default:
			attrs, quote := 0, byte(0)
			start := line
		tag:
			for i++; i < len(data); i++ {
				switch c := data[i]; {
				case c == '\n':
					line++
				case quote != 0:
					if c == quote {
						quote = 0
					}
				case c == '"' || c == '\'':
					quote = c
				case c == '=':
					if attrs++; attrs > maxXMLAttrs {
						return Problem{start, fmt.Sprintf("an element has more than %d attributes", maxXMLAttrs)}, false
					}
				case c == '>':
					break tag
				}
			}
		}
	}
	return Problem{}, true
}
