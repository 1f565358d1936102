package graph

import (
	"context"
	"errors"
)

// Status says what writing an article did.
type Status string

// The statuses of a write.
const (
	New       Status = "new"       // the article was not in the graph
	Changed   Status = "changed"   // its text changed: its old contribution was replaced
	Unchanged Status = "unchanged" // same text as written before: nothing written
	// Moved: the article took the place of articles stored from the same
	// bytes under paths that no longer hold them (a file moved or renamed,
	// Contribution.Replaces), taken back in the same write.
	Moved Status = "moved"
)

// Outcome is what writing one article did.
type Outcome struct {
	// Status is New, Changed, Unchanged or Moved; empty when Err is set.
	Status Status
	// Replaced are the ids of the articles it took the place of (Moved).
	Replaced []string
	// Err says why the article was left out: it is not valid for the schema,
	// or the store refused it. Nothing of it was written, and its previous
	// version, if any, is as it was.
	Err error
}

// DefaultMaxEvidence is how many evidence sentences a fact's edge keeps,
// and an article's share of a fact, unless told otherwise.
const DefaultMaxEvidence = 5

// ErrInterrupted marks a write that stopped because the connection was lost
// or the server stayed busy past the retries: what was written before stays,
// and running the same write again completes it.
var ErrInterrupted = errors.New("load interrupted")

// Interrupted marks err as ErrInterrupted, keeping its message.
func Interrupted(err error) error { return &interrupted{err} }

type interrupted struct{ err error }

func (e *interrupted) Error() string        { return e.err.Error() }
func (e *interrupted) Is(target error) bool { return target == ErrInterrupted }
func (e *interrupted) Unwrap() error        { return e.err }

// Stats summarizes a store for people: counts by type, the most connected
// entities and the best-supported facts.
type Stats struct {
	Articles  int            `json:"articles"`
	Entities  map[string]int `json:"entities"`
	Relations map[string]int `json:"relations"`
	// Alleged counts the facts no article asserts (Edge.Alleged).
	Alleged   int          `json:"alleged"`
	Connected []Ranked     `json:"most_connected"`
	TopFacts  []RankedFact `json:"top_facts"`
}

// Ranked is an entity and how many facts it takes part in.
type Ranked struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Facts int    `json:"facts"`
}

// RankedFact is a fact and how many articles support it.
type RankedFact struct {
	Subject  string `json:"subject"`
	Type     string `json:"type"`
	Object   string `json:"object"`
	Articles int    `json:"articles"`
	// Alleged: no supporting article asserts it (Edge.Alleged).
	Alleged bool `json:"alleged"`
}

// Version names an article as read: its id, the hash of its bytes and the
// extractor that would read it.
type Version struct {
	ID, SHA256, Extractor string
}

// Sink is a store that builds write into: the local store (graph/sqlite) or
// Neo4j (graph/neo4j). kg build and kg sink make one from their flags and run
// one code path for either.
type Sink interface {
	// Current reports, for each version, whether the store holds that
	// article from the same bytes, extractor and schema, so that it need not
	// be read again. An error that wraps ErrInterrupted means the store is
	// gone, and asking again is pointless.
	Current(ctx context.Context, vs []Version) ([]bool, error)
	// Write writes articles' contributions and returns each one's outcome:
	// an article stored unchanged is left alone, a changed one has its old
	// contribution taken back first, and one the schema or the store refuses
	// is left out with the reason (the others are written). A new or changed
	// article takes back each article of its Replaces that the store still
	// holds from those bytes, in the same transaction (Moved). The error is for
	// a write that stopped before the end; the outcomes then cover the
	// articles written before the stop.
	Write(ctx context.Context, cs []Contribution) ([]Outcome, error)
	// SameBytes returns the stored articles read from bytes with one of
	// these hashes (their ID, Path, SHA256 and Source), so that a build can
	// tell a copy of a stored article, or one moved to a new path, from a
	// new one. One query asks about all of them.
	SameBytes(ctx context.Context, shas []string) ([]ArticleRow, error)
	// Remove takes an article back out, and reports whether the store held it.
	Remove(ctx context.Context, id string) (bool, error)
	// Prune takes back the articles whose files are gone, and returns their paths.
	Prune(ctx context.Context) ([]string, error)
	// Close releases the store.
	Close() error
}
