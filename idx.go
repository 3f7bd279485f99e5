package nn

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// ReadIDX reads a file in the IDX format of MNIST and Fashion-MNIST,
// compressed with gzip or not (it looks at the first bytes, not the name):
//
//	magic:      0x00 0x00, the type (0x08: unsigned byte), the number of dimensions d
//	dimensions: d big-endian uint32 values, n_1 … n_d
//	data:       n_1·…·n_d values, the last dimension varying fastest
//
// It returns the dimensions and the data. Only unsigned bytes (type 0x08),
// the type of both data sets, are read. name is used in error messages,
// which say what is wrong: a bad magic number, a file that ends before its
// data does, or data left over after it.
func ReadIDX(r io.Reader, name string) (dims []int, data []byte, err error) {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		z, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		defer z.Close()
		br = bufio.NewReader(z)
	}
	var magic [4]byte
	if _, err := io.ReadFull(br, magic[:]); err != nil {
		return nil, nil, fmt.Errorf("%s: no IDX magic number: %w", name, err)
	}
	if magic[0] != 0 || magic[1] != 0 {
		return nil, nil, fmt.Errorf("%s: bad magic number % x: an IDX file starts with 00 00", name, magic)
	}
	if magic[2] != 0x08 {
		return nil, nil, fmt.Errorf("%s: IDX data type 0x%02x; only unsigned bytes (0x08) are read", name, magic[2])
	}
	d := int(magic[3])
	if d == 0 {
		return nil, nil, fmt.Errorf("%s: IDX file with 0 dimensions", name)
	}
	raw := make([]byte, 4*d)
	if _, err := io.ReadFull(br, raw); err != nil {
		return nil, nil, fmt.Errorf("%s: truncated in its %d dimensions", name, d)
	}
	n := int64(1)
	dims = make([]int, d)
	for i := range d {
		dims[i] = int(binary.BigEndian.Uint32(raw[4*i:]))
		if dims[i] > 0 && n > (1<<40)/int64(dims[i]) { // checked before n·dims[i] can wrap
			return nil, nil, fmt.Errorf("%s: dimensions %v are too large", name, dims[:i+1])
		}
		n *= int64(dims[i])
		if n > 1<<40 {
			return nil, nil, fmt.Errorf("%s: dimensions %v are too large", name, dims[:i+1])
		}
	}
	// Read what is there, at most n + 1 bytes, so that a file that claims
	// more than it holds is an error, not a huge allocation.
	data, err = io.ReadAll(io.LimitReader(br, n+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	switch {
	case int64(len(data)) < n:
		return nil, nil, fmt.Errorf("%s: truncated: dimensions %v need %d bytes of data, the file has %d", name, dims, n, len(data))
	case int64(len(data)) > n:
		return nil, nil, fmt.Errorf("%s: more data than dimensions %v hold (%d bytes)", name, dims, n)
	}
	return dims, data, nil
}

// LoadIDX reads the IDX file at path with ReadIDX.
func LoadIDX(path string) (dims []int, data []byte, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return ReadIDX(f, path)
}

// IDXDataset makes a data set of IDX images and labels: images has
// dimensions n × rows × cols (or n × k), and each image becomes a row of X
// with its bytes scaled to [0, 1] (x = byte/255); labels has dimension n and
// values 0 … 9 or any bytes, numbered as ClassNames lists them. It returns an
// error if the counts of images and labels differ. classNames, if not nil,
// names the labels 0, 1, 2, …; otherwise the names are the label values.
func IDXDataset(imgDims []int, img []byte, labDims []int, lab []byte, classNames []string) (*Dataset, error) {
	switch {
	case len(imgDims) < 2:
		return nil, fmt.Errorf("images have dimensions %v; want a count and the size of an image", imgDims)
	case len(labDims) != 1:
		return nil, fmt.Errorf("labels have dimensions %v; want one, the count", labDims)
	case imgDims[0] != labDims[0]:
		return nil, fmt.Errorf("%d images but %d labels", imgDims[0], labDims[0])
	case imgDims[0] == 0:
		return nil, errors.New("no images")
	}
	n := imgDims[0]
	k := len(img) / n
	if k == 0 {
		return nil, fmt.Errorf("images have dimensions %v: no pixels", imgDims)
	}
	if len(img) != n*k || len(lab) != n {
		return nil, fmt.Errorf("%d bytes of images and %d of labels do not make %d samples", len(img), len(lab), n)
	}
	d := &Dataset{X: NewMatrix(n, k), Labels: make([]int, n)}
	for i, v := range img {
		d.X.Data[i] = float64(v) / 255
	}
	var top byte
	for _, y := range lab {
		top = max(top, y)
	}
	if classNames != nil && int(top) >= len(classNames) {
		return nil, fmt.Errorf("label %d but only %d classes", top, len(classNames))
	}
	d.Classes = int(top) + 1
	if classNames != nil {
		d.Classes = len(classNames)
	}
	for i, y := range lab {
		d.Labels[i] = int(y)
	}
	for c := range d.Classes {
		if classNames != nil {
			d.ClassNames = append(d.ClassNames, classNames[c])
		} else {
			d.ClassNames = append(d.ClassNames, fmt.Sprint(c))
		}
	}
	return d, nil
}

// idxPair loads images and labels from two IDX files into a data set.
func idxPair(images, labels string, classNames []string) (*Dataset, error) {
	id, img, err := LoadIDX(images)
	if err != nil {
		return nil, err
	}
	ld, lab, err := LoadIDX(labels)
	if err != nil {
		return nil, err
	}
	d, err := IDXDataset(id, img, ld, lab, classNames)
	if err != nil {
		return nil, fmt.Errorf("%s and %s: %w", images, labels, err)
	}
	return d, nil
}
