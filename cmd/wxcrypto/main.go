// Command wxcrypto debugs real mini-program payloads and runs test-vector
// files with the wxcrypto library.
//
// Usage:
//
//	wxcrypto demo                 run the documented examples end to end
//	wxcrypto decrypt [flags]      decrypt and verify a real payload
//	wxcrypto encrypt [flags]      make an open-data fixture with a watermark
//	wxcrypto cloud [flags]        read and verify the cloudID fields of a cloud-call event
//	wxcrypto answer KIND [flags]  read a code2Session or getuserphonenumber answer
//	wxcrypto sign KIND [flags]    compute or verify session, pay and rawData signatures
//	wxcrypto msghash [flags]      compute encrypted_msg_hash for checkEncryptedData
//	wxcrypto xxtea encrypt|decrypt  XXTEA as 189 cloud uses it
//	wxcrypto open189 [flags]      open a 189 cloud authorizeUserInfo answer
//	wxcrypto push KIND [flags]    message push: verify a URL check, decrypt a push, encrypt a reply
//	wxcrypto vectors PATH...      run vector files (spec/vectors.md)
//
// Run "wxcrypto COMMAND -h" for a command's flags. Every command takes
// -json: it then prints exactly one JSON object on standard output, its
// result or {"error":...,"class":...,"code":...}, with the same exit
// statuses (0 success, 1 the data failed, 2 the command line is wrong).
// Secrets can come from flags, environment variables or standard input, so
// that they need not sit in shell history.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wxcrypto/wxcrypto/internal/errclass"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// env is the process environment, a parameter so tests can supply theirs,
// and the state of the command being run.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string

	cmd  string // the command's name, for messages
	json bool   // -json: one JSON object on standard output, success or failure
}

type command struct {
	summary string
	run     func(e *env, args []string) int
}

var commands = map[string]command{
	"demo":    {"run the documented examples end to end", runDemo},
	"decrypt": {"decrypt and verify a real open-data payload", runDecrypt},
	"encrypt": {"make an open-data fixture: encryptedData and iv with a watermark", runEncrypt},
	"cloud":   {"read a cloud function's event: cloudID fields, verified", runCloud},
	"answer":  {"read a code2Session or getuserphonenumber answer, verified", runAnswer},
	"vectors": {"run test-vector files and folders", runVectors},
	"sign":    {"compute or verify session, xpay and rawData signatures", runSign},
	"msghash": {"compute encrypted_msg_hash, or parse a checkEncryptedData answer", runMsgHash},
	"xxtea":   {"XXTEA encrypt or decrypt, as 189 cloud uses it", runXXTEA},
	"open189": {"open a 189 cloud authorizeUserInfo answer end to end", runOpen189},
	"push":    {"message push in safe mode: URL check, decrypt a push, encrypt a reply", runPush},
}

// Exit statuses, the same with and without -json.
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
		if wantsJSON(args[1:]) { // a script's typo gets its one JSON object too
			e.json = true
			return e.usageError(fmt.Errorf("unknown command %q: run 'wxcrypto help' for the list", args[0]))
		}
		fmt.Fprintf(stderr, "wxcrypto: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	e.cmd = args[0]
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
	fmt.Fprintln(w, "\nRun 'wxcrypto COMMAND -h' for a command's flags. Every command takes -json.")
}

// How a command is written, so that every command, including ones added
// later, has -json, help printed once and the same exit statuses:
//
//	fs := newFlagSet(e, "name", synopsis) // adds -json
//	...define flags...
//	if rc := parse(e, fs, args); rc >= 0 { // parseKind for sign pay and the like
//		return rc // -h was printed, or the flags or arguments were wrong
//	}
//	if err := missing(need{v, "-flag (or WXCRYPTO_X)"}, ...); err != nil {
//		return e.usageError(err) // exit 2, names every missing value
//	}
//	...
//	if err != nil {
//		return e.fail(err) // exit 1: error, class and code from the library
//	}
//	return e.done(v, text) // exit 0: v as JSON with -json, else text
//
// With -json a command writes nothing itself (e.json tells it): standard
// output must hold exactly one JSON object, the one these helpers print.
// TestJSONEveryCommand holds every command in the table to this.

// newFlagSet returns a flag set that reports errors instead of exiting,
// with the -json flag every command has. Its usage goes to the stream that
// parse chooses.
func newFlagSet(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: wxcrypto %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	fs.BoolVar(&e.json, "json", false, "print one JSON object on standard output: the result, or {\"error\", \"class\", \"code\"} on failure")
	return fs
}

// parse parses args, which must all be flags; it returns a non-negative
// exit status when the command should stop: after -h (help on standard
// output, once), or on a usage error.
func parse(e *env, fs *flag.FlagSet, args []string) int {
	if rc := parseWithArgs(e, fs, args); rc >= 0 {
		return rc
	}
	if fs.NArg() > 0 {
		return e.usageError(fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	return -1
}

// parseWithArgs is parse for a command that takes positional arguments.
func parseWithArgs(e *env, fs *flag.FlagSet, args []string) int {
	// Known before parsing, so that an error in an earlier flag is
	// reported as JSON too.
	e.json = wantsJSON(args)
	// The flag package prints errors and usage itself; silence it, so that
	// help is printed once, to the stream chosen here.
	fs.SetOutput(io.Discard)
	err := parseInterspersed(fs, args)
	fs.SetOutput(e.stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(e.stdout)
		fs.Usage()
		fs.SetOutput(e.stderr)
		return exitOK
	case err != nil:
		if !e.json {
			defer fs.Usage()
		}
		return e.usageError(err)
	}
	return -1
}

// parseInterspersed is fs.Parse that also takes flags after positional
// arguments (vectors testdata/ -json), up to a "--".
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
	return fs.Parse(append([]string{"--"}, positional...))
}

// wantsJSON reports whether args hold -json before any "--".
func wantsJSON(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-json", "--json", "-json=true", "--json=true":
			return true
		}
	}
	return false
}

