package nn

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// Dataset is a labelled data set for classification: row i of X holds the
// features of sample i and Labels[i] its class, 0 … Classes−1.
type Dataset struct {
	X       *Matrix
	Labels  []int
	Classes int // 1 + the largest label
}

// CSVOptions says how to read a numeric CSV file.
type CSVOptions struct {
	// Header says the first line is a header and is skipped.
	Header bool
	// Label is the column of the class label, counted from 0; a negative
	// value counts from the end, so −1 is the last column.
	Label int
}

// ReadCSV reads a numeric CSV data set: one sample per line, comma-separated
// numbers, with the class label (a non-negative integer) in column opt.Label.
// Blank lines are skipped. name is used in error messages, which give the line
// and column of the first bad value ("iris.csv:7: column 3: …"). Every line must
// have the same number of columns, and all values must be finite.
func ReadCSV(r io.Reader, name string, opt CSVOptions) (*Dataset, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var data []float64
	var labels []int
	cols, line := -1, 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if (line == 1 && opt.Header) || text == "" {
			continue
		}
		fields := strings.Split(text, ",")
		if cols < 0 {
			cols = len(fields)
			if cols < 2 {
				return nil, fmt.Errorf("%s:%d: %d column; need features and a label", name, line, cols)
			}
		}
		if len(fields) != cols {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d as on the first line", name, line, len(fields), cols)
		}
		lc := opt.Label
		if lc < 0 {
			lc += cols
		}
		if lc < 0 || lc >= cols {
			return nil, fmt.Errorf("%s: label column %d out of range for %d columns", name, opt.Label, cols)
		}
		for c, f := range fields {
			v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%s:%d: column %d: %q is not a finite number", name, line, c+1, f)
			}
			if c != lc {
				data = append(data, v)
				continue
			}
			if v != math.Trunc(v) || v < 0 || v > 1e6 {
				return nil, fmt.Errorf("%s:%d: column %d: label %q is not a class number 0, 1, 2, …", name, line, c+1, f)
			}
			labels = append(labels, int(v))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(labels) == 0 {
		return nil, fmt.Errorf("%s: no samples", name)
	}
	d := &Dataset{X: &Matrix{Rows: len(labels), Cols: cols - 1, Data: data}, Labels: labels}
	for _, y := range labels {
		d.Classes = max(d.Classes, y+1)
	}
	return d, nil
}

// LoadCSV reads a data set from the file at path with ReadCSV; a name ending
// in .gz is decompressed first.
func LoadCSV(path string, opt CSVOptions) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer z.Close()
		r = z
	}
	return ReadCSV(r, path, opt)
}

// OneHot returns the m×classes matrix whose row i is 1 in column labels[i]
// and 0 elsewhere: the targets y for a softmax output. It panics if a label
// is outside 0 … classes−1.
func OneHot(labels []int, classes int) *Matrix {
	Y := NewMatrix(len(labels), classes)
	for i, c := range labels {
		if c < 0 || c >= classes {
			panic(fmt.Sprintf("OneHot: label %d of sample %d is outside 0…%d", c, i, classes-1))
		}
		Y.Set(i, c, 1)
	}
	return Y
}
