package main

// What every command shares, in the role of the go command's
// cmd/go/internal/base: the command type and the list, help, the exit codes,
// and running a command with its flags and its Ctrl-C.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"
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

	// CatchInterrupt makes the first Ctrl-C (SIGINT) only cancel the
	// command's ctx, so that it can end its work cleanly (nn train saves
	// its best weights); a second one ends nn at once. A closed standard
	// output then fails writes rather than ending nn (SIGPIPE). Without
	// it, the first Ctrl-C ends nn, as it ends programs, and so does a
	// write to a closed pipe (nn predict | head).
	CatchInterrupt bool
}

// commands lists nn's commands in the order "nn help" shows them.
var commands []*command

func init() {
	commands = []*command{cmdTour, cmdTrain, cmdPredict, cmdExplain, cmdQuiz, cmdPlot, cmdXOR, cmdServe}
}

// usageErr is an error in how nn was called: a bad flag, a stray argument.
// It exits with status 2, the others with 1.
type usageErr struct{ msg string }

// Error returns the message, without the command's name that main prints
// before it.
func (e *usageErr) Error() string { return e.msg }

// usageError returns a usage error with the given message.
func usageError(format string, args ...any) error {
	return &usageErr{fmt.Sprintf(format, args...)}
}

// isUsage reports whether err is, or wraps, a usage error.
func isUsage(err error) bool {
	var u *usageErr
	return errors.As(err, &u)
}

// errHelp is returned when the user asked for help: exit status 0.
var errHelp = flag.ErrHelp

// exitCode prints err once, as "nn: …", and maps it to the exit status:
// 0 for none or help, 2 for a usage error, 1 for anything else.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case isUsage(err):
		fmt.Fprintln(stderr, "nn"+spaced(err.Error()))
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
		if isUsage(err) {
			return usageError("%s: %v (run \"nn %s -h\" for help)", c.Name, err, c.Name)
		}
		return fmt.Errorf("%s: %w", c.Name, err)
	}
	return nil
}

// flagsGiven returns the names of the flags on fs that the command line set.
func flagsGiven(fs *flag.FlagSet) map[string]bool {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	return given
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
	switch args[0] {
	case "-h", "-help", "--help": // help's own help
		fmt.Fprint(stdout, "usage: nn help [command]\n\nHelp lists the commands, or prints the page of one: its usage, what it does\nand its flags.\n")
		return nil
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

// interruptContext returns the context nn runs the command of args with:
// one that the first Ctrl-C cancels if the command catches it
// (CatchInterrupt), from then on leaving Ctrl-C to end nn, and with SIGPIPE
// ignored; else one that Ctrl-C never cancels, since it ends nn. stop
// releases the signal.
func interruptContext(args []string) (ctx context.Context, stop context.CancelFunc) {
	ctx = context.Background()
	c := cmdTour
	if len(args) > 0 {
		c = nil
		for _, d := range commands {
			if d.Name == args[0] {
				c = d
			}
		}
	}
	if c == nil || !c.CatchInterrupt {
		return ctx, func() {}
	}
	// A closed standard output or error (a pipe whose reader the same
	// Ctrl-C ended, as tee's) fails the writes instead of ending nn
	// before it has saved its work.
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop = signal.NotifyContext(ctx, os.Interrupt)
	go func() {
		<-ctx.Done()
		stop() // the second Ctrl-C is the system's: it ends nn
	}()
	return ctx, stop
}

// writeError rewords an error of writing path through a temporary file
// (nn.WriteFileAtomic) so that it names path and the cause, not the
// temporary file; nil stays nil.
func writeError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("save %s: %w", path, pe.Err)
	}
	return err
}

// canWrite reports, as an error, why no file can be written into dir: it
// writes an empty temporary file there and removes it.
func canWrite(dir string) error {
	f, err := os.CreateTemp(dir, ".nn-write-check-*")
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}
