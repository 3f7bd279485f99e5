package nn

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The CSV reader: a file of samples, one a line, into a Dataset, with
// errors that give the place, the cause and the option that may fix it.

// CSVOptions says how to read a CSV data set. Its zero value reads a
// classification set without a header whose label is in column 0.
type CSVOptions struct {
	Header  bool  // the first line holds column names
	Label   int   // column of the class label (negative counts from the end; −1 = last)
	Targets []int // if non-empty: a regression set, these columns (negative from the end) are numeric targets; Label is ignored
	Comma   rune  // field separator; 0 means ','
	// NoLabel: every column is a feature (inputs to predict from); the data
	// set has X only, Labels and Y nil. Label is ignored; Targets must be empty.
	NoLabel bool
	// ForceClasses: the label column holds classes even if its values look
	// like numbers to predict (see ReadCSV), which is otherwise an error.
	ForceClasses bool

	// Skip is the number of lines to skip at the start of the file, before
	// the header: the first of two header lines, say (scikit-learn's
	// boston_house_prices.csv starts with a line of counts). Line numbers in
	// errors still count them.
	Skip int
	// LabelName and TargetNames give the label or the target columns by
	// their names in the header, instead of Label and Targets; they need
	// Header. TargetNames, like Targets, makes a regression set.
	LabelName   string
	TargetNames []string
	// Drop and DropNames give columns to ignore, by number (negative from
	// the end) or by name in the header: an index or identifier column, a
	// column of words. A dropped column may hold anything.
	Drop      []int
	DropNames []string
	// DecimalComma reads numbers written with a decimal comma, "3,5" for
	// 3.5, as in much of Europe; with Comma ',' such fields must be quoted.
	DecimalComma bool
}

// CSVColumns says where the columns that are not features were in the CSV
// file a data set was read from, counted from 0 as CSVOptions counts them,
// so that a file laid out as that one can be read without its header line:
// with these numbers in place of the names the options gave (LabelName,
// TargetNames, DropNames), which need a header.
type CSVColumns struct {
	Label   int   // a classification set's label column; −1 for a regression set or inputs only
	Targets []int // a regression set's target columns, in the order of Y's columns
	Dropped []int // the columns left out (CSVOptions.Drop and DropNames), in increasing order
}

// clone returns a copy of c that shares nothing with it; nil for nil.
func (c *CSVColumns) clone() *CSVColumns {
	if c == nil {
		return nil
	}
	return &CSVColumns{Label: c.Label, Targets: slices.Clone(c.Targets), Dropped: slices.Clone(c.Dropped)}
}

// manyClasses is the number of classes above which ReadCSV asks for at least
// two samples per class on average: more distinct labels than that are a
// column of numbers to predict (or names of samples), not classes.
const manyClasses = 1000

// manyValues is the number of distinct integer labels above which a class
// of a single sample marks the column as a measurement rather than classes.
const manyValues = 20

// CSVError is an error ReadCSV returns about the content of a file, in the
// manner of encoding/csv's ParseError: it gives the place (the line and
// column, where there is one) and the cause, which errors.Is and errors.As
// reach through Unwrap. Its message reads
//
//	iris.csv:7: column 3: "x" is not a number
//
// with the line or the column left out when the fault is not on one. Fix
// names the option that may be what the file needs; the message then ends
// with a hint naming it, and a program with flags of its own can set Fix to
// FixNone for the message without the hint and add one naming its flag.
type CSVError struct {
	File   string // the name given to ReadCSV
	Line   int    // the line of the fault, from 1; 0 if it concerns the file as a whole
	Column int    // the column (field) of the fault, from 1; 0 if it concerns the whole line
	Err    error  // what is wrong
	Fix    CSVFix // the option that may fix it, or FixNone
	Sep    rune   // with FixComma: the separator the line seems to use
}

// CSVFix names the CSVOptions setting that may fix a CSVError.
type CSVFix int

