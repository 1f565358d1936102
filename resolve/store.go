package resolve

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/schemas"
)

// Store is what a store offers corpus resolution: the local store and
// Neo4j both implement it. Each article's share is written under canonical
// keys, and its resolution (Extraction.Resolution: the keys the extractor
// gave and those they were written under) is kept with it.
type Store interface {
	// Resolutions calls each with every article's stored resolution.
	Resolutions(ctx context.Context, each func(article string, data []byte) error) error
	// Share reads an article's share back as an extraction, its
	// Resolution included.
	Share(ctx context.Context, article string) (*extract.Extraction, error)
	// Replace writes an article's share anew (what it had is taken out).
	Replace(ctx context.Context, ex *extract.Extraction) error
	// Stale makes the next build extract the article again.
	Stale(ctx context.Context, article string) error
	// Name sets the names and types of entities (Target.Key), whatever
	// the articles that wrote them said.
	Name(ctx context.Context, ts []Target) error
}

// stored is one record and the key its entity was written under ("" when a
// correction rejected it).
type stored struct {
	Record
	Target string `json:"target"`
}

// Resolver keeps a store's corpus resolved as articles come and go.
type Resolver struct {
	schema *schemas.Schema
	store  Store
	corr   *Corrections
	ix     *Index
	// written is what each stored article's entities (ix.arts, in order)
	// were written under.
	written map[string][]string
	m       *Mapping
}

// NewResolver reads the resolutions a store holds. corr may be nil. The
// cost is one read of every article's records: linear in the corpus.
func NewResolver(ctx context.Context, st Store, s *schemas.Schema, corr *Corrections) (*Resolver, error) {
	r := &Resolver{schema: s, store: st, corr: corr, ix: NewIndex(s, corr), written: map[string][]string{}}
	err := st.Resolutions(ctx, func(article string, data []byte) error {
		var recs []stored
		if err := json.Unmarshal(data, &recs); err != nil {
			return fmt.Errorf("article %s: unreadable resolution: %v", article, err)
		}
		rs := make([]Record, len(recs))
		ts := make([]string, len(recs))
		for i, s := range recs {
			rs[i], ts[i] = s.Record, s.Target
		}
		r.written[article] = ts
		r.ix.Put(article, rs)
		return nil
	})
	return r, err
}

// Unmatched names the corrections that matched no entity at the last
// resolution.
func (r *Resolver) Unmatched() []string {
	if r.m == nil {
		return nil
	}
	return r.m.Unmatched
}

// Apply resolves a batch of new extractions against the corpus and
// rewrites them for writing; the corpus's other articles are brought in
// line by Reconcile. The cost grows with the part of the corpus the batch's
// names link to (ResolveAround), not with the corpus.
func (r *Resolver) Apply(exs []*extract.Extraction) []*extract.Extraction {
	ids := make([]string, len(exs))
	for i, ex := range exs {
		r.ix.Put(ex.Document.ID, Records(ex))
		ids[i] = ex.Document.ID
	}
	m := r.ix.ResolveAround(ids)
	out := make([]*extract.Extraction, len(exs))
	for i, ex := range exs {
		out[i] = r.write(m, ex, Records(ex))
	}
	return out
}

// write rewrites an extraction by a mapping and records what its entities
// are written under.
func (r *Resolver) write(m *Mapping, ex *extract.Extraction, recs []Record) *extract.Extraction {
	out := m.Apply(ex)
	ts := make([]string, len(recs))
	for i, rec := range recs {
		ts[i] = m.key(rec.Key)
	}
	if out == ex {
		cp := *ex
		out = &cp
	}
	out.Resolution = resolution(recs, ts)
	r.written[ex.Document.ID] = ts
	return out
}

// resolution is an article's Extraction.Resolution: its records and what
// each was written under.
func resolution(recs []Record, targets []string) []byte {
	ss := make([]stored, len(recs))
	for i, rec := range recs {
		ss[i] = stored{Record: rec, Target: targets[i]}
	}
	data, _ := json.Marshal(ss)
	return data
}

// Written notes that an article was stored (true) or not (false, e.g.
// the store refused it) after Apply.
func (r *Resolver) Written(article string, ok bool) {
	if !ok {
		delete(r.written, article)
		r.ix.Remove(article)
	}
}

// Removed takes a retracted article out of the corpus.
func (r *Resolver) Removed(article string) {
	delete(r.written, article)
	r.ix.Remove(article)
}

