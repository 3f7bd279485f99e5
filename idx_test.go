package nn

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// idxBytes returns an IDX file of unsigned bytes with the given dimensions and data.
func idxBytes(dims []int, data []byte) []byte {
	b := []byte{0, 0, 0x08, byte(len(dims))}
	for _, n := range dims {
		b = binary.BigEndian.AppendUint32(b, uint32(n))
	}
	return append(b, data...)
}

func gz(b []byte) []byte {
	var out bytes.Buffer
	z := gzip.NewWriter(&out)
	z.Write(b)
	z.Close()
	return out.Bytes()
}

// TestReadIDX: valid files, plain and compressed, and each kind of damage.
// Catches: little-endian dimensions, a gzip file read as IDX, a short or long
// file accepted.
func TestReadIDX(t *testing.T) {
	pixels := []byte{0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8} // 3 images of 2×2
	img := idxBytes([]int{3, 2, 2}, pixels)
	for _, tt := range []struct {
		name string
		file []byte
	}{{"plain", img}, {"gzip", gz(img)}} {
		dims, data, err := ReadIDX(bytes.NewReader(tt.file), tt.name)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !cmp.Equal(dims, []int{3, 2, 2}) || !bytes.Equal(data, pixels) {
			t.Errorf("%s: ReadIDX = %v, %v; want [3 2 2], %v", tt.name, dims, data, pixels)
		}
	}
	for _, tt := range []struct {
		name string
		file []byte
		want string
	}{
		{"empty", nil, "no IDX magic number"},
		{"magic", append([]byte{1, 2}, img[2:]...), "bad magic number 01 02 08 03"},
		{"type", append([]byte{0, 0, 0x0d}, img[3:]...), "IDX data type 0x0d"},
		{"no dimensions", []byte{0, 0, 8, 0}, "0 dimensions"},
		{"truncated dimensions", img[:9], "truncated in its 3 dimensions"},
		{"truncated data", img[:len(img)-1], "dimensions [3 2 2] need 12 bytes of data, the file has 11"},
		{"extra data", append(append([]byte(nil), img...), 9), "more data than dimensions [3 2 2] hold"},
		{"huge", idxBytes([]int{1 << 30, 1 << 30, 1 << 30}, nil), "too large"},
		{"product wraps to 0", idxBytes([]int{1 << 20, 1 << 20, 1 << 24}, nil), "dimensions [1048576 1048576 16777216] are too large"},
		{"truncated gzip", gz(img)[:20], "x.idx"},
	} {
		_, _, err := ReadIDX(bytes.NewReader(tt.file), "x.idx")
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "x.idx: ") {
			t.Errorf("%s: ReadIDX error %v, want one starting x.idx: with %q", tt.name, err, tt.want)
		}
	}
}