const (
	FixNone         CSVFix = iota // no hint
	FixHeader                     // a field of the first line is not a number: it may hold column names (Header)
	FixTargets                    // the label column looks like numbers to predict (Targets, or ForceClasses if it holds classes)
	FixComma                      // the first line has one field holding CSVError.Sep: it may be the separator (Comma)
	FixSkip                       // the line after the header holds names too: two header lines (Skip)
	FixLabel                      // a feature column holds words: it may be the label (Label, LabelName) or need dropping (Drop)
	FixMissing                    // a missing value: empty, "NA", "NaN", … (remove or fill in those samples)
	FixDecimalComma               // a number with a decimal comma, "3,5" (DecimalComma)
	FixDrop                       // the header's first column has no name: a pandas index of row numbers (Drop)
)

// Errors that CSVError.Err may be, or wrap, for errors.Is.
var (
	ErrMissing    = errors.New("a missing value")                // a field is empty, "NA", "NaN", "null", …
	ErrHeaderOnly = errors.New("only a header line, no samples") // the file has a header and no sample
	ErrNoSamples  = errors.New("no samples")                     // the file has no line but blank ones
)

// Error returns the place, the cause and, with Fix, a hint naming the option.
func (e *CSVError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Column > 0 {
		fmt.Fprintf(&b, "column %d: ", e.Column)
	}
	b.WriteString(e.Err.Error())
	switch e.Fix {
	case FixHeader:
		b.WriteString(" (if the first line holds column names, set Header)")
	case FixTargets:
		b.WriteString("; if it holds numbers to predict, set Targets for a regression set; if it holds classes, set ForceClasses")
	case FixComma:
		fmt.Fprintf(&b, " (the line holds %q: is it the separator? set Comma)", e.Sep)
	case FixSkip:
		b.WriteString(" (if this line holds the column names, the file has two header lines: set Skip to skip the lines above it)")
	case FixLabel:
		fmt.Fprintf(&b, " (if column %d holds the class labels, set Label to %d; if it is a feature written in words, drop it with Drop or write it as numbers)", e.Column, e.Column-1)
	case FixMissing:
		b.WriteString("; remove the samples with missing values, or fill them in, before reading the file")
	case FixDecimalComma:
		b.WriteString(" (a decimal comma? set DecimalComma)")
	case FixDrop:
		b.WriteString("; if it holds row numbers, drop it with Drop (column 0) or write the file without them")
	}
	return b.String()
}

// Unwrap returns the cause, e.Err.
func (e *CSVError) Unwrap() error { return e.Err }

