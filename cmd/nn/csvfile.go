package main

// How a CSV file is laid out: the flags that say it (-header, -skip,
// -label, -targets, -drop, -sep, -decimal-comma) for nn train and nn
// predict, and guessing the separator from a file's first line.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"example.com/nn"
)

// csvFlags are the values of the flags that say how a CSV file is laid
// out, as typed: nn train records them, and nn predict reads a file as the
// record says where its own flags are not given.
type csvFlags struct {
	header, decimalComma      bool
	skip                      int
	label, targets, drop, sep string
}

// declare declares the CSV flags on fs; for nn predict (fromModel) their
// help says that they default to the model's record.
func (c *csvFlags) declare(fs *flag.FlagSet, fromModel bool) {
	def, label, labelDef := "", "-1", ""
	if fromModel {
		// The label's default is "", which reads as -1: with "-1" the
		// flag package would print a second default.
		def, label, labelDef = " (default: as the model was trained)", "", " (default: as the model was trained, else -1)"
	}
	fs.BoolVar(&c.header, "header", false, "CSV files: the first line holds column names"+def)
	fs.IntVar(&c.skip, "skip", 0, "CSV files: lines to skip before the header, as the first of two header lines"+def)
	fs.StringVar(&c.label, "label", label, "CSV files: the column of the class label, from 0 (negative: from the end), or its name in the header"+labelDef)
	fs.StringVar(&c.targets, "targets", "", "CSV files: regression on these columns, comma-separated, from 0 (negative: from the end) or names in the header, instead of -label"+def)
	fs.StringVar(&c.drop, "drop", "", "CSV files: columns to leave out, comma-separated numbers from 0 or names in the header, as an index or an identifier"+def)
	fs.BoolVar(&c.decimalComma, "decimal-comma", false, "CSV files: numbers are written with a decimal comma, 3,5 for 3.5"+def)
	if fromModel {
		fs.StringVar(&c.sep, "sep", "", `CSV files: the field separator: ",", ";", "tab", "space" or "|" (default: the model's -sep, else guessed from the first line)`)
	} else {
		fs.StringVar(&c.sep, "sep", "", sepUsage)
	}
}

// options reads the flags into the options of nn.LoadCSV; Comma 0 is a
// separator to guess. Its errors are usage errors.
func (c *csvFlags) options() (nn.CSVOptions, error) {
	opt := nn.CSVOptions{Header: c.header, Skip: c.skip, DecimalComma: c.decimalComma, Label: -1}
	if c.skip < 0 {
		return opt, usageError("-skip %d must be ≥ 0", c.skip)
	}
	var err error
	if opt.Comma, err = parseSep(c.sep); err != nil {
		return opt, err
	}
	label := strings.TrimSpace(c.label)
	if n, err := strconv.Atoi(label); err == nil {
		opt.Label = n
	} else {
		opt.LabelName = label
	}
	if c.targets != "" {
		if opt.Targets, opt.TargetNames, err = splitColumns(c.targets); err != nil {
			return opt, usageError("-targets %s: %v", c.targets, err)
		}
		if opt.Targets != nil && opt.TargetNames != nil {
			return opt, usageError("-targets %s: give the columns by number or by name, not both", c.targets)
		}
	}
	if c.drop != "" {
		if opt.Drop, opt.DropNames, err = splitColumns(c.drop); err != nil {
			return opt, usageError("-drop %s: %v", c.drop, err)
		}
	}
	return opt, nil
}

// splitColumns reads a comma-separated list of columns, each a number
// (from 0, negative from the end) or a name in the header.
func splitColumns(s string) (nums []int, names []string, err error) {
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if n, err := strconv.Atoi(f); err == nil {
			nums = append(nums, n)
			continue
		}
		if f == "" {
			return nil, nil, errors.New("an empty column")
		}
		names = append(names, f)
	}
	return nums, names, nil
}

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
