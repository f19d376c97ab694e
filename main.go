// Command connectorlint lints Power Platform custom connectors. See README.md.
//
//go:generate go run ./internal/cmd/gendocs
package main

import (
	"os"

	"github.com/connectorlint/connectorlint/internal/action"
	"github.com/connectorlint/connectorlint/internal/cli"
)

func main() {
	// The Docker action runs the binary with no arguments and its inputs in INPUT_* variables.
	if action.IsActionMode(os.Args[1:], os.Getenv) {
		os.Exit(action.Main(action.Env{Getenv: os.Getenv, Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	isTTY := false
	if fi, err := os.Stdout.Stat(); err == nil {
		isTTY = fi.Mode()&os.ModeCharDevice != 0
	}
	os.Exit(cli.Main(os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, IsTerminal: isTTY}))
}
