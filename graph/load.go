package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/schemas"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Status says what loading an article did.
type Status string

// The statuses of Load.
const (
	New       Status = "new"       // the article was not in the graph
	Changed   Status = "changed"   // its text changed: its old contribution was replaced
	Unchanged Status = "unchanged" // same text as loaded before: nothing written
)

// fact is one (subject, type, object) of an article, with its support there.
type fact struct {
	Type, Subj, Obj string
	Count           int
	Confidence      float64
	Evidence        []string
}

// id is the fact's id (factID).
func (f fact) id() string { return factID(f.Type, f.Subj, f.Obj) }

// maxKey bounds entity keys: Neo4j cannot index much larger values.
const maxKey = 1024

// graphPart leaves out the entities of types the schema keeps out of the
// graph (graph: false), and relations that touch them; ex is not changed.
func graphPart(s *schemas.Schema, ex *extract.Extraction) *extract.Extraction {
	keep := func(typ string) bool { return s.InGraph(typ) }
	all := true
	for _, e := range ex.Entities {
		all = all && keep(e.Type)
	}
	if all {
		return ex
	}
	part := *ex
	part.Entities = nil
	for _, e := range ex.Entities {
		if keep(e.Type) {
			part.Entities = append(part.Entities, e)
		}
	}
	part.Relations = nil
	for _, r := range ex.Relations {
		if keep(r.Subject.Type) && keep(r.Object.Type) {
			part.Relations = append(part.Relations, r)
		}
	}
	return &part
}

// validate checks every label and relationship type of an extraction against
// the schema before anything is written. schemas.Parse only admits names of
// letters, digits and underscores, so a name the schema defines is safe to
// backtick-quote.
func validate(s *schemas.Schema, ex *extract.Extraction) error {
	for _, e := range ex.Entities {
		if _, ok := s.Entity(e.Type); !ok {
			return fmt.Errorf("entity %q has type %q, which schema %s does not define", clip(e.Name, 60), clip(e.Type, 60), s.Source)
		}
		if e.ID == "" || len(e.ID) > maxKey {
			return fmt.Errorf("entity %q has an empty id or one over %d bytes (extract.Key makes valid ones)", clip(e.Name, 60), maxKey)
		}
	}
	for _, r := range ex.Relations {
		if _, ok := s.Relation(r.Type); !ok {
			return fmt.Errorf("relation type %q is not defined by schema %s", clip(r.Type, 60), s.Source)
		}
		if !s.Allows(r.Type, r.Subject.Type, r.Object.Type) {
			return fmt.Errorf("relation %s from %s to %s is not allowed by schema %s", r.Type, clip(r.Subject.Type, 60), clip(r.Object.Type, 60), s.Source)
		}
	}
	if ex.Document.ID == "" || len(ex.Document.ID) > maxKey {
		return fmt.Errorf("document %q has an empty id or one over %d bytes", clip(ex.Document.Path, 60), maxKey)
	}
	return nil
}

// clip shortens s to at most n bytes, on a character boundary, for messages.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// facts groups an extraction's relations by (subject, type, object), keeping
// up to maxEvidence distinct sentences for each.
func facts(ex *extract.Extraction, maxEvidence int) []fact {
	byID := map[string]*fact{}
	var order []string
	for _, r := range ex.Relations {
		f := fact{Type: r.Type, Subj: r.Subject.ID, Obj: r.Object.ID}
		cur, ok := byID[f.id()]
		if !ok {
			cur = &f
			byID[f.id()] = cur
			order = append(order, f.id())
		}
		cur.Count++
		if r.Confidence > cur.Confidence {
			cur.Confidence = r.Confidence
		}
		if len(cur.Evidence) < maxEvidence && !slices.Contains(cur.Evidence, r.Evidence.Text) {
			cur.Evidence = append(cur.Evidence, r.Evidence.Text)
		}
	}
	out := make([]fact, len(order))
	for i, id := range order {
		out[i] = *byID[id]
	}
	return out
}

// Outcome is what loading one article did.
type Outcome struct {
	// Status is New, Changed or Unchanged; empty when Err is set.
	Status Status
	// Err says why the article was left out: it is not valid for the schema,
	// or the server refused it. Nothing of it was written, and its previous
	// version, if any, is as it was.
	Err error
}