// ReadCSV reads a CSV data set: one sample per line, every line with the same
// number of fields. It is encoding/csv's format (RFC 4180: fields may be
// quoted, a quoted field may hold the separator or a line break), with
// opt.Comma as separator; blank lines are skipped, a UTF-8 byte order mark at
// the start is skipped, and a gzip stream (a .gz file) is decompressed. Spaces
// around a field are ignored, so with Comma ' ' or '\t' a run of separators
// counts as one, and separators at the end of a line are ignored. The file
// must be UTF-8 text (ASCII is): a field that is not, from a Latin-1 file
// say, is an error wrapping ErrNotUTF8 that says how to convert the file.
// Every feature and target must be a finite number.
//
// The first opt.Skip lines are skipped. Columns in opt.Drop and opt.DropNames
// are ignored, whatever they hold. A column may be given by number (negative
// from the end) or, with a header, by name (LabelName, TargetNames, DropNames).
//
// Classification (no targets given): the field in column opt.Label (or
// opt.LabelName) is the class label, any string (trimmed of spaces), and the
// classes are encoded as scikit-learn's LabelEncoder does: class k is the
// k-th of the distinct labels in sorted order, and ClassNames lists them. The order is numeric when
// every label is an integer ("1", "2", "10" are classes 0, 1, 2, so labels
// numbered from 1 make no empty class; "7" and "07" are one class, named as
// first written), otherwise byte-wise string order ("setosa" < "versicolor").
// A label such as "1e2" is a string, not 100, so a typo makes one more class,
// never a million.
//
// The one exception is scikit-learn's own CSV header, as in testdata/iris.csv:
// with opt.Header, a first line "n_samples,n_features,name_0,name_1,…" whose
// two numbers match the file and whose K names are distinct and not empty,
// and labels 0 … K−1 (written "0", "1", …) in the last column, gives
// Classes = K, Labels[i] = the label's number, ClassNames name_0 … name_{K−1},
// and no Features (iris's classes are "setosa", "versicolor", "virginica").
//
// A label column that looks like numbers to predict rather than classes is
// an error wrapping ErrNotClasses (with CSVError.Fix = FixTargets), unless
// opt.ForceClasses says it holds classes: every label a number and one of
// them not an integer ("2.5"); every label a number, more than 20 distinct
// ones, and a class with a single sample (a measurement such as scikit-learn's
// diabetes_data_raw, whose last column has 56 values); or more than 1000
// classes with fewer than 2 samples per class on average.
//
// Regression (opt.Targets or opt.TargetNames not empty): those columns, in
// that order, are the columns of Y, and the others are the features.
//
// Every set read records in Columns where its label, targets and dropped
// columns were in the file.
//
// Inputs only (opt.NoLabel): every column is a feature, and Labels and Y are nil.
//
// name is used in error messages, which give the line and the column (field)
// of the first fault: "iris.csv:7: column 3: "x" is not a number". Every
// fault of the file's content (its CSV syntax included) is a *CSVError with
// the place and the cause (ErrNotNumber, ErrNotUTF8, ErrHeaderOnly, ErrNoSamples,
// encoding/csv's ErrQuote, …). Where a fault has a likely fix, its Fix names
// it: a first line of names
// without Header (FixHeader), a second header line (FixSkip), words in a
// feature column (FixLabel), a missing value, empty, "NA", "NaN", "?", …
// (FixMissing, wrapping ErrMissing), a decimal comma (FixDecimalComma), and a
// header whose first column has no name, the row numbers pandas writes
// (FixDrop; such a column is refused even if it holds numbers, since on
// sorted data it gives the class away). A file whose stream ends early (a truncated .gz) gives an error wrapping
// io.ErrUnexpectedEOF that says the file is truncated. Lines may be of any
// length.
func ReadCSV(r io.Reader, name string, opt CSVOptions) (*Dataset, error) {
	comma := opt.Comma
	if comma == 0 {
		comma = ','
	}
	if comma == '"' || comma == '\r' || comma == '\n' || comma == utf8.RuneError || !utf8.ValidRune(comma) {
		return nil, fmt.Errorf("%s: %q cannot separate fields", name, comma)
	}
	br := bufio.NewReader(r)
	var z *gzip.Reader
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		var err error
		z, err = gzip.NewReader(br)
		if err != nil {
			return nil, streamError(name, err, 0)
		}
		defer z.Close()
		br = bufio.NewReader(z)
	}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		br.Discard(3)
	}
	if opt.Skip < 0 {
		return nil, fmt.Errorf("%s: Skip %d must be ≥ 0", name, opt.Skip)
	}
	p := csvParser{name: name, opt: opt}
	for range opt.Skip {
		s, err := br.ReadString('\n')
		if s != "" {
			p.skipped++
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, streamError(name, err, p.skipped)
		}
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1 // ragged lines are reported below, with both counts
	cr.TrimLeadingSpace = true

	pos := func(c int) (line, col int) {
		line, col = cr.FieldPos(c)
		return line + p.skipped, col
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if zerr := corruption(z); zerr != nil && !errors.Is(err, zerr) {
				err = zerr
			}
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				pe.StartLine, pe.Line = pe.StartLine+p.skipped, pe.Line+p.skipped
			}
			return nil, streamError(name, err, max(p.lastLine, p.skipped))
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if (comma == ' ' || comma == '\t') && len(rec) > 1 && rec[len(rec)-1] == "" {
			rec = rec[:len(rec)-1] // white space at the end of the line ends it, as it does the fields
		}
		if err := p.record(rec, pos); err != nil {
			if zerr := corruption(z); zerr != nil {
				return nil, streamError(name, zerr, p.lastLine)
			}
			return nil, err
		}
	}
	return p.dataset()
}

