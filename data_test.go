package nn

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDatasetMethods(t *testing.T) {
	d := &Dataset{X: FromRows([][]float64{{1}, {2}, {3}}), Labels: []int{2, 0, 1}, Classes: 3,
		ClassNames: []string{"a", "b", "c"}, Features: []string{"f"}, Columns: &CSVColumns{Label: 2, Dropped: []int{0}}}
	s := d.Subset([]int{2, 0})
	want := &Dataset{X: FromRows([][]float64{{3}, {1}}), Labels: []int{1, 2}, Classes: 3, ClassNames: []string{"a", "b", "c"}, Features: []string{"f"},
		Columns: &CSVColumns{Label: 2, Dropped: []int{0}}}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("Subset (-want +got):\n%s", diff)
	}
	if s.Columns.Dropped[0] = 5; d.Columns.Dropped[0] != 0 {
		t.Errorf("Subset shares its Columns with the set it was taken from")
	}
	if diff := cmp.Diff(FromRows([][]float64{{0, 1, 0}, {0, 0, 1}}), s.Targets()); diff != "" || s.Regression() || s.ClassName(2) != "c" {
		t.Errorf("classification Targets (-want +got):\n%s", diff)
	}
	r := &Dataset{X: FromRows([][]float64{{1}, {2}}), Y: FromRows([][]float64{{10, 11}, {20, 21}}), TargetNames: []string{"u", "v"},
		Columns: &CSVColumns{Label: -1, Targets: []int{2, 0}}}
	rs := r.Subset([]int{1})
	if diff := cmp.Diff(&Dataset{X: FromRows([][]float64{{2}}), Y: FromRows([][]float64{{20, 21}}), TargetNames: []string{"u", "v"},
		Columns: &CSVColumns{Label: -1, Targets: []int{2, 0}}}, rs); diff != "" || !rs.Regression() || rs.Targets() != rs.Y {
		t.Errorf("regression Subset (-want +got):\n%s", diff)
	}
	if got := (&Dataset{Classes: 2}).ClassName(1); got != "1" {
		t.Errorf("ClassName without names = %q, want \"1\"", got)
	}
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

// TestSplitsKeepNames: both splits carry class names, features and targets.
func TestSplitsKeepNames(t *testing.T) {
	d, err := ReadCSV(strings.NewReader("f,g,class\n1,2,b\n3,4,a\n5,6,b\n7,8,a\n9,10,b\n11,12,a\n"), "t.csv", CSVOptions{Header: true, Label: -1})
	if err != nil {
		t.Fatal(err)
	}
	tr, te, err := StratifiedSplit(d, 1.0/3, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*Dataset{tr, te} {
		if !cmp.Equal(s.ClassNames, []string{"a", "b"}) || !cmp.Equal(s.Features, []string{"f", "g"}) {
			t.Errorf("split lost names: classes %q, features %q", s.ClassNames, s.Features)
		}
		for i, y := range s.Labels {
			// Odd first features are class b (rows 1, 5, 9), the rest a.
			if want := []string{"a", "b"}[int(s.X.At(i, 0)/2+1)%2]; s.ClassName(y) != want {
				t.Errorf("sample %v is %q, want %q", s.X.Row(i), s.ClassName(y), want)
			}
		}
	}
	if tr.X.Rows != 4 || te.X.Rows != 2 {
		t.Errorf("split %d + %d, want 4 + 2", tr.X.Rows, te.X.Rows)
	}
	r, err := ReadCSV(strings.NewReader("x,y\n1,10\n2,20\n3,30\n4,40\n5,50\n"), "r.csv", CSVOptions{Header: true, Targets: []int{-1}})
	if err != nil {
		t.Fatal(err)
	}
	rtr, rte, err := StratifiedSplit(r, 0.4, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if rtr.X.Rows != 3 || rte.X.Rows != 2 || !cmp.Equal(rte.TargetNames, []string{"y"}) {
		t.Errorf("regression split %d + %d, target names %q", rtr.X.Rows, rte.X.Rows, rte.TargetNames)
	}
	for _, s := range []*Dataset{rtr, rte} {
		for i := range s.X.Rows {
			if s.Y.At(i, 0) != 10*s.X.At(i, 0) {
				t.Errorf("regression split separated x = %v from its target %v", s.X.At(i, 0), s.Y.At(i, 0))
			}
		}
	}
}

// TestSplitError: the split errors a caller can word itself carry the
// fraction and the counts.
func TestSplitError(t *testing.T) {
	rng := func() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }
	read := func(s string) *Dataset {
		d, err := ReadCSV(strings.NewReader(s), "t.csv", CSVOptions{Label: -1})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	abb := read("1,a\n2,a\n3,a\n4,b\n")
	reg, err := ReadCSV(strings.NewReader("1,2\n3,4\n5,6\n"), "r.csv", CSVOptions{Targets: []int{-1}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		split func() error
		want  SplitError
	}{
		{"class b all in the test set", func() error { _, _, err := StratifiedSplit(abb, 0.5, rng()); return err },
			SplitError{Stratified: true, Frac: 0.5, Samples: 1, Test: 1, Class: 1, ClassName: "b"}},
		{"empty test set", func() error { _, _, err := StratifiedSplit(abb, 0.1, rng()); return err },
			SplitError{Stratified: true, Frac: 0.1, Samples: 4, Class: -1}},
		{"fraction 1", func() error { _, _, err := StratifiedSplit(abb, 1, rng()); return err },
			SplitError{Stratified: true, Frac: 1, Class: -1}},
		{"random: empty training set", func() error { _, _, err := RandomSplit(reg, 0.9, rng()); return err },
			SplitError{Frac: 0.9, Samples: 3, Test: 3, Class: -1}},
	}
	for _, tt := range tests {
		var e *SplitError
		if err := tt.split(); !errors.As(err, &e) || *e != tt.want {
			t.Errorf("%s: error %v, want %+v", tt.name, err, tt.want)
		}
	}
}
