// Command frontline is Frontline's CLI and server: import tracker maps,
// measure area and change, and serve the API.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(m.Stderr, "frontline:", errorText(err))
		os.Exit(exitCode(err))
	}
}
