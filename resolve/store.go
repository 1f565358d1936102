package resolve

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/schemas"
)

// Store is what a store offers corpus resolution: the local store
// (graph/sqlite) and Neo4j (graph/neo4j) both implement it. Each article's
// contribution is written under canonical keys, and its resolution
// (Extraction.Resolution, graph.ArticleRow.Resolution: the keys the
// extractor gave and those they were written under) is kept with it.
type Store interface {
	// Resolutions calls each with every article's stored resolution.
	Resolutions(ctx context.Context, each func(article string, data []byte) error) error
	// Share reads an article's contribution back, its resolution
	// included (nil: the store lacks it).
	Share(ctx context.Context, article string) (*graph.Contribution, error)
	// Replace writes an article's contribution anew (what it had is taken
	// out).
	Replace(ctx context.Context, c graph.Contribution) error
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
	// under counts, for each extracted key, the stored articles that wrote
	// it under each key: ReconcileAround finds the keys whose writing no
	// longer agrees with the resolution without reading every article.
	under map[string]map[string]int
	// wrote is the extracted keys behind written (the records may be
	// replaced in the index before the article is written again).
	wrote map[string][]string
	m     *Mapping
}

// setWritten records what an article's records (keys) were written under
// (targets); nil targets: the article is no longer stored.
func (r *Resolver) setWritten(article string, keys, targets []string) {
	for i, k := range r.wrote[article] {
		t := r.written[article][i]
		if r.under[k][t]--; r.under[k][t] <= 0 {
			delete(r.under[k], t)
			if len(r.under[k]) == 0 {
				delete(r.under, k)
			}
		}
	}
	if targets == nil {
		delete(r.written, article)
		delete(r.wrote, article)
		return
	}
	r.written[article], r.wrote[article] = targets, keys
	for i, k := range keys {
		if r.under[k] == nil {
			r.under[k] = map[string]int{}
		}
		r.under[k][targets[i]]++
	}
}

// recordKeys lists records' keys.
func recordKeys(recs []Record) []string {
	ks := make([]string, len(recs))
	for i, rec := range recs {
		ks[i] = rec.Key
	}
	return ks
}

// NewResolver reads the resolutions a store holds. corr may be nil. The
// cost is one read of every article's records: linear in the corpus.
func NewResolver(ctx context.Context, st Store, s *schemas.Schema, corr *Corrections) (*Resolver, error) {
	r := &Resolver{schema: s, store: st, corr: corr, ix: NewIndex(s, corr), written: map[string][]string{},
		under: map[string]map[string]int{}, wrote: map[string][]string{}}
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
		r.setWritten(article, recordKeys(rs), ts)
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
		ts[i] = m.key(ex.Document.ID, rec.Key)
	}
	if out == ex {
		cp := *ex
		out = &cp
	}
	out.Resolution = resolution(recs, ts)
	r.setWritten(ex.Document.ID, recordKeys(recs), ts)
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
		r.setWritten(article, nil, nil)
		r.ix.Remove(article)
	}
}

// Removed takes a retracted article out of the corpus.
func (r *Resolver) Removed(article string) {
	r.setWritten(article, nil, nil)
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
	for _, article := range sortedKeys(r.written) {
		if err := r.reconcileArticle(ctx, article, r.m, nil, &rep); err != nil {
			return rep, err
		}
	}
	return rep, r.name(ctx, r.m, nil, &rep)
}

// ReconcileAround is Reconcile for the part of the corpus these articles'
// names link to (as ResolveAround): the stored articles that wrote a key of
// that part under another key than it now resolves to are rewritten. kg
// sink calls it after each batch, so that a long-running sink keeps the
// store resolved as kg build does at its end. Its cost grows with that part
// and the articles to rewrite, not with the corpus; the longer chains it
// does not see are set right by the next whole Reconcile.
func (r *Resolver) ReconcileAround(ctx context.Context, articles []string) (ReconcileReport, error) {
	var rep ReconcileReport
	var keys []string
	for _, a := range articles {
		keys = append(keys, recordKeys(r.ix.arts[a])...)
	}
	only := r.ix.around(keys)
	m := r.ix.resolve(only)
	todo := map[string]bool{}
	for k := range only {
		// A key written apart in each article is in line when every
		// article wrote it under a key of its own.
		_, local := m.local[k]
		now := m.key("", k)
		for t := range r.under[k] {
			same := t == now && !local || local && strings.HasPrefix(t, k+"@")
			if !same && t != "" || t == "" && now != "" {
				for a := range r.ix.nodes[k].articles {
					todo[a] = true
				}
				break
			}
		}
	}
	for _, article := range sortedKeys(todo) {
		if _, ok := r.written[article]; !ok {
			continue
		}
		if err := r.reconcileArticle(ctx, article, m, only, &rep); err != nil {
			return rep, err
		}
	}
	return rep, r.name(ctx, m, only, &rep)
}

