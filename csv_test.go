package nn

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name, in string
		opt      CSVOptions
		want     *Dataset
	}{
		{"header and integer labels", "a,b,label\n1,2,0\n\n3.5,-4,2\n", CSVOptions{Header: true, Label: -1},
			&Dataset{X: FromRows([][]float64{{1, 2}, {3.5, -4}}), Labels: []int{0, 1}, Classes: 2, ClassNames: []string{"0", "2"}, Features: []string{"a", "b"}, Columns: &CSVColumns{Label: 2}}},
		{"label in column 0", "1,5,6\n0,7,8\n", CSVOptions{Label: 0},
			&Dataset{X: FromRows([][]float64{{5, 6}, {7, 8}}), Labels: []int{1, 0}, Classes: 2, ClassNames: []string{"0", "1"}, Columns: &CSVColumns{Label: 0}}},
		// Labels numbered from 1 make no empty class 0; integers sort as numbers.
		{"numeric order", "1,10\n2,2\n3,1\n4,2\n", CSVOptions{Label: -1},
			&Dataset{X: FromRows([][]float64{{1}, {2}, {3}, {4}}), Labels: []int{2, 1, 0, 1}, Classes: 3, ClassNames: []string{"1", "2", "10"}, Columns: &CSVColumns{Label: 1}}},
		{"one integer, two spellings", "1,07\n2,7\n3,-1\n", CSVOptions{Label: -1},
			&Dataset{X: FromRows([][]float64{{1}, {2}, {3}}), Labels: []int{1, 1, 0}, Classes: 2, ClassNames: []string{"-1", "07"}, Columns: &CSVColumns{Label: 1}}},
		// "1e2" is not an integer, so every label is a string, in byte order.
		{"1e2 is a string", "1,1\n2,1e2\n3,10\n", CSVOptions{Label: -1},
			&Dataset{X: FromRows([][]float64{{1}, {2}, {3}}), Labels: []int{0, 2, 1}, Classes: 3, ClassNames: []string{"1", "10", "1e2"}, Columns: &CSVColumns{Label: 1}}},
		{"string labels, quoted, spaces", "5.1, setosa\n7.0, \"versicolor\"\n6.3 ,virginica \n4.9,setosa\n", CSVOptions{Label: -1},
			&Dataset{X: FromRows([][]float64{{5.1}, {7.0}, {6.3}, {4.9}}), Labels: []int{0, 1, 2, 0}, Classes: 3, ClassNames: []string{"setosa", "versicolor", "virginica"}, Columns: &CSVColumns{Label: 1}}},
		{"semicolons and a quoted separator", "x;y;class\n1,5;2;\"a;b\"\n3;4;c\n", CSVOptions{Header: true, Label: -1, Comma: ';'},
			nil}, // "1,5" is not a number: checked in TestReadCSVErrors
		{"semicolons", "x;y;class\n1.5;2;\"a;b\"\n3;4;c\n", CSVOptions{Header: true, Label: -1, Comma: ';'},
			&Dataset{X: FromRows([][]float64{{1.5, 2}, {3, 4}}), Labels: []int{0, 1}, Classes: 2, ClassNames: []string{"a;b", "c"}, Features: []string{"x", "y"}, Columns: &CSVColumns{Label: 2}}},
		{"byte order mark", "\uFEFFf,label\n1,yes\n2,no\n", CSVOptions{Header: true, Label: -1},
			&Dataset{X: FromRows([][]float64{{1}, {2}}), Labels: []int{1, 0}, Classes: 2, ClassNames: []string{"no", "yes"}, Features: []string{"f"}, Columns: &CSVColumns{Label: 1}}},
		{"CRLF and a tab", "1\tb\r\n2\ta\r\n", CSVOptions{Label: 1, Comma: '\t'},
			&Dataset{X: FromRows([][]float64{{1}, {2}}), Labels: []int{1, 0}, Classes: 2, ClassNames: []string{"a", "b"}, Columns: &CSVColumns{Label: 1}}},
		{"spaces: runs and trailing", "1  2 b \n3 4  a  \n", CSVOptions{Label: -1, Comma: ' '},
			&Dataset{X: FromRows([][]float64{{1, 2}, {3, 4}}), Labels: []int{1, 0}, Classes: 2, ClassNames: []string{"a", "b"}, Columns: &CSVColumns{Label: 2}}},
		{"regression", "y,x1,x2,z\n1,2,3,4\n5,6,7,8\n", CSVOptions{Header: true, Targets: []int{-1, 0}},
			&Dataset{X: FromRows([][]float64{{2, 3}, {6, 7}}), Y: FromRows([][]float64{{4, 1}, {8, 5}}), Features: []string{"x1", "x2"}, TargetNames: []string{"z", "y"}, Columns: &CSVColumns{Label: -1, Targets: []int{3, 0}}}},
		// Dropped columns, by number and by name, are recorded with the label's.
		{"dropped", "id,a,x,b,c\nr1,1,w,3,k\nr2,4,v,6,j\n", CSVOptions{Header: true, Label: -1, Drop: []int{-3}, DropNames: []string{"id"}},
			&Dataset{X: FromRows([][]float64{{1, 3}, {4, 6}}), Labels: []int{1, 0}, Classes: 2, ClassNames: []string{"j", "k"}, Features: []string{"a", "b"}, Columns: &CSVColumns{Label: 4, Dropped: []int{0, 2}}}},
		// Inputs only: every column a feature, even the last; no labels, no Y.
		{"no label", "a,b,c\n1,2,3\n4,5,6\n", CSVOptions{Header: true, Label: -1, NoLabel: true},
			&Dataset{X: FromRows([][]float64{{1, 2, 3}, {4, 5, 6}}), Features: []string{"a", "b", "c"}, Columns: &CSVColumns{Label: -1}}},
		{"no label, one column", "1\n2\n", CSVOptions{NoLabel: true},
			&Dataset{X: FromRows([][]float64{{1}, {2}}), Columns: &CSVColumns{Label: -1}}},
		{"scikit-learn header", "2,2,cat,dog,cow\n1,2,0\n3,4,2\n", CSVOptions{Header: true, Label: -1},
			&Dataset{X: FromRows([][]float64{{1, 2}, {3, 4}}), Labels: []int{0, 2}, Classes: 3, ClassNames: []string{"cat", "dog", "cow"}, Columns: &CSVColumns{Label: 2}}},
		// A count that does not match: an ordinary header, ordinary labels.
		{"not scikit-learn's header", "2,2,x\n1,2,0\n3,4,2\n", CSVOptions{Header: true, Label: -1},
			&Dataset{X: FromRows([][]float64{{1, 2}, {3, 4}}), Labels: []int{0, 1}, Classes: 2, ClassNames: []string{"0", "2"}, Features: []string{"2", "2"}, Columns: &CSVColumns{Label: 2}}},
	}
	for _, tt := range tests {
		if tt.want == nil {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			d, err := ReadCSV(strings.NewReader(tt.in), "t.csv", tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, d); diff != "" {
				t.Errorf("ReadCSV(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestReadCSVIris(t *testing.T) {
	d, err := LoadCSV("testdata/iris.csv", CSVOptions{Header: true, Label: -1})
	if err != nil {
		t.Fatal(err)
	}
	if d.X.Rows != 150 || d.X.Cols != 4 || d.Classes != 3 || d.Features != nil {
		t.Fatalf("iris: %d×%d, %d classes, features %v; want 150×4, 3, none", d.X.Rows, d.X.Cols, d.Classes, d.Features)
	}
	// The file's labels are kept: sample 0 is class 0, sample 149 class 2.
	got := []string{d.ClassName(d.Labels[0]), d.ClassName(d.Labels[50]), d.ClassName(d.Labels[149])}
	if diff := cmp.Diff([]string{"setosa", "versicolor", "virginica"}, got); diff != "" {
		t.Errorf("iris class names (-want +got):\n%s", diff)
	}
}

// TestReadCSVGzip: a gzip stream is recognized by its magic number, and one
// cut short is reported as a truncated file.
func TestReadCSVGzip(t *testing.T) {
	var buf bytes.Buffer
	z := gzip.NewWriter(&buf)
	for i := range 2000 {
		fmt.Fprintf(z, "%d,%d,%d\n", i, i*i%97, i%3)
	}
	z.Close()
	d, err := ReadCSV(bytes.NewReader(buf.Bytes()), "t.csv.gz", CSVOptions{Label: -1})
	if err != nil {
		t.Fatal(err)
	}
	if d.X.Rows != 2000 || d.Classes != 3 || d.X.At(1999, 1) != 1999*1999%97 {
		t.Errorf("gzip: %d rows, %d classes, x = %v", d.X.Rows, d.Classes, d.X.Row(1999))
	}
	for _, n := range []int{buf.Len() / 2, buf.Len() - 4, 11} {
		_, err := ReadCSV(bytes.NewReader(buf.Bytes()[:n]), "t.csv.gz", CSVOptions{Label: -1})
		if !errors.Is(err, io.ErrUnexpectedEOF) || !strings.Contains(err.Error(), "t.csv.gz: the file is truncated") {
			t.Errorf("gzip cut at %d of %d bytes: error %v, want a truncated file", n, buf.Len(), err)
		}
	}
}

// TestReadCSVLongLine: a line of 18 MB, longer than the 16 MB the reader
// used to allow (600 KB with -short, still beyond any default buffer), is
// read.
func TestReadCSVLongLine(t *testing.T) {
	n := 600_000
	if testing.Short() {
		n = 20_000
	}
	const field = "0.125000000000000000000000000," // 30 bytes
	line := strings.Repeat(field, n) + "x\n"
	d, err := ReadCSV(strings.NewReader(line+line), "t.csv", CSVOptions{Label: -1})
	if err != nil {
		t.Fatal(err)
	}
	if d.X.Rows != 2 || d.X.Cols != n || d.X.At(1, n-1) != 0.125 {
		t.Errorf("long line: %d×%d", d.X.Rows, d.X.Cols)
	}
}

// TestReadCSVManyClasses: a column of distinct labels is not a million
// classes; the error points to Targets.
func TestReadCSVManyClasses(t *testing.T) {
	var b strings.Builder
	for i := range 1500 {
		fmt.Fprintf(&b, "%d,%d.5\n", i, i)
	}
	var names strings.Builder
	for i := range 1500 {
		fmt.Fprintf(&names, "%d,s%d\n", i, i)
	}
	_, err := ReadCSV(strings.NewReader(names.String()), "t.csv", CSVOptions{Label: -1})
	if want := "t.csv: column 2: the labels do not look like classes: 1500 distinct labels among 1500 samples"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
	// The same column as a regression target is fine.
	d, err := ReadCSV(strings.NewReader(b.String()), "t.csv", CSVOptions{Targets: []int{-1}})
	if err != nil || d.Y.At(1499, 0) != 1499.5 {
		t.Errorf("as a target: %v", err)
	}
}

// FuzzReadCSV: the reader returns an error or a rectangular data set with
// finite values and labels in range whose class names are distinct and
// sorted; it never panics. Each input is read twice, plain and gzipped, with
// the separator and the label or target columns the fuzzer picks.
func FuzzReadCSV(f *testing.F) {
	iris, err := os.ReadFile("testdata/iris.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(iris[:300], true, int8(-1), false, byte(','))
	f.Add([]byte("1,2,0\n3,4,1\n"), false, int8(-1), false, byte(','))
	f.Add([]byte("1,,0\n"), false, int8(0), false, byte(','))
	f.Add([]byte("\uFEFFa;b;class\n1;2;\"x;y\"\n3;4;setosa\n"), true, int8(2), false, byte(';'))
	f.Add([]byte("5.1,\"set\"\"osa\"\n\"4,9\",virginica\r\n\n"), false, int8(-1), false, byte(','))
	f.Add([]byte("y\tx\n1\t2\n3\t4\n"), true, int8(0), true, byte('\t'))
	f.Add([]byte("1,2,10\n3,4,2\n5,6,1e2\n7,8,07\n"), false, int8(-1), false, byte(','))
	f.Add([]byte("1,2,\"multi\nline\"\n3,4,b\n"), false, int8(-1), true, byte(','))
	var gz bytes.Buffer // a gzip stream to mutate: truncated, corrupt, or its header damaged
	z := gzip.NewWriter(&gz)
	z.Write(iris[:400])
	z.Close()
	f.Add(gz.Bytes(), true, int8(-1), false, byte(','))
	f.Fuzz(func(t *testing.T, data []byte, header bool, col int8, regression bool, comma byte) {
		opt := CSVOptions{Header: header, Label: int(col), Comma: rune(comma)}
		if regression {
			opt.Targets = []int{int(col)}
		}
		d1, err1 := ReadCSV(bytes.NewReader(data), "fuzz", opt)
		if err1 == nil {
			checkDataset(t, d1, header, regression)
		}
		if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			return // already a gzip stream: gzipping it again changes what it says
		}
		var gz bytes.Buffer
		z := gzip.NewWriter(&gz)
		z.Write(data)
		z.Close()
		d2, err2 := ReadCSV(&gz, "fuzz.gz", opt)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("plain: %v; gzipped: %v", err1, err2)
		}
		if err1 != nil {
			return
		}
		if !cmp.Equal(d1, d2, cmpopts.EquateNaNs()) {
			t.Fatalf("plain and gzipped differ:\n%s", cmp.Diff(d1, d2))
		}
	})
}

// checkDataset fails unless d is a well-formed data set as ReadCSV returns them.
func checkDataset(t *testing.T, d *Dataset, header, regression bool) {
	t.Helper()
	m := d.X.Rows
	if m == 0 || d.X.Cols == 0 || len(d.X.Data) != m*d.X.Cols {
		t.Fatalf("ragged or empty X: %d×%d with %d values", m, d.X.Cols, len(d.X.Data))
	}
	if d.Features != nil && len(d.Features) != d.X.Cols {
		t.Fatalf("%d feature names for %d features", len(d.Features), d.X.Cols)
	}
	for _, v := range d.X.Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("feature value %v", v)
		}
	}
	if regression != d.Regression() {
		t.Fatalf("Regression() = %v, want %v", d.Regression(), regression)
	}
	if regression {
		if d.Labels != nil || d.Classes != 0 || d.Y.Rows != m || len(d.Y.Data) != m*d.Y.Cols {
			t.Fatalf("regression set: %d labels, %d classes, Y %d×%d with %d values", len(d.Labels), d.Classes, d.Y.Rows, d.Y.Cols, len(d.Y.Data))
		}
		for _, v := range d.Y.Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("target value %v", v)
			}
		}
		return
	}
	if len(d.Labels) != m || len(d.ClassNames) != d.Classes || d.Classes == 0 || d.Y != nil {
		t.Fatalf("%d samples, %d labels, %d class names, %d classes", m, len(d.Labels), len(d.ClassNames), d.Classes)
	}
	used := make([]bool, d.Classes)
	for _, y := range d.Labels {
		if y < 0 || y >= d.Classes {
			t.Fatalf("label %d of %d classes", y, d.Classes)
		}
		used[y] = true
	}
	seen := map[string]bool{}
	for k, name := range d.ClassNames {
		if name == "" || seen[name] {
			t.Fatalf("class names %q: empty or repeated", d.ClassNames)
		}
		seen[name] = true
		if !used[k] && !(header && d.Features == nil) { // only scikit-learn's header names unused classes
			t.Fatalf("class %d (%q) has no sample", k, name)
		}
	}
}