// corruption reads the rest of the gzip stream z, if there is one, and
// returns its error: a CSV fault in decompressed garbage is reported as the
// corrupt or truncated file it comes from.
func corruption(z *gzip.Reader) error {
	if z == nil {
		return nil
	}
	_, err := io.Copy(io.Discard, z)
	return err
}

// csvParser is ReadCSV's state between records.
type csvParser struct {
	name       string
	opt        CSVOptions
	lastLine   int      // the line of the last record read
	cols       int      // fields per line, set by the first line
	firstAt    int      // the line of the first record
	header     []string // the header's fields, trimmed
	headerAt   int      // the header's line
	commaGuess rune     // a guess at the separator when the first line has one column, or 0
	isTarget   []bool   // per column: the label or a regression target
	dropped    []bool   // per column: dropped (CSVOptions.Drop, DropNames)
	skipped    int      // lines skipped before the first record (CSVOptions.Skip)
	targets    []int    // the target columns, resolved, in opt.Targets' order
	label      int      // the label column, resolved
	data       []float64
	y          []float64
	labels     []string
	rows       int
}

// record takes one non-blank line.
func (p *csvParser) record(rec []string, pos func(int) (int, int)) error {
	line, _ := pos(0)
	p.lastLine = line
	for c, f := range rec {
		if !utf8.ValidString(f) {
			l, _ := pos(c)
			return &CSVError{File: p.name, Line: l, Column: c + 1, Err: notUTF8(f, p.name)}
		}
	}
	if p.opt.Header && p.header == nil {
		for _, f := range rec {
			p.header = append(p.header, strings.TrimSpace(f))
		}
		p.headerAt = line
		return nil
	}
	if p.cols == 0 {
		p.cols, p.firstAt = len(rec), line
		if len(rec) == 1 {
			for _, sep := range ";\t|, " {
				if strings.ContainsRune(strings.TrimSpace(rec[0]), sep) && sep != p.opt.Comma {
					p.commaGuess = sep
					break
				}
			}
		}
		if err := p.resolve(); err != nil {
			return err
		}
	}
	if len(rec) != p.cols {
		return p.errorf(line, 0, "%d columns, want %d as on line %d", len(rec), p.cols, p.firstAt)
	}
	for c, f := range rec {
		f = strings.TrimSpace(f)
		switch {
		case p.dropped[c]:
			continue
		case c == p.label:
			if f == "" {
				l, _ := pos(c)
				return &CSVError{File: p.name, Line: l, Column: c + 1, Err: &fieldError{"the label is empty", ErrMissing}, Fix: FixMissing}
			}
			p.labels = append(p.labels, f)
			continue
		}
		v, err := parseValue(f, p.opt.DecimalComma)
		if err != nil {
			l, _ := pos(c)
			return p.fieldError(rec, l, c, err)
		}
		if !p.isTarget[c] {
			p.data = append(p.data, v)
		}
	}
	for _, c := range p.targets {
		v, _ := parseValue(strings.TrimSpace(rec[c]), p.opt.DecimalComma) // checked above
		p.y = append(p.y, v)
	}
	p.rows++
	return nil
}