// name gives the entities of a mapping (those of only's keys, when only is
// not nil) their canonical names and types.
func (r *Resolver) name(ctx context.Context, m *Mapping, only map[string]bool, rep *ReconcileReport) error {
	named := map[string]Target{}
	for k, t := range m.to {
		if only == nil || only[k] {
			named[t.Key] = t
		}
	}
	if len(named) == 0 {
		return nil
	}
	ts := make([]Target, 0, len(named))
	for _, k := range sortedKeys(named) {
		ts = append(ts, named[k])
	}
	if err := r.store.Name(ctx, ts); err != nil {
		return err
	}
	rep.Named += len(ts)
	return nil
}

// reconcileArticle rewrites one stored article whose entities now stand
// for others under mapping m (only for the records of only's keys, when
// only is not nil), or marks it stale.
func (r *Resolver) reconcileArticle(ctx context.Context, article string, m *Mapping, only map[string]bool, rep *ReconcileReport) error {
	old, recs := r.written[article], r.ix.arts[article]
	if len(old) != len(recs) {
		return nil // not indexed (no records): nothing to resolve
	}
	delta := &Mapping{schema: r.schema, to: map[string]Target{}, reject: map[string]bool{}}
	change, stale := false, false
	keys := map[string]bool{}
	now := make([]string, len(recs))
	for i, s := range recs {
		now[i] = old[i]
		if only == nil || only[s.Key] {
			now[i] = m.key(article, s.Key)
		}
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
			t, _ := m.targetIn(article, s.Key)
			if t.Key == "" {
				t = Target{Key: now[i], Name: s.Name, Type: s.Type}
			}
			delta.to[old[i]] = t
			change = true
		}
	}
	// Facts a correction rejects between two of the article's entities.
	for f := range m.reject {
		if s, o, ok := factEnds(f); ok && keys[s] && keys[o] {
			delta.reject[f] = true
			change = true
		}
	}
	if stale {
		if err := r.store.Stale(ctx, article); err != nil {
			return err
		}
		rep.Stale++
		return nil
	}
	if !change {
		return nil
	}
	c, err := r.store.Share(ctx, article)
	if err != nil {
		return err
	}
	if c == nil {
		r.Removed(article)
		return nil
	}
	out := delta.applyContribution(*c)
	out.Article.Resolution = string(resolution(recs, now))
	if err := r.store.Replace(ctx, out); err != nil {
		return err
	}
	r.setWritten(article, recordKeys(recs), now)
	rep.Rewritten++
	return nil
}

// applyContribution rewrites a stored contribution by a mapping of its
// keys (the keys it was written under): entities take their new key, name
// and type (two that become one are added up), facts follow their ends
// (and are dropped when the schema does not allow them between the new
// types, when they would relate an entity to itself, or when rejected).
func (m *Mapping) applyContribution(c graph.Contribution) graph.Contribution {
	out := graph.Contribution{Article: c.Article}
	at := map[string]int{}
	types := map[string]string{}
	for _, e := range c.Entities {
		if m.reject[e.Key] {
			continue
		}
		if t, ok := m.to[e.Key]; ok {
			aliases := slices.Clone(e.Aliases)
			if e.Name != t.Name && !slices.Contains(aliases, e.Name) {
				aliases = append(aliases, e.Name)
			}
			e.Key, e.Name, e.Type, e.Aliases = t.Key, t.Name, t.Type, slices.DeleteFunc(aliases, func(a string) bool { return a == t.Name })
		}
		types[e.Key] = e.Type
		if i, ok := at[e.Key]; ok {
			d := &out.Entities[i]
			d.Mentions += e.Mentions
			for _, a := range e.Aliases {
				if !slices.Contains(d.Aliases, a) {
					d.Aliases = append(d.Aliases, a)
				}
			}
			continue
		}
		at[e.Key] = len(out.Entities)
		out.Entities = append(out.Entities, e)
	}
	facts := map[string]int{}
	for _, f := range c.Facts {
		if m.reject[f.Subject] || m.reject[f.Object] {
			continue
		}
		if t, ok := m.to[f.Subject]; ok {
			f.Subject, f.SubjectType = t.Key, t.Type
		}
		if t, ok := m.to[f.Object]; ok {
			f.Object, f.ObjectType = t.Key, t.Type
		}
		if f.Subject == f.Object || m.reject[f.Subject+"|"+f.Type+"|"+f.Object] || !m.schema.Allows(f.Type, f.SubjectType, f.ObjectType) {
			continue
		}
		if i, ok := facts[f.ID()]; ok {
			out.Facts[i].Merge(f)
			continue
		}
		facts[f.ID()] = len(out.Facts)
		out.Facts = append(out.Facts, f)
	}
	return out
}

// factEnds splits a rejected fact's key (subject|type|object).
func factEnds(f string) (s, o string, ok bool) {
	p := strings.SplitN(f, "|", 3)
	if len(p) != 3 {
		return "", "", false
	}
	return p[0], p[2], true
}

// key is the key an article writes an extracted key under ("" when
// rejected).
func (m *Mapping) key(article, k string) string {
	if m.reject[k] {
		return ""
	}
	if t, ok := m.targetIn(article, k); ok {
		return t.Key
	}
	return k
}
