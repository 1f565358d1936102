package neo4j

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kg/kg/graph"
)

// articleError is a failure that belongs to one article, not to the
// connection: the other articles can still be written.
type articleError struct{ err error }

func (e *articleError) Error() string { return e.err.Error() }
func (e *articleError) Unwrap() error { return e.err }

// Write writes articles' contributions, several articles per transaction (up
// to about Config.TxRows entity and fact rows), and returns each
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
func (st *Store) Write(ctx context.Context, cs []graph.Contribution) ([]graph.Outcome, error) {
	out := make([]graph.Outcome, len(cs))
	for i := range cs {
		if err := cs[i].Validate(st.schema); err != nil {
			out[i].Err = err
		}
	}
	// Transactions of whole articles, up to TxRows rows each.
	type group struct {
		start int // the first article of the group, for the outcomes before a stop
		items []int
	}
	var groups []group
	for start := 0; start < len(cs); {
		g := group{start: start}
		end, rows := start, 0
		for end < len(cs) && (len(g.items) == 0 || rows+cs[end].Rows() <= st.cfg.TxRows) {
			if out[end].Err == nil {
				g.items = append(g.items, end)
				rows += cs[end].Rows()
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
			session := st.driver.NewSession(ctx, bolt.SessionConfig{DatabaseName: st.cfg.Database})
			defer session.Close(ctx)
			for g := range next {
				err := st.writeGroup(ctx, session, cs, g.items, out)
				if err != nil && refused(err) {
					// Find the articles at fault: each in a transaction of its own.
					for _, i := range g.items {
						if err = st.writeGroup(ctx, session, cs, []int{i}, out); err != nil && refused(err) {
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

// writeGroup writes the articles cs[i] for i in group in one transaction and
// records their outcomes in out.
func (st *Store) writeGroup(ctx context.Context, session bolt.SessionWithContext, cs []graph.Contribution, group []int, out []graph.Outcome) error {
	if len(group) == 0 {
		return nil
	}
	batch := make([]*graph.Contribution, len(group))
	for k, i := range group {
		batch[k] = &cs[i]
	}
	var outcomes []graph.Outcome
	var err error
	for attempt := 0; ; attempt++ {
		outcomes, err = bolt.ExecuteWrite(ctx, session, func(tx bolt.ManagedTransaction) ([]graph.Outcome, error) {
			return st.writeTx(ctx, tx, batch)
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
		out[i] = outcomes[k]
	}
	return nil
}

// factRace reports whether err is a Fact node created by two writers at
// once (see newFacts).
func factRace(err error) bool {
	var ne *bolt.Neo4jError
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
	var ne *bolt.Neo4jError
	if !errors.As(err, &ne) || bolt.IsRetryable(err) {
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
	var ne *bolt.Neo4jError
	if errors.As(err, &ne) {
		msg = ne.Msg + " (" + ne.Code + ")"
	}
	return fmt.Errorf("Neo4j at %s refused this article, so it was left out and any earlier version of it is unchanged: %s",
		Redact(st.cfg.URI), graph.Clip(strings.Join(strings.Fields(msg), " "), 400))
}

// stopped describes an error that ended a load, marking it ErrInterrupted
// when running the load again can complete it.
func (st *Store) stopped(err error) error {
	d := st.describe(err)
	var ne *bolt.Neo4jError
	var ue *bolt.UsageError
	if errors.As(err, &ne) && !bolt.IsRetryable(err) || errors.As(err, &ue) {
		return d // the server's considered answer: a rerun would get it again
	}
	return graph.Interrupted(d)
}

// dayParam is a day as a statement parameter: null for no date, which
// Cypher's date() keeps null and min/max and comparisons pass over.
func dayParam(day string) any {
	if day == "" {
		return nil
	}
	return day
}

// batches runs q with $rows split into st.cfg.BatchSize pieces.
func (st *Store) batches(ctx context.Context, tx bolt.ManagedTransaction, q string, rows []map[string]any, params map[string]any) error {
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

// sortedKeys are a map's keys in order.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