// fieldError returns the CSVError of field c of rec, on line l, that
// parseValue refused with err, and the fix it may need.
func (p *csvParser) fieldError(rec []string, l, c int, err error) *CSVError {
	e := &CSVError{File: p.name, Line: l, Column: c + 1, Err: err}
	f := strings.TrimSpace(rec[c])
	_, decimalErr := parseValue(f, true)
	switch {
	case errors.Is(err, ErrMissing):
		e.Fix = FixMissing
	case !errors.Is(err, ErrNotNumber):
	case !p.opt.DecimalComma && strings.Contains(f, ",") && decimalErr == nil:
		e.Fix = FixDecimalComma
	case l == p.firstAt && !p.opt.Header:
		e.Fix = FixHeader
	case l == p.firstAt && p.names(rec):
		e.Fix = FixSkip
	case p.label >= 0:
		e.Fix = FixLabel
	}
	return e
}

// names reports whether every field of rec that is read as a number
// (neither the label, nor dropped) is not one: a line of column names.
func (p *csvParser) names(rec []string) bool {
	for c, f := range rec {
		if _, err := parseValue(strings.TrimSpace(f), p.opt.DecimalComma); err == nil && c != p.label && !p.dropped[c] {
			return false
		}
	}
	return true
}

// errorf returns a CSVError at line and column (0 for none) of the file.
func (p *csvParser) errorf(line, column int, format string, args ...any) *CSVError {
	return &CSVError{File: p.name, Line: line, Column: column, Err: fmt.Errorf(format, args...)}
}

// resolve finds the label or target columns once the number of columns is known.
func (p *csvParser) resolve() error {
	opt := p.opt
	p.isTarget, p.dropped = make([]bool, p.cols), make([]bool, p.cols)
	p.label = -1
	if err := p.drop(); err != nil {
		return err
	}
	regression := len(opt.Targets) > 0 || len(opt.TargetNames) > 0
	switch {
	case opt.NoLabel && regression:
		return fmt.Errorf("%s: NoLabel and Targets are both set; a file of inputs only has no targets", p.name)
	case len(opt.Targets) > 0 && len(opt.TargetNames) > 0:
		return fmt.Errorf("%s: Targets and TargetNames are both set; give the targets one way", p.name)
	case opt.NoLabel:
		return p.unnamedFirst()
	case !regression:
		return p.resolveLabel()
	}
	targets := opt.Targets
	for _, name := range opt.TargetNames {
		c, err := p.named("target", name)
		if err != nil {
			return err
		}
		targets = append(targets, c)
	}
	for _, t := range targets {
		c, ok := p.col(t)
		switch {
		case !ok:
			return p.errorf(p.firstAt, 0, "target column %d is out of range for %d columns", t, p.cols)
		case p.isTarget[c]:
			return p.errorf(p.firstAt, 0, "target column %d (%d) is given twice", c+1, t)
		case p.dropped[c]:
			return p.errorf(p.firstAt, c+1, "a target column is dropped")
		}
		p.isTarget[c] = true
		p.targets = append(p.targets, c)
	}
	if n := p.cols - p.ndropped(); len(p.targets) >= n {
		return p.errorf(p.firstAt, 0, "all %d columns are targets; need at least one feature", n)
	}
	return p.unnamedFirst()
}

// resolveLabel finds the label column of a classification set.
func (p *csvParser) resolveLabel() error {
	c, ok := p.col(p.opt.Label)
	if p.opt.LabelName != "" {
		var err error
		if c, err = p.named("label", p.opt.LabelName); err != nil {
			return err
		}
	} else if !ok {
		return p.errorf(p.firstAt, 0, "label column %d is out of range for %d columns", p.opt.Label, p.cols)
	}
	if p.cols < 2 {
		e := p.errorf(p.firstAt, 0, "1 column; need features and a label")
		if p.commaGuess != 0 {
			e.Fix, e.Sep = FixComma, p.commaGuess
		}
		return e
	}
	if p.dropped[c] {
		return p.errorf(p.firstAt, c+1, "the label column is dropped")
	}
	p.label, p.isTarget[c] = c, true
	return p.unnamedFirst()
}

