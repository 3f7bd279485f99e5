package main

// A test that the command decides nothing by the words of an error.

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNoErrorTextMatching: no source of the command decides anything by
// the words of an error: err.Error() is never searched, replaced or matched
// (strings.Contains, strings.Replace, a regexp …), on its line or through a
// variable that holds it. The library gives sentinels and typed errors for
// errors.Is and errors.As instead (issue 15).
func TestNoErrorTextMatching(t *testing.T) {
	matcher := regexp.MustCompile(`\bstrings\.\w+\(|\bbytes\.\w+\(|\bregexp\.|\.(Replace|ReplaceAll|ReplaceAllString|MatchString|FindString\w*)\(`)
	holds := regexp.MustCompile(`(\w+)\s*:?=\s*[\w.]+\.Error\(\)`)
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		lines := strings.Split(string(b), "\n")
		var vars []string // variables that hold an error's text
		for _, l := range lines {
			// err := w.Error() (csv.Writer's) holds an error, not its text.
			if m := holds.FindStringSubmatch(l); m != nil && m[1] != "err" {
				vars = append(vars, m[1])
			}
		}
		for i, l := range lines {
			if !matcher.MatchString(l) {
				continue
			}
			uses := strings.Contains(l, ".Error()")
			for _, v := range vars {
				uses = uses || regexp.MustCompile(`\b`+v+`\b`).MatchString(l)
			}
			if uses {
				t.Errorf("%s:%d matches the text of an error: %s", path, i+1, strings.TrimSpace(l))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("checked %d files; the walk missed the sources", checked)
	}
}
