package course

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strings"
)

func loadImages(dir fs.FS, course string) ([]FileImage, []Problem) {
	entries, err := fs.ReadDir(dir, "images")
	if err != nil {
		return nil, nil
	}
	var images []FileImage
	var probs []Problem
	for _, e := range entries {
		fname := course + "/images/" + e.Name()
		if e.IsDir() || !imageRe.MatchString(e.Name()) {
			probs = append(probs, Problem{File: fname, Msg: "an image name is lower-case ASCII letters, digits, . _ -"})
			continue
		}
		data, _ := fs.ReadFile(dir, "images/"+e.Name())
		ct, err := ImageType(e.Name(), data, maxImageBytes, true)
		if err != nil {
			probs = append(probs, Problem{File: fname, Msg: err.Error()})
			continue
		}
		images = append(images, FileImage{Name: e.Name(), ContentType: ct, Data: data})
	}
	return images, probs
}

// ImageType checks an image by its content and returns its content type. SVG
// is accepted only when allowSVG (files reviewed like code), and only plain
// drawings: no scripts, event handlers, external references or entities.
func ImageType(name string, data []byte, max int, allowSVG bool) (string, error) {
	if len(data) == 0 {
		return "", fmt.Errorf("the image is empty")
	}
	if len(data) > max {
		return "", fmt.Errorf("the image is larger than %d KiB", max>>10)
	}
	ct := http.DetectContentType(data)
	switch ct {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
		return ct, nil
	}
	if allowSVG && strings.HasSuffix(name, ".svg") {
		if err := checkSVG(data); err != nil {
			return "", err
		}
		return "image/svg+xml", nil
	}
	return "", fmt.Errorf("not a PNG, JPEG, GIF or WebP image (found %s)", ct)
}

func checkSVG(data []byte) error {
	if bytes.Contains(data, []byte("<!ENTITY")) || bytes.Contains(data, []byte("<!DOCTYPE")) {
		return fmt.Errorf("an SVG may not declare a DOCTYPE or entities")
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("the SVG is not well-formed XML: %v", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root && el.Name.Local != "svg" {
			return fmt.Errorf("the root element of an SVG must be <svg>")
		}
		root = false
		switch strings.ToLower(el.Name.Local) {
		case "script", "foreignobject", "iframe", "embed", "object":
			return fmt.Errorf("an SVG may not contain <%s>", el.Name.Local)
		}
		for _, a := range el.Attr {
			n := strings.ToLower(a.Name.Local)
			v := strings.ToLower(strings.TrimSpace(a.Value))
			if strings.HasPrefix(n, "on") {
				return fmt.Errorf("an SVG may not have event handlers (%s)", a.Name.Local)
			}
			if (n == "href") && !strings.HasPrefix(v, "#") {
				return fmt.Errorf("an SVG may not refer to outside resources (%s=%q)", a.Name.Local, a.Value)
			}
			if strings.Contains(v, "url(") && !strings.Contains(v, "url(#") {
				return fmt.Errorf("an SVG may not load outside resources through url()")
			}
		}
	}
	if root {
		return fmt.Errorf("the SVG is empty")
	}
	return nil
}