// FuzzLabelEncoding: whatever the labels, ReadCSV maps each sample back to
// its own label (ClassName(Labels[i]) is the label as written, trimmed, or
// for integer labels the same integer), and the classes are in sorted order.
func FuzzLabelEncoding(f *testing.F) {
	f.Add("setosa\nversicolor\nsetosa\nvirginica")
	f.Add("10\n2\n1\n2\n07\n7")
	f.Add("1e2\n1\n10\n-0\n0")
	f.Add(" yes\nno \n\"quoted\"\nsemi;colon\nco,mma")
	f.Fuzz(func(t *testing.T, labels string) {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		var want []string
		for i, l := range strings.Split(labels, "\n") {
			l = strings.TrimSpace(l)
			if l == "" || !utf8.ValidString(l) || strings.ContainsAny(l, "\r\n") {
				continue
			}
			w.Write([]string{strconv.Itoa(i), l})
			want = append(want, l)
		}
		w.Flush()
		// ForceClasses: numbers and a thousand distinct labels are classes here.
		d, err := ReadCSV(&b, "fuzz", CSVOptions{Label: -1, ForceClasses: true})
		if len(want) == 0 {
			if err == nil {
				t.Fatal("no samples accepted")
			}
			return
		}
		if err != nil {
			t.Fatalf("labels %q: %v", want, err)
		}
		ints := true
		for _, l := range want {
			if _, err := strconv.ParseInt(l, 10, 64); err != nil {
				ints = false
			}
		}
		for i, l := range want {
			got := d.ClassName(d.Labels[i])
			if ints {
				g, _ := strconv.ParseInt(got, 10, 64)
				w, _ := strconv.ParseInt(l, 10, 64)
				if g != w {
					t.Fatalf("sample %d: label %q reads back as %q", i, l, got)
				}
			} else if got != l {
				t.Fatalf("sample %d: label %q reads back as %q", i, l, got)
			}
		}
		for k := 1; k < d.Classes; k++ {
			a, b := d.ClassNames[k-1], d.ClassNames[k]
			if ints {
				x, _ := strconv.ParseInt(a, 10, 64)
				y, _ := strconv.ParseInt(b, 10, 64)
				if x >= y {
					t.Fatalf("classes %q not in increasing numeric order", d.ClassNames)
				}
			} else if a >= b {
				t.Fatalf("classes %q not in increasing byte order", d.ClassNames)
			}
		}
	})
}

