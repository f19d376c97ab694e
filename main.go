// Command connectorlint lints Power Platform custom connectors. See README.md.
//
//go:generate go run ./internal/cmd/gendocs
package main

import (
	"os"

	"github.com/connectorlint/connectorlint/internal/cli"
)

func main() {
	isTTY := false
	if fi, err := os.Stdout.Stat(); err == nil {
		isTTY = fi.Mode()&os.ModeCharDevice != 0
	}
	os.Exit(cli.Main(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, IsTerminal: isTTY}))
}