// failure is what a command prints on failure with -json: the error, its
// class (the error words of spec/vectors.md, from internal/errclass; "usage"
// for a wrong command line) and its code (the platform's errcode, or the
// official demos' open-data code; 0 when neither applies).
type failure struct {
	Error string `json:"error"`
	Class string `json:"class"`
	Code  int64  `json:"code"`
}

// classUsage is the class of a wrong command line.
const classUsage = "usage"

// done ends a successful command: with -json it prints v as one JSON
// object; otherwise it calls text, or prints v indented when text is nil.
func (e *env) done(v any, text func(w io.Writer)) int {
	switch {
	case e.json:
		writeJSON(e.stdout, v, "")
	case text != nil:
		text(e.stdout)
	default:
		writeJSON(e.stdout, v, "  ")
	}
	return exitOK
}

// fail ends a command on an error from the library, with exit status 1.
func (e *env) fail(err error) int {
	return e.failWith(err, nil)
}

// failWith is fail with members of the command's own added to the JSON
// failure object (the fields of a cloud event, the failed vectors), which
// without -json the command has printed already.
func (e *env) failWith(err error, more map[string]any) int {
	f := failure{Error: err.Error(), Class: errclass.Of(err), Code: errclass.Code(err)}
	e.report(f, more)
	return exitFail
}

// usageError ends a command whose command line is wrong, with exit status 2.
func (e *env) usageError(err error) int {
	e.report(failure{Error: err.Error(), Class: classUsage}, nil)
	return exitUsage
}

func (e *env) report(f failure, more map[string]any) {
	if !e.json {
		fmt.Fprintf(e.stderr, "wxcrypto %s: %s\n", e.cmd, f.Error)
		if f.Class != classUsage {
			fmt.Fprintf(e.stderr, "class: %s\n", f.Class)
			if f.Code != 0 {
				fmt.Fprintf(e.stderr, "code: %d\n", f.Code)
			}
		}
		return
	}
	if len(more) == 0 {
		writeJSON(e.stdout, f, "")
		return
	}
	obj := map[string]any{"error": f.Error, "class": f.Class, "code": f.Code}
	for k, v := range more {
		obj[k] = v
	}
	writeJSON(e.stdout, obj, "")
}

func writeJSON(w io.Writer, v any, indent string) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", indent)
	enc.SetEscapeHTML(false)
	enc.Encode(v) // values built here always encode
}

// need is one required value and how to give it, for missing.
type need struct {
	value string
	how   string // such as "-appid (or WXCRYPTO_APPID)"
}

// missing returns an error naming every required value that is empty, or
// nil when none is.
func missing(needs ...need) error {
	var names []string
	for _, n := range needs {
		if n.value == "" {
			names = append(names, n.how)
		}
	}
	if len(names) == 0 {
		return nil
	}
	return errors.New("missing " + strings.Join(names, "; "))
}

// parseKind is parse for a command that has kinds (sign pay, push verify,
// ...) and returns the kind, "" when none is given. The kind comes first,
// but flags are read wherever they are, so "sign -json pay" is taken too;
// any other positional argument is a usage error.
func parseKind(e *env, fs *flag.FlagSet, args []string) (kind string, rc int) {
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		kind, args = args[0], args[1:]
	}
	if rc := parseWithArgs(e, fs, args); rc >= 0 {
		return "", rc
	}
	rest := fs.Args()
	if kind == "" && len(rest) > 0 {
		kind, rest = rest[0], rest[1:]
	}
	if len(rest) > 0 {
		return "", e.usageError(fmt.Errorf("unexpected argument %q", rest[0]))
	}
	return kind, -1
}

// kindError is the usage error of a command without its kind (sign pay,
// push verify, ...): missing, or one the command does not have. what is
// "kind" or "mode"; want lists the forms, such as "sign session or sign pay".
func kindError(what, got, want string) error {
	if got == "" {
		return fmt.Errorf("missing the %s: %s", what, want)
	}
	return fmt.Errorf("unknown %s %q: want %s", what, got, want)
}

// timeFlag is a point in time given as an integer count of unit since the
// epoch (unix seconds for -now) or as RFC 3339 text.
type timeFlag struct {
	t    time.Time
	unit time.Duration // time.Second or time.Millisecond
}

func (f *timeFlag) String() string {
	if f == nil || f.t.IsZero() {
		return ""
	}
	return f.t.UTC().Format(time.RFC3339Nano)
}

func (f *timeFlag) Set(s string) error {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if f.unit == time.Millisecond {
			f.t = time.UnixMilli(n)
		} else {
			f.t = time.Unix(n, 0)
		}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		unit := "unix seconds"
		if f.unit == time.Millisecond {
			unit = "unix milliseconds"
		}
		return fmt.Errorf("want %s or an RFC 3339 time such as 2019-05-25T12:26:00Z", unit)
	}
	f.t = t
	return nil
}

// clock returns the flag's time, or the current time when the flag was not
// given. A command reads the clock once, so that what it checks and what it
// reports are the same instant.
func (f *timeFlag) clock() time.Time {
	if f.t.IsZero() {
		return time.Now()
	}
	return f.t
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
