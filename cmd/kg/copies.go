package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
)

// Copies and moves: one article's bytes support a fact once, whatever paths
// they are found at. An article's id is the hash of its path, so the same
// bytes at another path are another article; these rules keep them from
// counting twice.
//
//   - In one run, the first path with some bytes keeps the article and later
//     ones are copies: named, left out, and taken back if an earlier build
//     stored them (copyIndex).
//   - Against the store: an article not stored as it is, whose bytes the
//     store holds under another path, is a copy of that article when that
//     path still holds the bytes and is not read in this run (it is left
//     out, and not even extracted); when that path no longer holds them (the
//     file was moved or renamed, or rewritten), the article takes the place
//     of the stored one, which the store takes back in the same write
//     (graph.Contribution.Replaces, reported as moved). A stored path read in
//     this run is left to the first rule.

// known is what the store says of an article read.
type known struct {
	// current: stored from these bytes by this extractor under this
	// schema, so it need not be extracted again.
	current bool
	// same are the other articles the store holds from the same bytes.
	same []graph.ArticleRow
}

// sortSame looks at the stored articles with r's bytes under other ids: one
// whose path still holds them and is not read in this run (inRun, by
// absolute path) makes r a copy of it (r.copyOf); those whose paths no
// longer hold them are what r replaces (r.replaces).
func sortSame(r *result, same []graph.ArticleRow, inRun map[string]bool, maxSize int64) {
	for _, s := range same {
		if s.ID == r.id {
			continue
		}
		switch {
		case !holds(s, maxSize):
			r.replaces = append(r.replaces, s)
		case !inRun[s.Source] && r.copyOf == nil:
			r.copyOf = &graph.ArticleRow{ID: s.ID, Path: s.Path, SHA256: s.SHA256, Source: s.Source}
		}
	}
}

// holds reports whether a stored article's file still holds its bytes: it
// exists and one of the articles read from it has those bytes. An article
// read from standard input has no file, and one whose file cannot be read
// now is taken to hold them: only an article known to be gone is replaced.
func holds(a graph.ArticleRow, maxSize int64) bool {
	if a.Source == "" {
		return true
	}
	if _, err := os.Stat(a.Source); errors.Is(err, fs.ErrNotExist) {
		return false
	}
	docs, _, err := extract.ReadArticles(a.Source, maxSize)
	if err != nil {
		return true
	}
	for _, d := range docs {
		if d.SHA256 == a.SHA256 {
			return true
		}
	}
	return false
}

// storedPath names a stored article's file for people: its absolute path
// (the path it was read by may be relative to another folder), with a
// record's position in a JSON file, or the path as read when it has no
// file (standard input).
func storedPath(a graph.ArticleRow) string {
	if a.Source == "" || filepath.IsAbs(a.Path) {
		return a.Path
	}
	if i := strings.LastIndex(a.Path, ":"); i > 0 && filepath.Base(a.Path[:i]) == filepath.Base(a.Source) {
		if _, err := strconv.Atoi(a.Path[i+1:]); err == nil {
			return a.Source + a.Path[i:]
		}
	}
	return a.Source
}

// copyIndex remembers, for one run, which article first brought each
// content hash: an earlier path in the run, or a stored article found to be
// its original.
type copyIndex map[string]firstBytes

type firstBytes struct {
	path, id string
	stored   bool // a stored article not read in this run
}

// judge says why r is left out as a copy ("" if it is not), and whether
// what the store holds under r's id is then to be taken back (a copy
// stored by an earlier build, or r's own earlier bytes).
func (c copyIndex) judge(r *result) (left string, takeBack bool) {
	f, ok := c[r.sha]
	switch {
	case ok && f.id == r.id && !f.stored:
		// The same article named twice (a folder and a file in it): it is
		// read once, and not taken back as a copy of itself.
		return "named more than once; read once", false
	case ok && f.id != r.id:
		return "the same bytes as " + f.path + "; counted once, left out", true
	case r.copyOf != nil:
		c[r.sha] = firstBytes{storedPath(*r.copyOf), r.copyOf.ID, true}
		return "the same bytes as " + storedPath(*r.copyOf) + ", stored before; counted once, left out", true
	case ok:
		return "", false // the stored original itself
	}
	c[r.sha] = firstBytes{r.name, r.id, false}
	return "", false
}
