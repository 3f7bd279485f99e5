package main

import (
	"context"
	"errors"
	"flag"
	"io"
)

// cmdTour is a placeholder, to be replaced by the real command.
var cmdTour = &command{
	Name:      "tour",
	UsageLine: "tour",
	Short:     "(not built yet)",
	Long:      "Not built yet.",
	Flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		return func(_ context.Context, args []string, stdout, _ io.Writer) error {
			_ = errors.New
			if err := noArgs(args); err != nil {
				return err
			}
			return runXOR(stdout, 17, 2, 5000, 500) // until the tour is built: the XOR demonstration
		}
	},
}
