module example.com/nn

go 1.26
