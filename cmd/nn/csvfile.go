package main

// The separator of CSV files: the -sep flag, and guessing it from a file's
// first line.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"
)

// sepUsage is the help text of the -sep flag of nn train and nn predict.
const sepUsage = `CSV files: the field separator: ",", ";", "tab", "space" or "|" (default: guessed from the first line)`

// parseSep reads the -sep flag: "" (guess from the file), a name or the
// character itself.
func parseSep(s string) (rune, error) {
	switch s {
	case "":
		return 0, nil
	case ",", "comma":
		return ',', nil
	case ";", "semicolon":
		return ';', nil
	case "\t", `\t`, "tab":
		return '\t', nil
	case " ", "space":
		return ' ', nil
	case "|", "pipe":
		return '|', nil
	}
	return 0, usageError(`-sep %q: want ",", ";", "tab", "space" or "|"`, s)
}

// sepName names a separator for messages and the command line.
func sepName(r rune) string {
	switch r {
	case '\t':
		return "tab"
	case ' ':
		return "space"
	}
	return string(r)
}

// guessSep returns the separator of a CSV file from its first line that is
// not blank: the one of ',', ';', '\t' and '|' that occurs most often
// outside double quotes (',' on a tie), else ' ' if the line holds spaces
// between fields, else ','. r is read from its start; a byte order mark is
// skipped.
func guessSep(r io.Reader) rune {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		br.Discard(3)
	}
	for {
		line, err := br.ReadString('\n')
		if text := strings.TrimSpace(line); text != "" {
			return sepOf(text)
		}
		if err != nil {
			return ','
		}
	}
}

// sepOf is guessSep's choice for one line.
func sepOf(line string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted:
			counts[c]++
		}
	}
	best, n := ',', 0
	for _, c := range []rune{',', ';', '\t', '|'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	if n == 0 && counts[' '] > 0 {
		return ' '
	}
	return best
}

// resolveSep returns the separator of the CSV file at path: sep if not 0,
// else the one guessSep finds. A gzip file is decompressed, known by its
// magic number as nn.ReadCSV knows it, whatever its name.
func resolveSep(path string, sep rune) (rune, error) {
	if sep != 0 {
		return sep, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var r io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		z, err := gzip.NewReader(br)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
		defer z.Close()
		r = z
	}
	return guessSep(r), nil
}

// shellSep writes a separator as the -sep value a shell reads back.
func shellSep(r rune) string { return shellQuote(sepName(r)) }