// TestCSVError: every fault of a file's content is a *CSVError giving the
// file, line, column and option a program needs to word its own message,
// and its cause is reachable with errors.Is.
func TestCSVError(t *testing.T) {
	tests := []struct {
		name, in string
		opt      CSVOptions
		want     CSVError // Err is compared by is, not here
		is       error    // a cause errors.Is must find, or nil
	}{
		{"not a number", "1,2,0\n3,x,1\n", CSVOptions{Label: -1}, CSVError{File: "t.csv", Line: 2, Column: 2, Fix: FixLabel}, ErrNotNumber},
		{"names without Header", "\n\na,b,class\n3,4,1\n", CSVOptions{Label: -1}, CSVError{File: "t.csv", Line: 3, Column: 1, Fix: FixHeader}, ErrNotNumber},
		{"not a number after the header", "a,b,class\n3,x,1\n", CSVOptions{Header: true, Label: -1}, CSVError{File: "t.csv", Line: 2, Column: 2, Fix: FixLabel}, ErrNotNumber},
		{"a target not a number", "1,2,0\n3,4,x\n", CSVOptions{Targets: []int{-1}}, CSVError{File: "t.csv", Line: 2, Column: 3}, ErrNotNumber},
		{"ragged", "1,2,0\n3,1\n", CSVOptions{Label: -1}, CSVError{File: "t.csv", Line: 2}, nil},
		{"empty label", "1,2,0\n3,4,\n", CSVOptions{Label: -1}, CSVError{File: "t.csv", Line: 2, Column: 3, Fix: FixMissing}, ErrMissing},
		{"another separator", "1;2;0\n3;4;1\n", CSVOptions{Label: -1}, CSVError{File: "t.csv", Line: 1, Fix: FixComma, Sep: ';'}, nil},
		{"label column out of range", "1,2,0\n", CSVOptions{Label: 5}, CSVError{File: "t.csv", Line: 1}, nil},
		{"header too short", "a,b\n1,2,0\n", CSVOptions{Header: true, Label: -1}, CSVError{File: "t.csv", Line: 1}, nil},
		{"bare quote", "1,2,0\n3,4\"x,1\n", CSVOptions{Label: -1}, CSVError{File: "t.csv", Line: 2}, csv.ErrBareQuote},
		{"Latin-1 label", "a,b,class\n1,2,caf\xe9\n", CSVOptions{Header: true, Label: -1}, CSVError{File: "t.csv", Line: 2, Column: 3}, ErrNotUTF8},
		{"Latin-1 header", "a,\xb5m,class\n1,2,x\n", CSVOptions{Header: true, Label: -1}, CSVError{File: "t.csv", Line: 1, Column: 2}, ErrNotUTF8},
		{"only a header", "a,b,class\n", CSVOptions{Header: true, Label: -1}, CSVError{File: "t.csv"}, ErrHeaderOnly},
		{"no samples", "\n\n", CSVOptions{Label: -1}, CSVError{File: "t.csv"}, ErrNoSamples},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tt.in), "t.csv", tt.opt)
			e := checkCSVError(t, err, tt.want, tt.is)
			if e.Fix != FixNone {
				plain := *e
				plain.Fix = FixNone
				if want := plain.Error(); !strings.HasPrefix(err.Error(), want) || len(want) == len(err.Error()) {
					t.Errorf("with Fix, %q does not extend %q by a hint", err, want)
				}
			}
		})
	}
	// Many distinct numbers as labels: the column, no line, and the hint to set Targets.
	var b strings.Builder
	for i := range manyClasses + 1 {
		fmt.Fprintf(&b, "%d,%d.5\n", i, i)
	}
	_, err := ReadCSV(strings.NewReader(b.String()), "t.csv", CSVOptions{Label: -1})
	var e *CSVError
	if !errors.As(err, &e) || e.Line != 0 || e.Column != 2 || e.Fix != FixTargets {
		t.Errorf("labels 0.5 … %d.5: error %v (%+v), want a CSVError at column 2 with FixTargets", manyClasses, err, e)
	}
}

