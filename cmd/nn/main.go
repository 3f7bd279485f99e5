// Command nn is the command line of the nn library: it trains networks on
// the notes' examples and on real data, keeps and uses the models, and shows
// the notes happen.
//
// Usage:
//
//	nn <command> [flags]
//
// Run "nn help" for the list of commands and "nn help <command>" (or
// "nn <command> -h") for one of them. With no command, nn runs the tour of
// the notes.
package main

import (
	"context"
	"io"
	"os"
	"strings"
)

func main() {
	ctx, stop := interruptContext(os.Args[1:])
	code := exitCode(run(ctx, os.Args[1:], os.Stdout, os.Stderr), os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program: tests call it in-process. Results go to stdout,
// progress and diagnostics to stderr. Errors come back prefixed with the
// command's name ("train: …").
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return runCommand(ctx, cmdTour, nil, stdout, stderr)
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		return help(args[1:], stdout)
	}
	for _, c := range commands {
		if c.Name == name {
			return runCommand(ctx, c, args[1:], stdout, stderr)
		}
	}
	if strings.HasPrefix(name, "-") {
		return usageError(": flag %s before a command; run \"nn help\" for the commands", name)
	}
	return usageError(": unknown command %q; run \"nn help\" for the commands", name)
}
