package main

import (
	"fmt"

	"github.com/wxcrypto/wxcrypto/internal/vectors"
)

func runVectors(e *env, args []string) int {
	fs := newFlagSet(e, "vectors", "vectors PATH...\n\nRuns every case of the vector files named, and of every *.json file below the\nfolders named, prints one line per failing case and then 'N passed, N failed'.\nExits 0 only if every case passed and every file was well-formed.\nFormat: spec/vectors.md (wxcrypto-vectors/v1).")
	if rc := parse(e, fs, args); rc >= 0 {
		return rc
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	r := vectors.Run(e.stdout, fs.Args()...)
	fmt.Fprintln(e.stdout, r.Summary())
	if !r.OK() {
		return exitFail
	}
	return exitOK
}