// checkCSVError fails t unless err is a *CSVError that, but for its Err,
// is want, and wraps is (if not nil). It returns the *CSVError.
func checkCSVError(t *testing.T, err error, want CSVError, is error) *CSVError {
	t.Helper()
	var e *CSVError
	if !errors.As(err, &e) {
		t.Fatalf("ReadCSV error %v (%T), want a *CSVError", err, err)
	}
	got := *e
	got.Err = nil
	if got != want {
		t.Errorf("ReadCSV error %+v, want %+v", got, want)
	}
	if is != nil && !errors.Is(err, is) {
		t.Errorf("ReadCSV error %q does not wrap %q", err, is)
	}
	return e
}

// TestReadCSVNotUTF8 (issue 16, item 7): a Latin-1 file is refused at the
// line and column of its first byte that is not UTF-8, with the command
// that converts it; a class name is never stored with U+FFFD.
func TestReadCSVNotUTF8(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"t.csv", `t.csv:3: column 2: "caf\xe9" is not UTF-8 text (byte 0xe9); convert the file to UTF-8, from Latin-1 for instance with: iconv -f latin1 -t utf-8 t.csv > utf8-t.csv`},
		{"data/t.csv.gz", `data/t.csv.gz:3: column 2: "caf\xe9" is not UTF-8 text (byte 0xe9); convert the file to UTF-8, from Latin-1 for instance with: gunzip -c data/t.csv.gz | iconv -f latin1 -t utf-8 > utf8-t.csv`},
	} {
		d, err := ReadCSV(strings.NewReader("1,tea\n2,tea\n3,caf\xe9\n"), tt.name, CSVOptions{Label: -1})
		if err == nil {
			t.Errorf("ReadCSV read classes %q, want the error %s", d.ClassNames, tt.want)
		} else if err.Error() != tt.want {
			t.Errorf("ReadCSV error %v, want %s", err, tt.want)
		}
	}
}

