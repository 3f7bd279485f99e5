package nn

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadCSV(t *testing.T) {
	d, err := ReadCSV(strings.NewReader("a,b,label\n1,2,0\n\n3.5,-4,2\n"), "t.csv", CSVOptions{Header: true, Label: -1})
	if err != nil {
		t.Fatal(err)
	}
	want := &Dataset{X: FromRows([][]float64{{1, 2}, {3.5, -4}}), Labels: []int{0, 2}, Classes: 3}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("ReadCSV (-want +got):\n%s", diff)
	}
	d, err = ReadCSV(strings.NewReader("1,5,6\n0,7,8\n"), "t.csv", CSVOptions{Label: 0})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]float64{5, 6, 7, 8}, d.X.Data); diff != "" || d.Labels[0] != 1 {
		t.Errorf("label in column 0: X %v, labels %v", d.X.Data, d.Labels)
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name, in string
		opt      CSVOptions
		want     string
	}{
		{"not a number", "1,2,0\n1,x,1\n", CSVOptions{Label: -1}, `t.csv:2: column 2: "x" is not a finite number`},
		{"ragged", "1,2,0\n1,1\n", CSVOptions{Label: -1}, "t.csv:2: 2 columns, want 3 as on the first line"},
		{"label not a class", "1,2,0.5\n", CSVOptions{Label: -1}, `t.csv:1: column 3: label "0.5" is not a class number 0, 1, 2, …`},
		{"negative label", "1,2,-1\n", CSVOptions{Label: -1}, `t.csv:1: column 3: label "-1" is not a class number`},
		{"NaN", "1,NaN,0\n", CSVOptions{Label: -1}, `t.csv:1: column 2: "NaN" is not a finite number`},
		{"label column", "1,2,0\n", CSVOptions{Label: 5}, "t.csv: label column 5 out of range for 3 columns"},
		{"empty", "", CSVOptions{Label: -1}, "t.csv: no samples"},
		{"header only", "a,b,c\n", CSVOptions{Header: true, Label: -1}, "t.csv: no samples"},
		{"one column", "1\n", CSVOptions{Label: -1}, "t.csv:1: 1 column; need features and a label"},
	}
	for _, tt := range tests {
		_, err := ReadCSV(strings.NewReader(tt.in), "t.csv", tt.opt)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := LoadCSV("testdata/missing.csv", CSVOptions{}); err == nil {
		t.Error("LoadCSV of a missing file succeeded")
	}
}

// FuzzReadCSV: the parser returns an error or a rectangular data set with
// finite values and valid labels; it never panics.
func FuzzReadCSV(f *testing.F) {
	iris, err := os.ReadFile("testdata/iris.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(iris[:300], true)
	f.Add([]byte("1,2,0\n3,4,1\n"), false)
	f.Add([]byte("1,,0\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, header bool) {
		d, err := ReadCSV(bytes.NewReader(data), "fuzz", CSVOptions{Header: header, Label: -1})
		if err != nil {
			return
		}
		if d.X.Rows != len(d.Labels) || len(d.X.Data) != d.X.Rows*d.X.Cols || d.X.Rows == 0 {
			t.Fatalf("ragged data set: %d×%d with %d values and %d labels", d.X.Rows, d.X.Cols, len(d.X.Data), len(d.Labels))
		}
		for _, v := range d.X.Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("value %v", v)
			}
		}
		for _, y := range d.Labels {
			if y < 0 || y >= d.Classes {
				t.Fatalf("label %d of %d classes", y, d.Classes)
			}
		}
	})
}

func TestStratifiedSplit(t *testing.T) {
	d, err := LoadCSV("testdata/digits.csv.gz", CSVOptions{Label: -1})
	if err != nil {
		t.Fatal(err)
	}
	if d.X.Rows != 1797 || d.X.Cols != 64 || d.Classes != 10 {
		t.Fatalf("digits: %d×%d, %d classes; want 1797×64, 10", d.X.Rows, d.X.Cols, d.Classes)
	}
	train, test, err := StratifiedSplit(d, 0.2, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	count := func(ds *Dataset) []int {
		c := make([]int, ds.Classes)
		for _, y := range ds.Labels {
			c[y]++
		}
		return c
	}
	all, tr, te := count(d), count(train), count(test)
	for k := range all {
		// Each class is split on its own: round(0.2 · n_k) go to the test set.
		if want := int(math.Round(0.2 * float64(all[k]))); te[k] != want || tr[k] != all[k]-want {
			t.Errorf("class %d: %d train, %d test of %d; want %d test", k, tr[k], te[k], all[k], want)
		}
	}
	// The same seed gives the same split; another seed another one.
	again, _, _ := StratifiedSplit(d, 0.2, rand.New(rand.NewPCG(1, 2)))
	other, _, _ := StratifiedSplit(d, 0.2, rand.New(rand.NewPCG(2, 2)))
	if !cmp.Equal(train.Labels, again.Labels) || cmp.Equal(train.Labels, other.Labels) {
		t.Errorf("splits are not determined by the seed")
	}
	if _, _, err := StratifiedSplit(d, 1, rand.New(rand.NewPCG(1, 2))); err == nil {
		t.Errorf("test fraction 1 accepted")
	}
}

func TestStandardizer(t *testing.T) {
	train := FromRows([][]float64{{1, 5}, {3, 5}})
	s := FitStandardizer(train)
	// Means 2 and 5; deviations 1 and 0 (constant: only centred).
	got := s.Transform(FromRows([][]float64{{2, 5}, {4, 7}}))
	want := FromRows([][]float64{{(2 - 2) / 1.0, 5 - 5}, {(4 - 2) / 1.0, 7 - 5}})
	if diff := cmp.Diff(want, got, closed); diff != "" {
		t.Errorf("Transform (-want +got):\n%s", diff)
	}
	if train.At(0, 0) != 1 {
		t.Errorf("Transform changed its input")
	}
}

func TestConfusionMatrix(t *testing.T) {
	got := ConfusionMatrix([]int{0, 0, 1, 2, 2}, []int{0, 1, 1, 2, 0}, 3)
	want := [][]int{{1, 1, 0}, {0, 1, 0}, {1, 0, 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ConfusionMatrix (-want +got):\n%s", diff)
	}
}
