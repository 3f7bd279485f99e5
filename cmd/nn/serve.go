package main

// serve.go: nn serve, the playground in the browser: it parses the flags,
// listens and prints the URL; internal/playground does the rest.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"time"

	"example.com/nn/cmd/nn/internal/playground"
)

var cmdServe = &command{
	Name:      "serve",
	UsageLine: "serve [-addr 127.0.0.1:8080] [-open]",
	// The first Ctrl-C shuts the server down gracefully (runServe).
	CatchInterrupt: true,
	Short:          "the notes' playground in the browser: train a network live and see every number",
	Long: `
Serve starts the playground: a web page where you pick a data set and a
network, press play and watch the library train it, with the output and
every hidden unit drawn over the plane, the loss curves, the gradient of each
layer, and, paused, every number of backpropagation for the point you click
(the trace of nn explain, with "Copy as Markdown"). Presets set up a section
of the notes each: §1, §8, §9, §11, §12, §13.

It prints the URL to open; -open opens it in the system's browser. The page
is built into nn and fetches nothing from the internet. Each browser tab has
its own session; training runs in nn, and pauses when the tab is closed.
Models and CSV files are loaded and saved through the page: nn serve itself
reads and writes no file.

By default it listens on 127.0.0.1 only, so no other computer can reach it;
-addr with another address (0.0.0.0:8080 for a classroom network) prints a
warning, and the others open http://<this computer's IP address>:8080/: the
server answers only to its own address, localhost and IP addresses, never to
another host name (a guard against DNS rebinding), and takes changes only
from its own page. Ctrl-C stops it.

Example:

	nn serve -open
	nn serve -addr 127.0.0.1:9000
`,
	Flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on, host:port (port 0 picks a free one)")
		open := fs.Bool("open", false, "open the page in the system's browser")
		return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			if err := noArgs(args); err != nil {
				return err
			}
			return runServe(ctx, stdout, stderr, *addr, *open)
		}
	},
}

// runServe serves the playground on addr until ctx ends (Ctrl-C), then
// ends every session and shuts the server down.
func runServe(ctx context.Context, stdout, stderr io.Writer, addr string, open bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usageError("-addr %q: %v; want host:port, such as 127.0.0.1:8080", addr, err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("-addr %s: %w", addr, err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String()) // the port, if -addr asked for any (0)
	addr = net.JoinHostPort(host, port)
	pg := playground.NewServer(addr)
	srv := &http.Server{Handler: pg, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	url := pageURL(addr)
	if !playground.Loopback(addr) {
		fmt.Fprintf(stderr, "warning: listening on %s, not only on this computer: anyone who can reach it on the network can use the playground\n", addr)
	}
	fmt.Fprintf(stdout, "The playground is at %s (Ctrl-C stops it)\n", url)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	if open {
		openBrowser(url)
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	pg.Close() // ends the sessions, so that their streams return
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	fmt.Fprintln(stdout, "stopped")
	return nil
}

// pageURL returns the URL of the page at a listening address; an address
// on every interface is opened on this computer as 127.0.0.1.
func pageURL(addr string) string {
	host, port, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// openBrowser opens url in the system's browser, if it has one it can start.
func openBrowser(url string) {
	name, args := "xdg-open", []string{url}
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "cmd", []string{"/c", "start", "", url}
	}
	if _, err := exec.LookPath(name); err != nil {
		return
	}
	cmd := exec.Command(name, args...)
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}
