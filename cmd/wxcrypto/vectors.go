package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/wxcrypto/wxcrypto/internal/vectors"
)

func runVectors(e *env, args []string) int {
	fs := newFlagSet(e, "vectors", "vectors PATH...\n\nRuns every case of the vector files named, and of every *.json file below the\nfolders named, prints one line per failing case and then 'N passed, N failed'.\nExits 0 only if every case passed and every file was well-formed.\nFormat: spec/vectors.md (wxcrypto-vectors/v1). With -json, prints\n{\"passed\":N,\"failed\":N} and, on failure, the failures as well.")
	if rc := parseWithArgs(e, fs, args); rc >= 0 {
		return rc
	}
	if fs.NArg() == 0 {
		return e.usageError(errors.New("missing PATH: name vector files or folders"))
	}
	lines := e.stdout
	if e.json {
		lines = io.Discard
	}
	r := vectors.Run(lines, fs.Args()...)
	result := map[string]any{"passed": r.Passed, "failed": r.Failed}
	if !r.OK() {
		failures := make([]string, len(r.Failures))
		for i, f := range r.Failures {
			failures[i] = f.String()
		}
		if !e.json {
			fmt.Fprintln(e.stdout, r.Summary())
			return exitFail
		}
		result["failures"] = failures
		e.report(failure{Error: r.Summary(), Class: "vectors"}, result)
		return exitFail
	}
	return e.done(result, func(w io.Writer) { fmt.Fprintln(w, r.Summary()) })
}
