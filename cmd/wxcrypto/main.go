// Command wxcrypto debugs real mini-program payloads and runs test-vector
// files with the wxcrypto library.
//
// Usage:
//
//	wxcrypto demo                 run the documented examples end to end
//	wxcrypto decrypt [flags]      decrypt and verify a real payload
//	wxcrypto cloud [flags]        read and verify the cloudID fields of a cloud-call event
//	wxcrypto sign KIND [flags]    compute or verify session, pay and rawData signatures
//	wxcrypto msghash [flags]      compute encrypted_msg_hash for checkEncryptedData
//	wxcrypto xxtea encrypt|decrypt  XXTEA as 189 cloud uses it
//	wxcrypto open189 [flags]      open a 189 cloud authorizeUserInfo answer
//	wxcrypto push KIND [flags]    message push: verify a URL check, decrypt a push, encrypt a reply
//	wxcrypto vectors PATH...      run vector files (spec/vectors.md)
//
// Run "wxcrypto COMMAND -h" for a command's flags. Secrets can come from
// flags, environment variables or standard input, so that they need not sit
// in shell history.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// env is the process environment, a parameter so tests can supply theirs.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type command struct {
	summary string
	run     func(e *env, args []string) int
}

var commands = map[string]command{
	"demo":    {"run the documented examples end to end", runDemo},
	"decrypt": {"decrypt and verify a real open-data payload", runDecrypt},
	"cloud":   {"read a cloud function's event: cloudID fields, verified", runCloud},
	"vectors": {"run test-vector files and folders", runVectors},
	"sign":    {"compute or verify session, xpay and rawData signatures", runSign},
	"msghash": {"compute encrypted_msg_hash, or parse a checkEncryptedData answer", runMsgHash},
	"xxtea":   {"XXTEA encrypt or decrypt, as 189 cloud uses it", runXXTEA},
	"open189": {"open a 189 cloud authorizeUserInfo answer end to end", runOpen189},
	"push":    {"message push in safe mode: URL check, decrypt a push, encrypt a reply", runPush},
}

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // the data or a vector failed
	exitUsage = 2 // the command line is wrong
)

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "wxcrypto: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return cmd.run(e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: wxcrypto COMMAND [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-8s  %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'wxcrypto COMMAND -h' for a command's flags.")
}

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints its usage to the right stream.
func newFlagSet(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: wxcrypto %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; it returns a non-negative exit status when the command
// should stop (after -h, or on a usage error).
func parse(e *env, fs *flag.FlagSet, args []string) int {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(e.stdout)
		fs.Usage()
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	return -1
}

// secrets resolves values that may come from a flag, an environment
// variable, or standard input (a flag value of "-"). Standard input can be
// read only once.
type secrets struct {
	e         *env
	stdinUsed bool
}

func (s *secrets) get(flagName, flagValue, envName string) (string, error) {
	v := flagValue
	if v == "" {
		v = s.e.getenv(envName)
	}
	if v != "-" {
		return v, nil
	}
	b, err := s.read(flagName, "-", maxSecretSize)
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// maxSecretSize caps a value read from standard input.
const maxSecretSize = 16 << 20

// read returns the contents of the file name, or of standard input for
// "-", for the flag called flagName; more than max bytes is an error rather
// than a silent cut.
func (s *secrets) read(flagName, name string, max int64) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		if s.stdinUsed {
			return nil, fmt.Errorf("-%s: standard input is already used by another value", flagName)
		}
		s.stdinUsed = true
		r = s.e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("-%s: %v", flagName, err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("-%s: %v", flagName, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("-%s: larger than %d bytes", flagName, max)
	}
	return b, nil
}