// col resolves a column number, negative from the end, and reports whether
// it is one of the file's.
func (p *csvParser) col(c int) (int, bool) {
	if c < 0 {
		c += p.cols
	}
	return c, c >= 0 && c < p.cols
}

// named returns the column the header names name; what says what it is for
// ("label", "target", "dropped").
func (p *csvParser) named(what, name string) (int, error) {
	if p.header == nil {
		e := p.errorf(p.firstAt, 0, "the %s column is given by its name %q, but no header is read", what, name)
		e.Fix = FixHeader
		return 0, e
	}
	if c := slices.Index(p.header, name); c >= 0 {
		return c, nil
	}
	return 0, p.errorf(p.headerAt, 0, "no column is named %q (the %s column); the header names %s", name, what, quoteList(p.header, 12))
}

// quoteList writes the first n names quoted, separated by commas, and how
// many more there are.
func quoteList(names []string, n int) string {
	var b strings.Builder
	for i, s := range names[:min(n, len(names))] {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", s)
	}
	if len(names) > n {
		fmt.Fprintf(&b, " and %d more", len(names)-n)
	}
	return b.String()
}

// drop marks the columns CSVOptions.Drop and DropNames give.
func (p *csvParser) drop() error {
	for _, d := range p.opt.Drop {
		c, ok := p.col(d)
		if !ok {
			return p.errorf(p.firstAt, 0, "dropped column %d is out of range for %d columns", d, p.cols)
		}
		p.dropped[c] = true
	}
	for _, name := range p.opt.DropNames {
		c, err := p.named("dropped", name)
		if err != nil {
			return err
		}
		p.dropped[c] = true
	}
	return nil
}

// ndropped returns the number of dropped columns.
func (p *csvParser) ndropped() int {
	n := 0
	for _, d := range p.dropped {
		if d {
			n++
		}
	}
	return n
}

// unnamedFirst refuses a feature column whose header has no name in the
// first place: the row numbers pandas writes unless index=False (and R's
// write.csv its row names), which on sorted data give the class away.
func (p *csvParser) unnamedFirst() error {
	if p.header == nil || len(p.header) != p.cols || p.dropped[0] || p.isTarget[0] {
		return nil
	}
	if h := p.header[0]; h != "" && h != "Unnamed: 0" {
		return nil
	}
	e := p.errorf(p.headerAt, 1, "the first column has no name, as the row numbers pandas writes unless index=False")
	e.Fix = FixDrop
	return e
}

// dataset builds the data set from the records read.
func (p *csvParser) dataset() (*Dataset, error) {
	if p.rows == 0 {
		if p.header != nil {
			return nil, &CSVError{File: p.name, Err: ErrHeaderOnly}
		}
		return nil, &CSVError{File: p.name, Err: ErrNoSamples}
	}
	nf := p.cols - p.ndropped() - len(p.targets)
	if p.label >= 0 {
		nf = p.cols - p.ndropped() - 1
	}
	d := &Dataset{X: &Matrix{Rows: p.rows, Cols: nf, Data: p.data}, Columns: p.columns()}
	names, sklearn := p.sklearnNames()
	if p.header != nil && len(p.header) != p.cols && !sklearn {
		return nil, p.errorf(p.headerAt, 0, "the header has %d names but line %d has %d columns", len(p.header), p.firstAt, p.cols)
	}
	if p.header != nil && !sklearn {
		for c, h := range p.header {
			if !p.isTarget[c] && !p.dropped[c] {
				d.Features = append(d.Features, h)
			}
		}
	}
	if p.opt.NoLabel {
		return d, nil
	}
	if p.label < 0 {
		d.Y = &Matrix{Rows: p.rows, Cols: len(p.targets), Data: p.y}
		for _, c := range p.targets {
			if p.header != nil {
				d.TargetNames = append(d.TargetNames, p.header[c])
			}
		}
		return d, nil
	}
	if sklearn {
		d.Classes, d.ClassNames = len(names), names
		d.Labels = make([]int, p.rows)
		for i, s := range p.labels {
			d.Labels[i], _ = strconv.Atoi(s)
		}
		return d, nil
	}
	d.Labels, d.ClassNames = encodeLabels(p.labels)
	d.Classes = len(d.ClassNames)
	if why := notClasses(p.labels, d); why != "" && !p.opt.ForceClasses {
		e := p.errorf(0, p.label+1, "%w: %s", ErrNotClasses, why)
		e.Fix = FixTargets
		return nil, e
	}
	return d, nil
}

