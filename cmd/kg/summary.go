package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kg/kg/graph"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// buildSummary is what kg build did, printed as one line on stderr or, with
// --json, as JSON on stdout.
type buildSummary struct {
	Articles struct {
		Seen      int `json:"seen"`
		New       int `json:"new"`
		Updated   int `json:"updated"`
		Moved     int `json:"moved"` // stored before under a path that no longer holds them: see Moves
		Unchanged int `json:"unchanged"`
		Skipped   int `json:"skipped"` // files and articles left out: see Left
		Failed    int `json:"failed"`
		Pruned    int `json:"pruned"`
	} `json:"articles"`
	// inputAccount names every input that failed and every file or
	// article left out ("failed", "skipped").
	inputAccount
	// Moves name every article found at a new path with the bytes stored
	// before under an old one, which it replaced (a file moved or renamed).
	Moves []move `json:"moved"`
	// Entities and Relations count what this run's new and updated
	// articles said, once per article: an entity two articles name counts
	// twice. Graph counts what the graph holds, once each.
	Entities  int          `json:"entities"`
	Relations int          `json:"relations"`
	Graph     *graphCounts `json:"graph,omitempty"`
	Seconds   float64      `json:"seconds"`
	Target    string       `json:"target"`
	start     time.Time
	quiet     bool
}

// graphCounts are the distinct entities and relations a graph holds.
type graphCounts struct {
	Entities  int `json:"entities"`
	Relations int `json:"relations"`
}

// move is an article moved: its path, and the stored path it replaced.
type move struct {
	Path string `json:"path"`
	From string `json:"from"`
}

func (s *buildSummary) count(st graph.Status) {
	s.Articles.Seen++
	switch st {
	case graph.New:
		s.Articles.New++
	case graph.Changed:
		s.Articles.Updated++
	case graph.Moved:
		s.Articles.Moved++
	case graph.Unchanged:
		s.Articles.Unchanged++
	}
}

// move records the article at path that replaced stored ones (replaced:
// their ids, among replaces), and returns the paths it came from.
func (s *buildSummary) move(path string, replaces []graph.ArticleRow, replaced []string) string {
	from := ""
	for _, id := range replaced {
		old := id
		for _, r := range replaces {
			if r.ID == id {
				old = storedPath(r)
			}
		}
		s.Moves = append(s.Moves, move{path, old})
		if from != "" {
			from += ", "
		}
		from += old
	}
	return from
}

// fail records an article the store refused.
func (s *buildSummary) fail(path string, err error) {
	s.Articles.Seen++
	s.Articles.Failed++
	s.failed(path, err)
}

func entities(n int) string {
	if n == 1 {
		return "1 entity"
	}
	return fmt.Sprintf("%d entities", n)
}

// report prints the one-line summary.
func (s *buildSummary) report(w io.Writer, target string) {
	s.Articles.Skipped = len(s.Left)
	a := s.Articles
	fmt.Fprintf(w, "kg: %d articles into %s in %s: %d new, %d updated, %d unchanged, %d failed",
		a.Seen, target, time.Since(s.start).Round(time.Millisecond), a.New, a.Updated, a.Unchanged, a.Failed)
	if a.Moved > 0 {
		fmt.Fprintf(w, ", %d moved", a.Moved)
	}
	if a.Pruned > 0 {
		fmt.Fprintf(w, ", %d pruned", a.Pruned)
	}
	if a.Skipped > 0 {
		fmt.Fprintf(w, ", %d skipped (named above)", a.Skipped)
	}
	fmt.Fprintln(w)
	if n := a.New + a.Updated + a.Moved; n > 0 {
		which := "new and updated"
		if a.Moved > 0 {
			which = "new, updated and moved"
		}
		fmt.Fprintf(w, "kg: %s articles named %s and stated %s, counted once per article",
			which, entities(s.Entities), plural(s.Relations, "relation"))
		if s.Graph != nil {
			fmt.Fprintf(w, "; the graph holds %s and %s, each once however many articles name it",
				entities(s.Graph.Entities), plural(s.Graph.Relations, "relation"))
		}
		fmt.Fprintln(w)
	}
}

// finish prints the summary and says the exit status.
func (s *buildSummary) finish(cmd *cobra.Command, target string, asJSON bool) error {
	s.Seconds = float64(time.Since(s.start).Milliseconds()) / 1000
	s.Target = target
	s.Articles.Skipped = len(s.Left)
	s.lists()
	if s.Moves == nil {
		s.Moves = []move{}
	}
	if !s.quiet || s.Articles.Failed > 0 {
		s.report(cmd.ErrOrStderr(), target)
	}
	if asJSON {
		enc := json.NewEncoder(cmd.OutOrStdout())
		if err := enc.Encode(s); err != nil {
			return &exitError{code: exitFailure, err: fmt.Errorf("cannot write output: %w", err)}
		}
	}
	if s.Articles.Failed > 0 {
		return &exitError{code: exitPartial, err: fmt.Errorf("%d of the inputs failed (named above)", s.Articles.Failed)}
	}
	return nil
}

// progress shows how far a build is: a bar on a terminal, a line every few
// seconds otherwise, nothing with --quiet.
type progress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	quiet bool
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer, quiet bool) *progress {
	return &progress{w: w, quiet: quiet, start: time.Now(), last: time.Now()}
}

func (p *progress) update(done, total int) {
	if p.quiet {
		return
	}
	if f, ok := p.w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if p.bar == nil {
			p.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("kg build"),
				progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("articles"),
				progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
		}
		p.bar.Set(done)
		return
	}
	if time.Since(p.last) < 5*time.Second {
		return
	}
	p.last = time.Now()
	rate := float64(done) / time.Since(p.start).Seconds()
	eta := ""
	if rate > 0 && done < total {
		eta = fmt.Sprintf(", about %s left", (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second))
	}
	fmt.Fprintf(p.w, "kg: %d of %d files, %.1f articles/s%s\n", done, total, rate, eta)
}

func (p *progress) done() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
