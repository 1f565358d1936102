// Command kg turns folders of news articles into a knowledge graph.
//
// It is a thin layer over the extract and graph packages: flags, settings,
// wiring, output and exit codes.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"

	"github.com/spf13/cobra"
)

// Exit codes, as documented in `kg --help`.
const (
	exitOK      = 0 // everything worked
	exitPartial = 1 // some inputs failed; the others were processed
	exitUsage   = 2 // bad flags, settings or schema: nothing was done
	exitFailure = 3 // the work could not be done (e.g. Neo4j unreachable)
)

// exitError carries an exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, a ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, a...)}
}

const rootHelp = `kg reads news articles and turns them into a knowledge graph: the people,
organizations, countries, groups, places and weapons they name, and the
relations between them, each with the sentence that supports it.

Exit codes:
  0  success
  1  some inputs failed (each named on stderr); the others were processed
  2  usage error: bad flag, setting or schema; nothing was done
  3  the work could not be done (for example, Neo4j could not be reached)`

func newRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "kg",
		Short:         "Build a knowledge graph from news articles",
		Long:          rootHelp,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Example: `  kg extract examples/articles/isis-k-kabul-airport-threat.txt
  kg extract --format jsonl examples/articles/
  cat article.txt | kg extract -`,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr("%w", err) })
	// Every command, in one list: what kg can do is read here.
	root.AddCommand(
		newExtractCmd(), newBuildCmd(), newStatsCmd(), newExportCmd(), newLoadCmd(), // articles to a graph, and out of it
		newCurateCmd(),                                              // an analyst's corrections
		newSubmitCmd(), newWorkerCmd(), newSinkCmd(), newQueueCmd(), // the same at scale, around NATS
		newSchemaCmd(), newTrainCmd(), newEvalCmd(), // the schema and the models
	)
	return root
}

// version says which kg this is, from the build info: the module version
// (set by go install MODULE@VERSION, or stamped from git by go build in a
// checkout) and the VCS revision, its time and whether the tree was
// modified; "go run" and -buildvcs=false stamp no revision, and it says so.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel (no build info)"
	}
	return formatVersion(info)
}

func formatVersion(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	out := v
	if info.Main.Path != "" {
		out += " (" + info.Main.Path
	} else {
		out += " ("
	}
	if rev == "" {
		out += ", no VCS revision: built by go run or with -buildvcs=false"
	} else {
		out += ", revision " + rev
		if at != "" {
			out += " of " + at
		}
		if dirty {
			out += ", with uncommitted changes"
		}
	}
	if info.GoVersion != "" {
		out += ", " + info.GoVersion
	}
	return out + ")"
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// Errors and progress name files and quote articles: no control or
	// bidirectional characters from them reach the terminal.
	stderr = safeWriter{stderr}
	root := newRoot(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "kg: "+err.Error())
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	// Cobra's own errors (unknown command, wrong argument count) are usage errors.
	return exitUsage
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// gcPercent is the garbage collector's target once the models are loaded,
// when GOGC is not set: the heap may grow by half its live size between
// collections, not by all of it (Go's default, 100). kg's live heap is then
// its models and the article in hand, and what an article's analysis
// allocates is garbage soon after; at 100 a large article's peak memory
// was nearly twice its live heap. At 50, one article of 1 MB of varied news
// text peaks at 77 MB a MB instead of 130, for no measurable CPU
// (docs/store.md, "One large article"). Loading keeps Go's default: at 50
// starting kg took a fifth more CPU. GOGC set in the environment wins.
const gcPercent = 50

var tuneGCOnce sync.Once

// tuneGC sets gcPercent, once, unless GOGC is set.
func tuneGC() {
	tuneGCOnce.Do(func() {
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(gcPercent)
		}
	})
}
