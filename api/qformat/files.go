package qformat

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode"
)

// PluginFile is how Moodle texts reference an embedded file.
const PluginFile = "@@PLUGINFILE@@/"

// pictureTypes are the content types a question may embed, by extension.
// SVG is not among them: it can carry scripts.
var pictureTypes = map[string]string{
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".gif":  "image/gif",
	".webp": "image/webp",
}

// ContentType is the type of a file's bytes, as sniffed (never as named).
func (f File) ContentType() string { return http.DetectContentType(f.Data) }

// decodeFile reads a <file> element and checks it is a picture of an
// allowed type and size, with a name that is safe to store.
func decodeFile(x xmlFile, maxBytes int) (File, error) {
	name := strings.TrimSpace(x.Name)
	if err := checkFileName(name); err != nil {
		return File{}, err
	}
	if p := strings.Trim(x.Path, "/ "); p != "" {
		return File{}, fmt.Errorf("file %q is in a folder (%s); only files at / are supported", name, x.Path)
	}
	if !strings.EqualFold(strings.TrimSpace(x.Encoding), "base64") {
		return File{}, fmt.Errorf("file %q is not base64-encoded", name)
	}
	data := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, x.Data)
	if base64.StdEncoding.DecodedLen(len(data)) > maxBytes+2 {
		return File{}, fmt.Errorf("file %q is larger than %s", name, sizeText(int64(maxBytes)))
	}
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return File{}, fmt.Errorf("file %q is not valid base64", name)
	}
	if len(raw) > maxBytes {
		return File{}, fmt.Errorf("file %q is larger than %s", name, sizeText(int64(maxBytes)))
	}
	f := File{Name: name, Data: raw}
	return f, checkPicture(f)
}

func checkFileName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return fmt.Errorf("a file has no name")
	case len(name) > 255:
		return fmt.Errorf("a file name is longer than 255 bytes")
	case strings.ContainsAny(name, `/\`) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("file name %q has a slash or a control character", name)
	}
	return nil
}

// checkPicture checks that f is a picture whose content agrees with its name.
func checkPicture(f File) error {
	want, ok := pictureTypes[strings.ToLower(path.Ext(f.Name))]
	if !ok {
		return fmt.Errorf("file %q: only PNG, JPEG, GIF and WebP pictures may be embedded", f.Name)
	}
	if got := f.ContentType(); got != want {
		return fmt.Errorf("file %q is named as %s but its content is %s", f.Name, want, got)
	}
	return nil
}

// addFiles decodes xs into q.Files (one copy of each name).
func addFiles(q *Question, xs []xmlFile, maxBytes int) []string {
	var msgs []string
	for _, x := range xs {
		f, err := decodeFile(x, maxBytes)
		if err != nil {
			msgs = append(msgs, err.Error())
			continue
		}
		i := slices.IndexFunc(q.Files, func(g File) bool { return g.Name == f.Name })
		switch {
		case i < 0:
			q.Files = append(q.Files, f)
		case !bytes.Equal(q.Files[i].Data, f.Data):
			msgs = append(msgs, fmt.Sprintf("two different files are named %q", f.Name))
		}
	}
	return msgs
}

// fileRefs returns the names of the files s references, URL-unescaped.
func fileRefs(s string) []string {
	var names []string
	for {
		i := strings.Index(s, PluginFile)
		if i < 0 {
			return names
		}
		s = s[i+len(PluginFile):]
		end := strings.IndexAny(s, "\"'<> \t\n)?#")
		if end < 0 {
			end = len(s)
		}
		ref := s[:end]
		if name, err := url.PathUnescape(ref); err == nil {
			ref = name
		}
		names = append(names, ref)
	}
}

// references reports whether s references the file named name.
func references(s, name string) bool {
	return slices.Contains(fileRefs(s), name)
}

// texts lists every text of q that may reference a file.
func (q *Question) texts() []string {
	out := []string{q.Text, q.GeneralFeedback, q.GraderInfo}
	for _, a := range q.Answers {
		out = append(out, a.Text, a.Feedback)
	}
	return out
}

// missingFiles names the files q's texts reference but q does not hold.
func missingFiles(q *Question) []string {
	var msgs []string
	seen := map[string]bool{}
	for _, t := range q.texts() {
		for _, name := range fileRefs(t) {
			if seen[name] {
				continue
			}
			seen[name] = true
			if !slices.ContainsFunc(q.Files, func(f File) bool { return f.Name == name }) {
				msgs = append(msgs, fmt.Sprintf("the text shows %q, which the file does not contain", name))
			}
		}
	}
	return msgs
}
