package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dustin/go-humanize"
	"github.com/kg/kg/extract"
	"github.com/spf13/cobra"
)

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
