package graph

import (
	"errors"
)

// Status says what writing an article did.
type Status string

// The statuses of a write.
const (
	New       Status = "new"       // the article was not in the graph
	Changed   Status = "changed"   // its text changed: its old contribution was replaced
	Unchanged Status = "unchanged" // same text as written before: nothing written
)

// Outcome is what writing one article did.
type Outcome struct {
	// Status is New, Changed or Unchanged; empty when Err is set.
	Status Status
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
	Connected []Ranked       `json:"most_connected"`
	TopFacts  []RankedFact   `json:"top_facts"`
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
}
