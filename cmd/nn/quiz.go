package main

import (
	"context"
	"errors"
	"flag"
	"io"
)

// cmdQuiz is a placeholder, to be replaced by the real command.
var cmdQuiz = &command{
	Name:      "quiz",
	UsageLine: "quiz",
	Short:     "(not built yet)",
	Long:      "Not built yet.",
	Flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		return func(_ context.Context, args []string, stdout, _ io.Writer) error {
			_ = errors.New
			if err := noArgs(args); err != nil {
				return err
			}
			return errors.New("not built yet")
		}
	},
}
