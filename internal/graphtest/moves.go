package graphtest

import (
	"context"
	"slices"
	"testing"

	"github.com/kg/kg/graph"
)

// CheckMoves checks what every graph.Sink must do with Contribution.Replaces,
// on an empty store: an article written with the id and bytes of a stored one
// in Replaces takes its place (Moved, the old id in Replaced, the old article
// gone); a Replaces whose article is stored with other bytes since (its path
// rewritten), or is no longer stored, takes nothing back (New).
func CheckMoves(t *testing.T, s graph.Sink) {
	t.Helper()
	ctx := context.Background()
	text := "The Taliban clashed with ISIS-K near Kabul. Hamas is active in Gaza."
	write := func(c graph.Contribution) graph.Outcome {
		t.Helper()
		out, err := s.Write(ctx, []graph.Contribution{c})
		if err != nil || out[0].Err != nil {
			t.Fatalf("write %s: %v %v", c.Article.Path, err, out)
		}
		return out[0]
	}
	ids := func(sha string) []string {
		t.Helper()
		rows, err := s.SameBytes(ctx, []string{sha})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.ID+" "+r.Path)
		}
		slices.Sort(out)
		return out
	}
	old := Contributions(Extract(t, "news/a.txt", text))[0]
	if o := write(old); o.Status != graph.New {
		t.Fatalf("first write: %+v", o)
	}
	sha := old.Article.SHA256
	if got := ids(sha); !slices.Equal(got, []string{old.Article.ID + " news/a.txt"}) {
		t.Fatalf("SameBytes after the first write: %v", got)
	}
	moved := Contributions(Extract(t, "archive/a.txt", text))[0]
	moved.Replaces = []graph.Version{{ID: old.Article.ID, SHA256: sha}}
	if o := write(moved); o.Status != graph.Moved || !slices.Equal(o.Replaced, []string{old.Article.ID}) {
		t.Errorf("moved: %+v, want moved replacing %s", o, old.Article.ID)
	}
	if got := ids(sha); !slices.Equal(got, []string{moved.Article.ID + " archive/a.txt"}) {
		t.Errorf("SameBytes after the move: %v, want the moved article alone", got)
	}
	// The old article is gone: replacing it again takes nothing back.
	again := Contributions(Extract(t, "copy/a.txt", text))[0]
	again.Replaces = []graph.Version{{ID: old.Article.ID, SHA256: sha}}
	if o := write(again); o.Status != graph.New || len(o.Replaced) != 0 {
		t.Errorf("replacing an article no longer stored: %+v, want new", o)
	}
	// A path rewritten with other bytes after its file moved away: the
	// rewritten article is not taken back.
	b := Contributions(Extract(t, "news/b.txt", "Hezbollah is active in Lebanon."))[0]
	write(b)
	b2 := Contributions(Extract(t, "news/b.txt", "Hezbollah is active in Lebanon and Syria."))[0]
	if o := write(b2); o.Status != graph.Changed {
		t.Fatalf("rewritten: %+v", o)
	}
	away := Contributions(Extract(t, "news/b-old.txt", "Hezbollah is active in Lebanon."))[0]
	away.Replaces = []graph.Version{{ID: b.Article.ID, SHA256: b.Article.SHA256}}
	if o := write(away); o.Status != graph.New || len(o.Replaced) != 0 {
		t.Errorf("replacing an article stored since with other bytes: %+v, want new", o)
	}
	if got := ids(b2.Article.SHA256); !slices.Equal(got, []string{b2.Article.ID + " news/b.txt"}) {
		t.Errorf("the rewritten article: SameBytes %v", got)
	}
}