// ErrInterrupted marks a load that stopped because the connection was lost
// or the server stayed busy past the retries: what was written before stays,
// and running the same load again completes it.
var ErrInterrupted = errors.New("load interrupted")

type interrupted struct{ err error }

func (e *interrupted) Error() string        { return e.err.Error() }
func (e *interrupted) Is(target error) bool { return target == ErrInterrupted }

// articleError is a failure that belongs to one article, not to the
// connection: the other articles can still be written.
type articleError struct{ err error }

func (e *articleError) Error() string { return e.err.Error() }
func (e *articleError) Unwrap() error { return e.err }

// Load writes one article's extraction; see LoadAll. An article left out
// is an error.
func (st *Store) Load(ctx context.Context, ex *extract.Extraction) (Status, error) {
	out, err := st.LoadAll(ctx, []*extract.Extraction{ex})
	if err != nil {
		return "", err
	}
	if out[0].Err != nil {
		return "", fmt.Errorf("%s: %w", ex.Document.Path, out[0].Err)
	}
	return out[0].Status, nil
}

// LoadAll writes articles' extractions, several articles per transaction (up
// to about Config.TxRows entity and relation rows), and returns each
// article's outcome. An article already loaded with the same content is left
// alone; one whose content changed has its old contribution retracted first,
// in the same transaction, at a cost proportional to its own facts.
//
// An article that is not valid for the schema, or that the server refuses, is
// left out with the reason in its Outcome, and the others are loaded: when a
// transaction of several articles is refused, each of them is written again
// in a transaction of its own, to find the one at fault.
//
// The error is for a load that stopped before the end; it wraps
// ErrInterrupted when running the same load again completes it. The outcomes
// returned then cover the articles before the stop.
func (st *Store) LoadAll(ctx context.Context, exs []*extract.Extraction) ([]Outcome, error) {
	out := make([]Outcome, len(exs))
	exs = append([]*extract.Extraction(nil), exs...)
	for i, ex := range exs {
		exs[i] = graphPart(st.schema, ex)
		if err := validate(st.schema, exs[i]); err != nil {
			out[i].Err = err
		}
	}
	// Transactions of whole articles, up to TxRows rows each.
	type group struct {
		start int // the first article of the group, for the outcomes before a stop
		items []int
	}
	var groups []group
	for start := 0; start < len(exs); {
		g := group{start: start}
		end, rows := start, 0
		for end < len(exs) && (len(g.items) == 0 || rows+len(exs[end].Entities)+len(exs[end].Relations) <= st.cfg.TxRows) {
			if out[end].Err == nil {
				g.items = append(g.items, end)
				rows += len(exs[end].Entities) + len(exs[end].Relations)
			}
			end++
		}
		groups = append(groups, g)
		start = end
	}
	// Each writer has a session of its own and takes the next group; the
	// first error stops the others from taking more.
	writers := max(1, min(st.cfg.Writers, len(groups)))
	next := make(chan group)
	errs := make([]error, len(groups))
	index := map[int]int{}
	for i, g := range groups {
		index[g.start] = i
	}
	var mu sync.Mutex
	failed := false
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			session := st.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: st.cfg.Database})
			defer session.Close(ctx)
			for g := range next {
				err := st.write(ctx, session, exs, g.items, out)
				if err != nil && refused(err) {
					// Find the articles at fault: each in a transaction of its own.
					for _, i := range g.items {
						if err = st.write(ctx, session, exs, []int{i}, out); err != nil && refused(err) {
							out[i].Err, err = st.refusal(err), nil
						}
						if err != nil {
							break
						}
					}
				}
				mu.Lock()
				errs[index[g.start]] = err
				failed = failed || err != nil
				mu.Unlock()
			}
		}()
	}
	for _, g := range groups {
		mu.Lock()
		stop := failed
		mu.Unlock()
		if stop {
			break
		}
		next <- g
	}
	close(next)
	wg.Wait()
	// The outcomes before the first group that failed or was not written.
	for i, err := range errs {
		if err != nil {
			return out[:groups[i].start], st.stopped(err)
		}
	}
	return out, nil
}