// ReconcileReport says what Reconcile did.
type ReconcileReport struct {
	// Rewritten counts the articles whose share moved to other keys.
	Rewritten int
	// Stale counts the articles only a new extraction can set right (an
	// entity a correction no longer rejects, or two entities one article
	// wrote as one that are now apart): the next build extracts them.
	Stale int
	// Named counts the entities given their canonical name and type.
	Named int
}

// Reconcile brings every stored article in line with the corpus's current
// resolution: an article whose entities now stand for other entities (an
// article added or taken back changed what a name resolves to, or a
// correction did) has its share rewritten. Only those articles are
// touched; deciding which costs one pass over the corpus's records.
func (r *Resolver) Reconcile(ctx context.Context) (ReconcileReport, error) {
	var rep ReconcileReport
	r.m = r.ix.Resolve()
	named := map[string]Target{}
	for _, t := range r.m.to {
		named[t.Key] = t
	}
	for _, article := range sortedKeys(r.written) {
		old, recs := r.written[article], r.ix.arts[article]
		if len(old) != len(recs) {
			continue // not indexed (no records): nothing to resolve
		}
		delta := &Mapping{schema: r.schema, to: map[string]Target{}, reject: map[string]bool{}}
		change, stale := false, false
		keys := map[string]bool{}
		now := make([]string, len(recs))
		for i, s := range recs {
			now[i] = r.m.key(s.Key)
			keys[now[i]] = true
			switch {
			case old[i] == "" && now[i] != "":
				stale = true // rejected before: only the text has it
			case old[i] == "" || old[i] == now[i]:
			case now[i] == "":
				delta.reject[old[i]] = true
				change = true
			default:
				if d, ok := delta.to[old[i]]; ok && d.Key != now[i] {
					stale = true // written as one, now two
				}
				t, _ := r.m.Target(s.Key)
				if t.Key == "" {
					t = Target{Key: now[i], Name: s.Name, Type: s.Type}
				}
				delta.to[old[i]] = t
				change = true
			}
		}
		// Facts a correction rejects between two of the article's entities.
		for f := range r.m.reject {
			if s, o, ok := factEnds(f); ok && keys[s] && keys[o] {
				delta.reject[f] = true
				change = true
			}
		}
		if stale {
			if err := r.store.Stale(ctx, article); err != nil {
				return rep, err
			}
			rep.Stale++
			continue
		}
		if !change {
			continue
		}
		ex, err := r.store.Share(ctx, article)
		if err != nil {
			return rep, err
		}
		if ex == nil {
			r.Removed(article)
			continue
		}
		// The delta maps old canonical keys; a key that is also a new target
		// of another entity stays put.
		out := delta.Apply(ex)
		if sameShare(ex, out) {
			r.written[article] = now
			continue
		}
		out.Resolution = resolution(recs, now)
		if err := r.store.Replace(ctx, out); err != nil {
			return rep, err
		}
		r.written[article] = now
		rep.Rewritten++
	}
	if len(named) > 0 {
		ts := make([]Target, 0, len(named))
		for _, k := range sortedKeys(named) {
			ts = append(ts, named[k])
		}
		if err := r.store.Name(ctx, ts); err != nil {
			return rep, err
		}
		rep.Named = len(ts)
	}
	return rep, nil
}

// sameShare reports whether Apply changed nothing that a store keeps.
func sameShare(a, b *extract.Extraction) bool {
	if len(a.Entities) != len(b.Entities) || len(a.Relations) != len(b.Relations) {
		return false
	}
	for i := range a.Entities {
		if a.Entities[i].ID != b.Entities[i].ID || a.Entities[i].Type != b.Entities[i].Type {
			return false
		}
	}
	for i := range a.Relations {
		if a.Relations[i].Subject.ID != b.Relations[i].Subject.ID || a.Relations[i].Object.ID != b.Relations[i].Object.ID {
			return false
		}
	}
	return true
}

// factEnds splits a rejected fact's key (subject|type|object).
func factEnds(f string) (s, o string, ok bool) {
	p := strings.SplitN(f, "|", 3)
	if len(p) != 3 {
		return "", "", false
	}
	return p[0], p[2], true
}

// key is the key an extracted key is written under ("" when rejected).
func (m *Mapping) key(k string) string {
	if m.reject[k] {
		return ""
	}
	if t, ok := m.to[k]; ok {
		return t.Key
	}
	return k
}