// columns returns where the label, targets and dropped columns are.
func (p *csvParser) columns() *CSVColumns {
	c := &CSVColumns{Label: p.label, Targets: slices.Clone(p.targets)}
	for k, dropped := range p.dropped {
		if dropped {
			c.Dropped = append(c.Dropped, k)
		}
	}
	return c
}

// ErrNotClasses is wrapped by the CSVError of a label column whose values
// look like numbers to predict, or names of samples, rather than classes
// (see ReadCSV).
var ErrNotClasses = errors.New("the labels do not look like classes")

// notClasses says why the labels strs, encoded in d, look like a
// measurement rather than classes, or returns "" if they look like classes.
func notClasses(strs []string, d *Dataset) string {
	K, m := d.Classes, len(strs)
	numeric := true
	for _, s := range strs {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			numeric = false
			break
		}
		if v != math.Trunc(v) {
			return fmt.Sprintf("they are numbers, and %q is not an integer", s)
		}
	}
	if numeric && K > manyValues {
		count := make([]int, K)
		for _, c := range d.Labels {
			count[c]++
		}
		if single := slices.Index(count, 1); single >= 0 {
			return fmt.Sprintf("%d distinct numbers, and label %s has a single sample", K, d.ClassName(single))
		}
	}
	if K > manyClasses && 2*K > m {
		return fmt.Sprintf("%d distinct labels among %d samples, fewer than 2 samples per class", K, m)
	}
	return ""
}

// sklearnNames recognizes scikit-learn's header "n_samples,n_features,name_0,…"
// (see ReadCSV) and returns the class names it gives.
func (p *csvParser) sklearnNames() ([]string, bool) {
	h := p.header
	if len(h) < 3 || p.label < 0 || p.label != p.cols-1 {
		return nil, false
	}
	m, err1 := strconv.Atoi(h[0])
	n, err2 := strconv.Atoi(h[1])
	if err1 != nil || err2 != nil || m != p.rows || n != p.cols-1 {
		return nil, false
	}
	K := len(h) - 2
	seen := map[string]bool{}
	for _, name := range h[2:] {
		if name == "" || seen[name] {
			return nil, false
		}
		seen[name] = true
	}
	for _, s := range p.labels {
		if k, err := strconv.Atoi(s); err != nil || k < 0 || k >= K || s != strconv.Itoa(k) {
			return nil, false
		}
	}
	return slices.Clone(h[2:]), true
}

// encodeLabels maps label strings to classes 0 … K−1 in sorted order, numeric
// if every label is an integer, byte-wise otherwise (see ReadCSV), and
// returns the classes and their names.
func encodeLabels(strs []string) (labels []int, names []string) {
	labels = make([]int, len(strs))
	ints := make([]int64, len(strs))
	for i, s := range strs {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			ints = nil
			break
		}
		ints[i] = v
	}
	if ints != nil {
		first := map[int64]string{} // each value's first spelling
		for i, v := range ints {
			if _, ok := first[v]; !ok {
				first[v] = strs[i]
			}
		}
		values := slices.Sorted(maps.Keys(first))
		class := make(map[int64]int, len(values))
		for k, v := range values {
			class[v] = k
			names = append(names, first[v])
		}
		for i, v := range ints {
			labels[i] = class[v]
		}
		return labels, names
	}
	class := map[string]int{}
	for _, s := range strs {
		class[s] = 0
	}
	names = slices.Sorted(maps.Keys(class))
	for k, s := range names {
		class[s] = k
	}
	for i, s := range strs {
		labels[i] = class[s]
	}
	return labels, names
}