// write loads the articles exs[i] for i in group in one transaction and
// records their statuses in out.
func (st *Store) write(ctx context.Context, session neo4j.SessionWithContext, exs []*extract.Extraction, group []int, out []Outcome) error {
	if len(group) == 0 {
		return nil
	}
	batch := make([]*extract.Extraction, len(group))
	for k, i := range group {
		batch[k] = exs[i]
	}
	var statuses []Status
	var err error
	for attempt := 0; ; attempt++ {
		statuses, err = neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) ([]Status, error) {
			return st.load(ctx, tx, batch)
		})
		// Another writer created a fact this one took for new: the next
		// attempt finds it and adds to it.
		if err == nil || !factRace(err) || attempt == 20 {
			break
		}
	}
	if err != nil {
		return err
	}
	for k, i := range group {
		out[i].Status = statuses[k]
	}
	return nil
}

// factRace reports whether err is a Fact node created by two writers at
// once (see newFacts).
func factRace(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed" && strings.Contains(ne.Msg, "`Fact`")
}

// refused reports whether err is the server refusing what a transaction
// wrote, as opposed to a lost connection, a busy server or bad credentials,
// which no other article would fare better with.
func refused(err error) bool {
	var ae *articleError
	if errors.As(err, &ae) {
		return true
	}
	var ne *neo4j.Neo4jError
	if !errors.As(err, &ne) || neo4j.IsRetryable(err) {
		return false
	}
	switch {
	case strings.HasPrefix(ne.Code, "Neo.ClientError.Security."), ne.Code == "Neo.ClientError.Database.DatabaseNotFound":
		return false
	}
	// "Property value is too large to index" is a DatabaseError.Statement.
	return strings.HasPrefix(ne.Code, "Neo.ClientError.") || strings.HasPrefix(ne.Code, "Neo.DatabaseError.Statement.")
}

// refusal says in one line why the server refused an article.
func (st *Store) refusal(err error) error {
	var ae *articleError
	if errors.As(err, &ae) {
		return ae.err
	}
	msg := err.Error()
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		msg = ne.Msg + " (" + ne.Code + ")"
	}
	return fmt.Errorf("Neo4j at %s refused this article, so it was left out and any earlier version of it is unchanged: %s",
		Redact(st.cfg.URI), clip(strings.Join(strings.Fields(msg), " "), 400))
}

// stopped describes an error that ended a load, marking it ErrInterrupted
// when running the load again can complete it.
func (st *Store) stopped(err error) error {
	d := st.describe(err)
	var ne *neo4j.Neo4jError
	var ue *neo4j.UsageError
	if errors.As(err, &ne) && !neo4j.IsRetryable(err) || errors.As(err, &ue) {
		return d // the server's considered answer: a rerun would get it again
	}
	return &interrupted{d}
}

// load: see provenance.go.

// seenDate is the day an article speaks of its facts: its publication date
// when that is an ISO date, else "": an undated article has no date, and
// moves no fact's first_seen or last_seen (the day it was loaded says
// nothing about when the fact held; kg build --date-from-mtime dates such
// articles by their files).
func seenDate(published string) string {
	if t, err := time.Parse("2006-01-02", published); err == nil {
		return t.Format("2006-01-02")
	}
	return ""
}

// dayParam is a day as a statement parameter: null for no date, which
// Cypher's date() keeps null and min/max and comparisons pass over.
func dayParam(day string) any {
	if day == "" {
		return nil
	}
	return day
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// batches runs q with $rows split into st.cfg.BatchSize pieces.
func (st *Store) batches(ctx context.Context, tx neo4j.ManagedTransaction, q string, rows []map[string]any, params map[string]any) error {
	for start := 0; start < len(rows); start += st.cfg.BatchSize {
		end := min(start+st.cfg.BatchSize, len(rows))
		p := map[string]any{"rows": rows[start:end]}
		for k, v := range params {
			p[k] = v
		}
		res, err := tx.Run(ctx, q, p)
		if err != nil {
			return err
		}
		if _, err := res.Consume(ctx); err != nil {
			return err
		}
	}
	return nil
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}