// TestReadCSVLabelsNotClasses (issue 16, item 5): a label column of
// measurements is refused with the hint to set Targets (or ForceClasses), and
// the data sets that are classes still load as classes. The measurement is
// drawn like scikit-learn's diabetes_data_raw, whose last column (blood
// sugar) has 56 integer values from 58 to 124 among 442 samples, 4 of them
// with a single sample: here 150 samples of 58 + IntN(67).
func TestReadCSVLabelsNotClasses(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 5))
	var raw strings.Builder
	for range 150 {
		fmt.Fprintf(&raw, "%d %d %.1f %d\n", 19+rng.IntN(60), 1+rng.IntN(2), 18+20*rng.Float64(), 58+rng.IntN(67))
	}
	for _, tt := range []struct {
		name, in string
		opt      CSVOptions
	}{
		{"a measurement of 58 … 124", raw.String(), CSVOptions{Label: -1, Comma: ' '}},
		{"fractions", "1,0.5\n2,1.5\n3,0.5\n4,1.5\n", CSVOptions{Label: -1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tt.in), "t.csv", tt.opt)
			var e *CSVError
			if !errors.As(err, &e) || !errors.Is(err, ErrNotClasses) || e.Fix != FixTargets || e.Column != 2 && e.Column != 4 {
				t.Fatalf("ReadCSV error %v, want a CSVError wrapping ErrNotClasses at the label column, with FixTargets", err)
			}
			t.Log(err)
			opt := tt.opt
			opt.ForceClasses = true
			if d, err := ReadCSV(strings.NewReader(tt.in), "t.csv", opt); err != nil || d.Classes < 2 {
				t.Errorf("with ForceClasses: %v", err)
			}
			opt = tt.opt
			opt.Targets = []int{-1}
			if _, err := ReadCSV(strings.NewReader(tt.in), "t.csv", opt); err != nil {
				t.Errorf("as a regression target: %v", err)
			}
		})
	}
	// testdata/diabetes.csv's progression (25 … 346) as labels: refused too.
	if _, err := LoadCSV("testdata/diabetes.csv", CSVOptions{Header: true, Label: -1}); !errors.Is(err, ErrNotClasses) {
		t.Errorf("diabetes.csv's progression as labels: %v, want ErrNotClasses", err)
	}
	// Classes stay classes: iris, digits, integer labels written "1.0", and
	// 30 classes none of which has a single sample.
	var thirty strings.Builder
	for i := range 60 {
		fmt.Fprintf(&thirty, "%d,%d\n", i, 100+i%30)
	}
	for _, tt := range []struct {
		name    string
		load    func() (*Dataset, error)
		classes int
	}{
		{"testdata/iris.csv", func() (*Dataset, error) { return LoadCSV("testdata/iris.csv", CSVOptions{Header: true, Label: -1}) }, 3},
		{"testdata/digits.csv.gz", func() (*Dataset, error) { return LoadCSV("testdata/digits.csv.gz", CSVOptions{Label: -1}) }, 10},
		{"Iris", func() (*Dataset, error) { return Iris(), nil }, 3},
		{"Digits", func() (*Dataset, error) { return Digits(), nil }, 10},
		{"1.0 and 2.0", func() (*Dataset, error) {
			return ReadCSV(strings.NewReader("1,1.0\n2,2.0\n3,1.0\n"), "t.csv", CSVOptions{Label: -1})
		}, 2},
		{"30 classes of 2", func() (*Dataset, error) {
			return ReadCSV(strings.NewReader(thirty.String()), "t.csv", CSVOptions{Label: -1})
		}, 30},
	} {
		if d, err := tt.load(); err != nil || d.Classes != tt.classes {
			t.Errorf("%s: %v, want %d classes", tt.name, err, tt.classes)
		}
	}
}

