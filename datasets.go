package nn

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

//go:embed testdata/iris.csv
var irisCSV []byte

//go:embed testdata/digits.csv.gz
var digitsCSVGz []byte

// Iris returns R. A. Fisher's iris data (testdata/README.md): 150 samples
// of 4 measurements in cm, 3 classes named setosa, versicolor and virginica.
// It is embedded in the package, so it needs no file.
func Iris() *Dataset {
	d, err := ReadCSV(bytes.NewReader(irisCSV), "iris.csv", CSVOptions{Header: true, Label: -1})
	if err != nil {
		panic("Iris: the embedded iris.csv is broken: " + err.Error())
	}
	d.ClassNames = []string{"setosa", "versicolor", "virginica"}
	d.Features = []string{"sepal length", "sepal width", "petal length", "petal width"}
	return d
}

// Digits returns the UCI optical digits (testdata/README.md): 1797 images of
// 8×8 pixels with values 0 … 16, 64 features, classes "0" … "9". It is
// embedded in the package, so it needs no file.
func Digits() *Dataset {
	d, err := ReadCSV(bytes.NewReader(digitsCSVGz), "digits.csv.gz", CSVOptions{Label: -1}) // ReadCSV unzips
	if err != nil {
		panic("Digits: the embedded digits.csv.gz is broken: " + err.Error())
	}
	return d
}

// DatasetDir is where LoadNamed looks for the data sets that are not
// embedded: Debian's dataset-fashion-mnist package puts Fashion-MNIST in
// DatasetDir/fashion-mnist.
var DatasetDir = "/usr/share/datasets"

// FashionMNISTClasses are the names of Fashion-MNIST's labels 0 … 9.
var FashionMNISTClasses = []string{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
	"Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"}

// ErrNoDataset is wrapped by the error LoadNamed and LoadMNIST return when
// the files of a data set are not there.
var ErrNoDataset = errors.New("data set not found")

// LoadMNIST reads a directory of MNIST-style IDX files: the training set
// from train-images-idx3-ubyte and train-labels-idx1-ubyte, the test set
// from t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each with or
// without .gz. Pixels are scaled to [0, 1]. classNames names the labels
// 0, 1, 2, … (nil: the digits themselves). It returns an error wrapping
// ErrNoDataset if a file is missing.
func LoadMNIST(dir string, classNames []string) (train, test *Dataset, err error) {
	find := func(base string) (string, error) {
		for _, p := range []string{base + ".gz", base} {
			path := filepath.Join(dir, p)
			if _, err := os.Stat(path); err == nil {
				return path, nil
			}
		}
		return "", fmt.Errorf("%w: no %s or %s.gz in %s", ErrNoDataset, base, base, dir)
	}
	var paths [4]string
	for i, base := range []string{"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"} {
		if paths[i], err = find(base); err != nil {
			return nil, nil, err
		}
	}
	if train, err = idxPair(paths[0], paths[1], classNames); err != nil {
		return nil, nil, err
	}
	if test, err = idxPair(paths[2], paths[3], classNames); err != nil {
		return nil, nil, err
	}
	if train.X.Cols != test.X.Cols {
		return nil, nil, fmt.Errorf("%s: training images have %d pixels but test images %d", dir, train.X.Cols, test.X.Cols)
	}
	if classNames == nil && train.Classes != test.Classes {
		// Each half numbers its classes up to its own largest label: give
		// both the classes of either, so that a label seen only in the test
		// set is a class the network has an output for (never learned).
		k := max(train.Classes, test.Classes)
		names := make([]string, k)
		for c := range k {
			names[c] = strconv.Itoa(c)
		}
		for _, d := range []*Dataset{train, test} {
			d.Classes, d.ClassNames = k, names
		}
	}
	return train, test, nil
}

// LoadNamed returns the data set called name:
//
//   - "iris", "digits": embedded (Iris, Digits); test is nil, since they
//     have no test set of their own
//   - "fashion-mnist", "mnist": the training and test sets from
//     DatasetDir/<name> (LoadMNIST); if they are missing, the error wraps
//     ErrNoDataset and says how to install them
//
// Any other name is an error wrapping ErrNoDataset.
func LoadNamed(name string) (train, test *Dataset, err error) {
	switch name {
	case "iris":
		return Iris(), nil, nil
	case "digits":
		return Digits(), nil, nil
	case "fashion-mnist", "mnist":
		dir := filepath.Join(DatasetDir, name)
		var classes []string
		if name == "fashion-mnist" {
			classes = FashionMNISTClasses
		}
		train, test, err = LoadMNIST(dir, classes)
		if errors.Is(err, ErrNoDataset) {
			how := "install it with: apt-get install -y dataset-" + name
			if name == "mnist" {
				how = "put its four IDX files (train-images-idx3-ubyte.gz, …) there, or give their directory with -data"
			}
			return nil, nil, fmt.Errorf("%s: %w; %s", name, err, how)
		}
		return train, test, err
	}
	return nil, nil, fmt.Errorf("%w: no data set is called %q (iris, digits, fashion-mnist and mnist are)", ErrNoDataset, name)
}