// TestIDXDataset: pixels scaled to [0, 1] as byte/255, labels kept, and
// counts that do not match refused.
func TestIDXDataset(t *testing.T) {
	d, err := IDXDataset([]int{3, 2, 2}, []byte{0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8}, []int{3}, []byte{2, 0, 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.X.Rows != 3 || d.X.Cols != 4 || d.X.At(0, 1) != 1 || d.X.At(0, 2) != 51.0/255 || d.X.At(2, 3) != 8.0/255 {
		t.Errorf("X = %v, want 3×4 with bytes/255", d.X)
	}
	if !cmp.Equal(d.Labels, []int{2, 0, 2}) || d.Classes != 3 || !cmp.Equal(d.ClassNames, []string{"0", "1", "2"}) {
		t.Errorf("labels %v, %d classes %v; want [2 0 2], 3 classes 0 1 2", d.Labels, d.Classes, d.ClassNames)
	}
	for _, tt := range []struct {
		name          string
		imgDims, labs []int
		want          string
	}{
		{"counts", []int{3, 2, 2}, []int{4}, "3 images but 4 labels"},
		{"label dims", []int{3, 2, 2}, []int{3, 1}, "labels have dimensions [3 1]"},
		{"image dims", []int{12}, []int{12}, "images have dimensions [12]"},
	} {
		_, err := IDXDataset(tt.imgDims, make([]byte, 12), tt.labs, make([]byte, 3), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: IDXDataset error %v, want one with %q", tt.name, err, tt.want)
		}
	}
	if _, err := IDXDataset([]int{1, 1}, []byte{0}, []int{1}, []byte{3}, []string{"a", "b"}); err == nil || !strings.Contains(err.Error(), "label 3 but only 2 classes") {
		t.Errorf("a label past the class names: error %v", err)
	}
}

// TestLoadMNISTFiles: a directory of tiny IDX files, some compressed, and
// one whose test labels do not match its images.
func TestLoadMNISTFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("train-images-idx3-ubyte.gz", gz(idxBytes([]int{2, 1, 2}, []byte{0, 255, 255, 0})))
	write("train-labels-idx1-ubyte", idxBytes([]int{2}, []byte{1, 0}))
	write("t10k-images-idx3-ubyte", idxBytes([]int{1, 1, 2}, []byte{255, 255}))
	write("t10k-labels-idx1-ubyte.gz", gz(idxBytes([]int{1}, []byte{1})))
	train, test, err := LoadMNIST(dir, []string{"left", "right"})
	if err != nil {
		t.Fatal(err)
	}
	if train.X.Rows != 2 || test.X.Rows != 1 || !cmp.Equal(train.Labels, []int{1, 0}) || !cmp.Equal(test.ClassNames, []string{"left", "right"}) {
		t.Errorf("train %v %v, test %v %v", train.X, train.Labels, test.X, test.ClassNames)
	}
	// Without names, a test label the training set lacks (2) is still a
	// class of both halves: Classes and ClassNames agree.
	write("t10k-images-idx3-ubyte", idxBytes([]int{2, 1, 2}, []byte{255, 255, 0, 0}))
	write("t10k-labels-idx1-ubyte.gz", gz(idxBytes([]int{2}, []byte{2, 0})))
	train, test, err = LoadMNIST(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*Dataset{train, test} {
		if d.Classes != 3 || !cmp.Equal(d.ClassNames, []string{"0", "1", "2"}) {
			t.Errorf("unnamed labels: Classes %d, ClassNames %q; want 3 and [0 1 2] in both halves", d.Classes, d.ClassNames)
		}
	}
	if cm := ConfusionMatrix(test.Labels, test.Labels, train.Classes); cm[2][2] != 1 {
		t.Errorf("confusion matrix of the test labels %v", cm)
	}
	write("t10k-images-idx3-ubyte", idxBytes([]int{1, 1, 2}, []byte{255, 255}))
	if _, _, err := LoadMNIST(dir, nil); err == nil || !strings.Contains(err.Error(), "1 images but 2 labels") {
		t.Errorf("mismatched test files: error %v", err)
	}
	os.Remove(filepath.Join(dir, "t10k-labels-idx1-ubyte.gz"))
	if _, _, err := LoadMNIST(dir, nil); err == nil || !strings.Contains(err.Error(), "no t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte.gz") {
		t.Errorf("a missing file: error %v", err)
	}
}

// TestFashionMNIST reads the real files when Debian's package is installed.
func TestFashionMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 70000 images (400 MB as float64)")
	}
	dir := filepath.Join(DatasetDir, "fashion-mnist")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is not there (apt-get install -y dataset-fashion-mnist)", dir)
	}
	train, test, err := LoadNamed("fashion-mnist")
	if err != nil {
		t.Fatal(err)
	}
	if train.X.Rows != 60000 || test.X.Rows != 10000 || train.X.Cols != 784 || train.Classes != 10 {
		t.Errorf("fashion-mnist: %d training and %d test samples of %d pixels, %d classes; want 60000, 10000, 784, 10",
			train.X.Rows, test.X.Rows, train.X.Cols, train.Classes)
	}
	count := make([]int, 10)
	for _, y := range test.Labels {
		count[y]++
	}
	for c, n := range count { // the test set has 1000 of each class
		if n != 1000 {
			t.Errorf("class %s has %d test samples, want 1000", test.ClassNames[c], n)
		}
	}
	lo, hi := 1.0, 0.0
	for _, v := range train.X.Data {
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo != 0 || hi != 1 {
		t.Errorf("pixels span [%v, %v], want [0, 1]", lo, hi)
	}
}

// TestNamed: the embedded data sets and the names that are not.
func TestNamed(t *testing.T) {
	iris, test, err := LoadNamed("iris")
	if err != nil || test != nil || iris.X.Rows != 150 || iris.X.Cols != 4 || iris.ClassName(2) != "virginica" {
		t.Errorf("iris: %v, test %v, error %v", iris, test, err)
	}
	digits := Digits()
	if digits.X.Rows != 1797 || digits.X.Cols != 64 || digits.Classes != 10 || digits.ClassName(7) != "7" {
		t.Errorf("digits: %d×%d, %d classes", digits.X.Rows, digits.X.Cols, digits.Classes)
	}
	if _, _, err := LoadNamed("cifar"); err == nil || !strings.Contains(err.Error(), `no data set is called "cifar"`) {
		t.Errorf("LoadNamed(cifar) error %v", err)
	}
	old := DatasetDir
	DatasetDir = t.TempDir()
	defer func() { DatasetDir = old }()
	if _, _, err := LoadNamed("fashion-mnist"); err == nil || !strings.Contains(err.Error(), "apt-get install -y dataset-fashion-mnist") {
		t.Errorf("missing fashion-mnist: error %v, want the apt-get line", err)
	}
}

// FuzzReadIDX: ReadIDX never panics, and what it accepts has as many bytes
// as its dimensions say.
func FuzzReadIDX(f *testing.F) {
	f.Add(idxBytes([]int{3, 2, 2}, make([]byte, 12)))
	f.Add(gz(idxBytes([]int{2}, []byte{1, 2})))
	f.Add([]byte{0, 0, 8, 1, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		dims, data, err := ReadIDX(bytes.NewReader(b), "fuzz")
		if err != nil {
			return
		}
		n := 1
		for _, d := range dims {
			n *= d
		}
		if n != len(data) {
			t.Fatalf("dimensions %v but %d bytes", dims, len(data))
		}
		if len(dims) >= 2 && n > 0 { // n > 0 bounds dims[0] by the input's length
			labels := make([]byte, dims[0])
			if _, err := IDXDataset(dims, data, []int{dims[0]}, labels, nil); err != nil && n > 0 {
				t.Fatalf("IDXDataset of a valid file: %v", err)
			}
		}
	})
}
