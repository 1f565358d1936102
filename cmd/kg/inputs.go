package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/dustin/go-humanize"
	"github.com/kg/kg/extract"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// readOptions are the reading flags of the commands that put articles into
// a graph, kg build and kg submit: both read through readForGraph, so a
// folder is read alike whichever way it goes.
type readOptions struct {
	maxSize       int64
	jobs          int
	follow        bool
	dateFromMtime bool
	langs         []string
	// lang is made from langs by check.
	lang func(text string) string
}

// add adds --max-size, --jobs (-j, what it bounds said by jobsHelp),
// --follow-symlinks, --lang and --date-from-mtime.
func (r *readOptions) add(f *pflag.FlagSet, jobsHelp string) {
	r.maxSize = extract.DefaultMaxBytes
	f.Var(byteSize{&r.maxSize}, "max-size", "largest article file to read: bytes, or with a unit (500KB, 10MB, 2MiB)")
	f.IntVarP(&r.jobs, "jobs", "j", runtime.NumCPU(), jobsHelp)
	addFollowFlag(f, &r.follow)
	addLangFlag(f, &r.langs)
	f.BoolVar(&r.dateFromMtime, "date-from-mtime", false, "date an article without a date by its file's modification time (by default such an article has no date)")
}

// check refuses flag values that mean nothing, before anything connects.
func (r *readOptions) check() error {
	if err := checkCommonFlags(r.maxSize, r.jobs); err != nil {
		return err
	}
	lang, err := langChecker(r.langs)
	r.lang = lang
	return err
}

// inputAccount is what a command that puts articles into a graph says of
// the inputs it did not turn into articles: every file or article left out
// and every input that failed, each with why (readForGraph fills it).
type inputAccount struct {
	// Failures name every input that failed, with why.
	Failures []failure `json:"failed"`
	// Left names every file or article left out, with why: not an article
	// format, a symbolic link not followed, empty, another language, a copy.
	Left []leftOut `json:"skipped"`
}

// leftOut is a file or article left out, and why.
type leftOut struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

type failure struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

func (a *inputAccount) leave(path, why string) { a.Left = append(a.Left, leftOut{path, why}) }

func (a *inputAccount) failed(path string, err error) {
	a.Failures = append(a.Failures, failure{path, err.Error()})
}

// lists makes empty lists print as [] in JSON, not null.
func (a *inputAccount) lists() {
	if a.Failures == nil {
		a.Failures = []failure{}
	}
	if a.Left == nil {
		a.Left = []leftOut{}
	}
}

// readForGraph reads the articles of args as kg build and kg submit both
// do, one code path for both: files that are not articles, empty articles,
// articles in a language --lang does not accept, articles named twice and
// copies (the same bytes as an earlier path) are named on stderr (unless
// quiet) and recorded in acc as left out; inputs that cannot be read are
// named and recorded as failed. run says what else to do (extract, and
// skip what a store holds, or only read; run.dedupe is told each copy's id,
// to take back a copy stored before); emit gets every article that is left.
// It returns how many inputs failed and whether ctx stopped it early.
func readForGraph(ctx context.Context, cmd *cobra.Command, x *extract.Extractor, args []string, o *readOptions, quiet bool,
	run extractRun, acc *inputAccount, emit func(result) error) (failed int, stopped bool, err error) {
	run.maxSize, run.jobs, run.followSymlinks, run.dateFromMtime = o.maxSize, o.jobs, o.follow, o.dateFromMtime
	run.lang, run.quiet = o.lang, quiet
	run.left, run.failure = acc.leave, acc.failed
	if run.dedupe == nil {
		run.dedupe = func(string) {} // nothing stored to take back
	}
	return extractAll(ctx, cmd, x, args, run, emit)
}

// formatsHelp lists every article format kg reads, for the --help of each
// command that reads articles. It is made from extract.Extensions, so a new
// reader shows up here by itself.
func formatsHelp() string {
	return `Articles: ` + strings.Join(extract.Extensions, ", ") + ` files.
  .txt, .text           plain text
  .md, .markdown        Markdown, optional YAML front matter (title, url, date)
  .html, .htm           saved web pages, reduced to their title, date and main text
  .jsonl                one article a line: {"text" (or body, content), "title", "url", "date", "id"}
  .json                 one such record, or an array of them
Folders are searched recursively; hidden files are left out, and other files
are skipped and named on stderr (and in --json). A path named on the command
line is read whatever its ending.`
}

// checkPaths refuses a path that does not exist before anything is opened,
// written or extracted: a typo is a usage error (exit 2), not a failed
// build that leaves an empty store behind.
func checkPaths(args []string) error {
	for _, a := range args {
		if a == "-" {
			continue
		}
		if _, err := os.Stat(a); errors.Is(err, fs.ErrNotExist) {
			return usageErr("%s: no such file or folder; nothing was done", a)
		}
	}
	return nil
}

// byteSize is a size flag that takes units: 10KB, 5MB, 2MiB, 1.5GB, or a
// plain number of bytes (go-humanize reads them: KB is 1000 bytes, KiB
// 1024).
type byteSize struct{ n *int64 }

func (b byteSize) String() string {
	if b.n == nil {
		return ""
	}
	return humanize.IBytes(uint64(max(*b.n, 0)))
}

func (b byteSize) Set(s string) error {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-") {
		return fmt.Errorf("must be a positive size, got %s", s)
	}
	v, err := humanize.ParseBytes(s)
	if err != nil {
		return fmt.Errorf("%q is not a size: write bytes or a number with a unit, e.g. 500KB, 10MB, 2MiB", s)
	}
	if v > 1<<62 {
		return fmt.Errorf("%s is too large", s)
	}
	*b.n = int64(v)
	return nil
}

func (b byteSize) Type() string { return "size" }

// storeOrNeo4j decides which store a command writes or reads: an explicit
// --store beside --neo4j is a usage error (two targets, one would be
// silently ignored); an explicit --store wins over NEO4J_URI from the
// environment (flags beat the environment).
func storeOrNeo4j(cmd *cobra.Command, uriFlag string, uri *string) error {
	if !cmd.Flags().Changed("store") {
		return nil
	}
	if uriFlag != "" {
		return usageErr("--store and --neo4j name two different targets; give one (--store for the local SQLite file, --neo4j for a server)")
	}
	*uri = ""
	return nil
}

// describeLeft says in one line which files a walk left out: how many, by
// ending, with the first few names of each (--json lists them all).
func describeLeft(left []extract.PathError) string {
	byKind := map[string][]string{}
	var kinds []string
	for _, l := range left {
		k := strings.ToLower(filepath.Ext(l.Path))
		if strings.HasPrefix(l.Err.Error(), "symbolic link") {
			k = "symbolic link, not followed"
		} else if k == "" {
			k = "without an ending"
		}
		if _, ok := byKind[k]; !ok {
			kinds = append(kinds, k)
		}
		byKind[k] = append(byKind[k], l.Path)
	}
	sort.Strings(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		names := byKind[k]
		shown := names[:min(len(names), 3)]
		more := ""
		if len(names) > len(shown) {
			more = fmt.Sprintf(", and %d more", len(names)-len(shown))
		}
		parts[i] = fmt.Sprintf("%d %s (%s%s)", len(names), k, strings.Join(shown, ", "), more)
	}
	return fmt.Sprintf("%s skipped, not articles: %s", plural(len(left), "file"), strings.Join(parts, "; "))
}