// TestReadCSVFilesPeopleHave (issue 16, item 13): the CSV files people have
// (two header lines, a decimal comma, missing values, a pandas index, the
// label in the middle) each give an error at the right place with the fix
// that reads them, and the options that fix them read them.
func TestReadCSVFilesPeopleHave(t *testing.T) {
	boston := "3,2,,\nCRIM,ZN,MEDV\n0.1,18,24\n0.2,0,21.6\n0.3,12.5,x\n"
	tests := []struct {
		name, in string
		opt      CSVOptions
		want     CSVError // without Err
		is       error
		fixed    CSVOptions // options that read the file, or that move the error
		read     *Dataset   // what they read, or nil for the error fixedErr
		fixedErr CSVError
	}{
		{name: "two header lines", in: boston, opt: CSVOptions{Header: true, Targets: []int{-1}},
			want: CSVError{File: "t.csv", Line: 2, Column: 1, Fix: FixSkip}, is: ErrNotNumber,
			// Skipped lines still count: the bad target is on line 5.
			fixed: CSVOptions{Skip: 1, Header: true, TargetNames: []string{"MEDV"}}, fixedErr: CSVError{File: "t.csv", Line: 5, Column: 3}},
		{name: "decimal comma", in: "a;b;class\n3,5;2;x\n1,25;4;y\n", opt: CSVOptions{Header: true, Label: -1, Comma: ';'},
			want: CSVError{File: "t.csv", Line: 2, Column: 1, Fix: FixDecimalComma}, is: ErrNotNumber,
			fixed: CSVOptions{Header: true, Label: -1, Comma: ';', DecimalComma: true},
			read:  &Dataset{X: FromRows([][]float64{{3.5, 2}, {1.25, 4}}), Labels: []int{0, 1}, Classes: 2, ClassNames: []string{"x", "y"}, Features: []string{"a", "b"}, Columns: &CSVColumns{Label: 2}}},
		{name: "NA", in: "1,2,a\n3,NA,b\n", opt: CSVOptions{Label: -1},
			want: CSVError{File: "t.csv", Line: 2, Column: 2, Fix: FixMissing}, is: ErrMissing},
		{name: "empty", in: "1,2,a\n,4,b\n", opt: CSVOptions{Label: -1},
			want: CSVError{File: "t.csv", Line: 2, Column: 1, Fix: FixMissing}, is: ErrMissing},
		{name: "NaN", in: "1,2,a\n3,NaN,b\n", opt: CSVOptions{Label: -1},
			want: CSVError{File: "t.csv", Line: 2, Column: 2, Fix: FixMissing}, is: ErrMissing},
		{name: "pandas index", in: ",a,b,class\n0,1,2,x\n1,3,4,y\n", opt: CSVOptions{Header: true, Label: -1},
			want:  CSVError{File: "t.csv", Line: 1, Column: 1, Fix: FixDrop},
			fixed: CSVOptions{Header: true, Label: -1, Drop: []int{0}},
			read:  &Dataset{X: FromRows([][]float64{{1, 2}, {3, 4}}), Labels: []int{0, 1}, Classes: 2, ClassNames: []string{"x", "y"}, Features: []string{"a", "b"}, Columns: &CSVColumns{Label: 3, Dropped: []int{0}}}},
		{name: "pandas index read twice", in: "Unnamed: 0,a,class\n0,1,x\n1,3,y\n", opt: CSVOptions{Header: true, Label: -1},
			want:  CSVError{File: "t.csv", Line: 1, Column: 1, Fix: FixDrop},
			fixed: CSVOptions{Header: true, Label: -1, DropNames: []string{"Unnamed: 0"}},
			read:  &Dataset{X: FromRows([][]float64{{1}, {3}}), Labels: []int{0, 1}, Classes: 2, ClassNames: []string{"x", "y"}, Features: []string{"a"}, Columns: &CSVColumns{Label: 2, Dropped: []int{0}}}},
		{name: "label in the middle", in: "a,species,b\n1,setosa,2\n3,virginica,4\n", opt: CSVOptions{Header: true, Label: -1},
			want: CSVError{File: "t.csv", Line: 2, Column: 2, Fix: FixLabel}, is: ErrNotNumber,
			fixed: CSVOptions{Header: true, LabelName: "species"},
			read:  &Dataset{X: FromRows([][]float64{{1, 2}, {3, 4}}), Labels: []int{0, 1}, Classes: 2, ClassNames: []string{"setosa", "virginica"}, Features: []string{"a", "b"}, Columns: &CSVColumns{Label: 1}}},
		{name: "an identifier in words", in: "id,a,class\nr1,1,x\nr2,2,y\n", opt: CSVOptions{Header: true, Label: -1},
			want: CSVError{File: "t.csv", Line: 2, Column: 1, Fix: FixLabel}, is: ErrNotNumber,
			fixed: CSVOptions{Header: true, Label: -1, DropNames: []string{"id"}},
			read:  &Dataset{X: FromRows([][]float64{{1}, {2}}), Labels: []int{0, 1}, Classes: 2, ClassNames: []string{"x", "y"}, Features: []string{"a"}, Columns: &CSVColumns{Label: 2, Dropped: []int{0}}}},
		{name: "a name without a header", in: "1,2,a\n", opt: CSVOptions{LabelName: "class"},
			want: CSVError{File: "t.csv", Line: 1, Fix: FixHeader}},
		{name: "a name not in the header", in: "a,b,c\n1,2,x\n", opt: CSVOptions{Header: true, LabelName: "class"},
			want: CSVError{File: "t.csv", Line: 1}},
		{name: "the label dropped", in: "a,b,c\n1,2,x\n", opt: CSVOptions{Header: true, Label: -1, Drop: []int{2}},
			want: CSVError{File: "t.csv", Line: 2, Column: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tt.in), "t.csv", tt.opt)
			checkCSVError(t, err, tt.want, tt.is)
			t.Log(err)
			if tt.read == nil && tt.fixedErr == (CSVError{}) {
				return
			}
			d, err := ReadCSV(strings.NewReader(tt.in), "t.csv", tt.fixed)
			if tt.read == nil {
				checkCSVError(t, err, tt.fixedErr, nil)
				return
			}
			if err != nil {
				t.Fatalf("with %+v: %v", tt.fixed, err)
			}
			if diff := cmp.Diff(tt.read, d); diff != "" {
				t.Errorf("with %+v (-want +got):\n%s", tt.fixed, diff)
			}
		})
	}
	// The boston file with Skip, fixed: names kept, target by name.
	d, err := ReadCSV(strings.NewReader(strings.TrimSuffix(boston, "0.3,12.5,x\n")), "t.csv", CSVOptions{Skip: 1, Header: true, TargetNames: []string{"MEDV"}})
	want := &Dataset{X: FromRows([][]float64{{0.1, 18}, {0.2, 0}}), Y: FromRows([][]float64{{24}, {21.6}}), Features: []string{"CRIM", "ZN"}, TargetNames: []string{"MEDV"}, Columns: &CSVColumns{Label: -1, Targets: []int{2}}}
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("boston with Skip 1 (-want +got):\n%s", diff)
	}
}