// ErrNotUTF8 is wrapped by the CSVError of a field that is not UTF-8 text
// (a file written in Latin-1 or Windows-1252, say).
var ErrNotUTF8 = errors.New("is not UTF-8 text")

// notUTF8 says that field f of the file name is not UTF-8, and how to
// convert the file.
func notUTF8(f, name string) error {
	i := 0
	for i < len(f) {
		r, n := utf8.DecodeRuneInString(f[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	conv := fmt.Sprintf("iconv -f latin1 -t utf-8 %s > utf8-%s", name, filepath.Base(name))
	if base, ok := strings.CutSuffix(filepath.Base(name), ".gz"); ok {
		conv = fmt.Sprintf("gunzip -c %s | iconv -f latin1 -t utf-8 > utf8-%s", name, base)
	}
	return fmt.Errorf("%q %w (byte %#x); convert the file to UTF-8, from Latin-1 for instance with: %s", f, ErrNotUTF8, f[i], conv)
}

// ErrNotNumber is wrapped by the CSVError of a feature or target field that
// is not a number ("x").
var ErrNotNumber = errors.New("is not a number")

// parseValue parses a feature or target: a finite number, with a decimal
// comma ("3,5") if decimalComma.
func parseValue(f string, decimalComma bool) (float64, error) {
	if f == "" {
		return 0, &fieldError{"the field is empty", ErrMissing}
	}
	g := f
	if decimalComma && strings.Count(f, ",") == 1 && !strings.Contains(f, ".") {
		g = strings.Replace(f, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(g, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("%q is out of the range of float64 (±1.8e308)", f)
	case err != nil && slices.Contains(missingMarks, f):
		return 0, &fieldError{fmt.Sprintf("%q marks a missing value", f), ErrMissing}
	case err != nil:
		return 0, fmt.Errorf("%q %w", f, ErrNotNumber)
	case math.IsNaN(v):
		return 0, &fieldError{fmt.Sprintf("%q is not a finite number", f), ErrMissing}
	case notFinite(v):
		return 0, fmt.Errorf("%q is not a finite number", f)
	}
	return v, nil
}

// missingMarks are the fields that mark a missing value besides an empty
// one and NaN: those of R, pandas, SQL and the UCI repository.
var missingMarks = []string{"NA", "N/A", "n/a", "na", "null", "NULL", "None", "?", "-"}

// fieldError is a field's error whose message is msg and which wraps kind.
type fieldError struct {
	msg  string
	kind error
}

// Error returns the message; Unwrap the kind, for errors.Is.
func (e *fieldError) Error() string { return e.msg }
func (e *fieldError) Unwrap() error { return e.kind }

// streamError describes an error of the underlying stream or of the CSV syntax.
func streamError(name string, err error, line int) error {
	var pe *csv.ParseError
	var corrupt flate.CorruptInputError
	where := fmt.Sprintf("after line %d", line)
	if line == 0 {
		where = "before its first line"
	}
	switch {
	case errors.As(err, &pe):
		return &CSVError{File: name, Line: pe.Line, Err: fmt.Errorf("byte %d of the line: %w", pe.Column, pe.Err)}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s: the file is truncated: its compressed data end early, %s: %w", name, where, err)
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.As(err, &corrupt):
		return fmt.Errorf("%s: corrupt gzip data, %s: %w", name, where, err)
	}
	return fmt.Errorf("%s: reading %s: %w", name, where, err)
}

// LoadCSV reads a data set from the file at path with ReadCSV (which
// decompresses a gzip file, such as a .gz).
func LoadCSV(path string, opt CSVOptions) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCSV(f, path, opt)
}
