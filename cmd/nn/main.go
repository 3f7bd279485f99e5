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
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

// A command is one subcommand of nn, in the manner of the go command:
// UsageLine and Short for "nn help", Long for "nn help <name>" and -h.
type command struct {
	Name      string
	UsageLine string // "train [-data name|file] [-layers 256,128] …"
	Short     string // one line for "nn help"
	Long      string // the page for "nn help <name>", ending with an example

	// Flags declares the command's flags on fs and returns the function
	// that runs it once they are parsed; args are the arguments left after
	// the flags.
	Flags func(fs *flag.FlagSet) func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists nn's commands in the order "nn help" shows them.
var commands []*command

func init() {
	commands = []*command{cmdTour, cmdTrain, cmdPredict, cmdExplain, cmdQuiz, cmdPlot, cmdXOR, cmdServe}
}

// errUsage wraps errors in how nn was called: a bad flag, a stray argument.
// They exit with status 2, the others with 1.
var errUsage = errors.New("usage")

// usageError returns an error wrapping errUsage with the given message.
func usageError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// errHelp is returned when the user asked for help: exit status 0.
var errHelp = flag.ErrHelp

func main() {
	ctx := context.Background()
	if len(os.Args) > 1 && os.Args[1] == "train" {
		// The first Ctrl-C asks nn train to stop after the current step
		// and save its best weights; a second one ends nn at once. The
		// other commands end at the first, as programs do.
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt)
		defer stop()
		go func() {
			<-ctx.Done()
			stop()
		}()
	}
	os.Exit(exitCode(run(ctx, os.Args[1:], os.Stdout, os.Stderr), os.Stderr))
}

// exitCode prints err once, as "nn: …", and maps it to the exit status:
// 0 for none or help, 2 for a usage error, 1 for anything else.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "nn"+spaced(strings.TrimPrefix(err.Error(), "usage: ")))
		return 2
	default:
		fmt.Fprintln(stderr, "nn"+spaced(err.Error()))
		return 1
	}
}

// spaced puts a space before a message that starts with a command's name
// ("nn train: …") and none before one that starts with a colon ("nn: …").
func spaced(msg string) string {
	if strings.HasPrefix(msg, ":") {
		return msg
	}
	return " " + msg
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

// runCommand parses c's flags from args and runs it.
func runCommand(ctx context.Context, c *command, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	body := c.Flags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			commandHelp(c, fs, stdout)
			return errHelp
		}
		return usageError("%s: %v (run \"nn %s -h\" for help)", c.Name, err, c.Name)
	}
	if err := body(ctx, fs.Args(), stdout, stderr); err != nil {
		if errors.Is(err, errHelp) { // -h among later arguments (nn plot boundary -h)
			commandHelp(c, fs, stdout)
			return errHelp
		}
		if errors.Is(err, errUsage) {
			return usageError("%s: %s (run \"nn %s -h\" for help)", c.Name,
				strings.TrimPrefix(err.Error(), "usage: "), c.Name)
		}
		return fmt.Errorf("%s: %w", c.Name, err)
	}
	return nil
}

// noArgs is the check of a command that takes no arguments after its flags.
func noArgs(args []string) error {
	if len(args) > 0 {
		return usageError("unexpected argument %q", args[0])
	}
	return nil
}

// help prints the list of commands, or the page of one.
func help(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, "nn trains perceptrons and multi-layer networks and shows the notes happen.\n\n")
		fmt.Fprint(stdout, "Usage:\n\n\tnn <command> [flags]\n\nThe commands are:\n\n")
		for _, c := range commands {
			fmt.Fprintf(stdout, "\t%-8s %s\n", c.Name, c.Short)
		}
		fmt.Fprint(stdout, "\nWith no command, nn runs the tour. Use \"nn help <command>\" for more about a command.\n")
		return nil
	}
	if len(args) > 1 {
		return usageError("help: one command at a time")
	}
	for _, c := range commands {
		if c.Name == args[0] {
			fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
			c.Flags(fs)
			commandHelp(c, fs, stdout)
			return nil
		}
	}
	return usageError("help: unknown command %q; run \"nn help\" for the commands", args[0])
}

// commandHelp prints c's usage line, its page and its flags.
func commandHelp(c *command, fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "usage: nn %s\n\n%s\n", c.UsageLine, strings.TrimSpace(c.Long))
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprint(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}
