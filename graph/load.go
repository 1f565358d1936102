package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kg/kg/extract"
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

// factID names a fact in an Article's list of facts: "TYPE|subject|object".
// Keys hold no "|" (they are folded names), so the split is safe.
func (f fact) id() string { return f.Type + "|" + f.Subj + "|" + f.Obj }

// maxKey bounds entity keys: Neo4j cannot index much larger values.
const maxKey = 1024

// validate checks every label and relationship type of an extraction against
// the schema before anything is written. schemas.Parse only admits names of
// letters, digits and underscores, so a name the schema defines is safe to
// backtick-quote.
func (st *Store) validate(ex *extract.Extraction) error {
	for _, e := range ex.Entities {
		if _, ok := st.schema.Entity(e.Type); !ok {
			return fmt.Errorf("entity %q has type %q, which schema %s does not define", clip(e.Name), clip(e.Type), st.schema.Source)
		}
		if e.ID == "" || len(e.ID) > maxKey {
			return fmt.Errorf("entity %q has an empty id or one over %d bytes (extract.Key makes valid ones)", clip(e.Name), maxKey)
		}
	}
	for _, r := range ex.Relations {
		if _, ok := st.schema.Relation(r.Type); !ok {
			return fmt.Errorf("relation type %q is not defined by schema %s", clip(r.Type), st.schema.Source)
		}
		if !st.schema.Allows(r.Type, r.Subject.Type, r.Object.Type) {
			return fmt.Errorf("relation %s from %s to %s is not allowed by schema %s", r.Type, clip(r.Subject.Type), clip(r.Object.Type), st.schema.Source)
		}
	}
	if ex.Document.ID == "" {
		return fmt.Errorf("document %q has no id", ex.Document.Path)
	}
	return nil
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// facts groups an extraction's relations by (subject, type, object).
func (st *Store) facts(ex *extract.Extraction) []fact {
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
		if len(cur.Evidence) < st.cfg.MaxEvidence && !slices.Contains(cur.Evidence, r.Evidence.Text) {
			cur.Evidence = append(cur.Evidence, r.Evidence.Text)
		}
	}
	out := make([]fact, len(order))
	for i, id := range order {
		out[i] = *byID[id]
	}
	return out
}

// Load writes one article's extraction; see LoadAll.
func (st *Store) Load(ctx context.Context, ex *extract.Extraction) (Status, error) {
	statuses, err := st.LoadAll(ctx, []*extract.Extraction{ex})
	if err != nil {
		return "", err
	}
	return statuses[0], nil
}

// LoadAll writes articles' extractions, several articles per transaction (up
// to about Config.TxRows entity and relation rows), so that a failure leaves
// the graph as it was before that transaction and running the same load again
// completes it. An article already loaded with the same content is left alone;
// one whose content changed has its old contribution retracted first, at a
// cost proportional to its own facts. It returns each article's status.
func (st *Store) LoadAll(ctx context.Context, exs []*extract.Extraction) ([]Status, error) {
	for _, ex := range exs {
		if err := st.validate(ex); err != nil {
			return nil, fmt.Errorf("%s: %w", ex.Document.Path, err)
		}
	}
	session := st.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: st.cfg.Database})
	defer session.Close(ctx)
	out := make([]Status, 0, len(exs))
	for start := 0; start < len(exs); {
		end, rows := start, 0
		for end < len(exs) && (end == start || rows+len(exs[end].Entities)+len(exs[end].Relations) <= st.cfg.TxRows) {
			rows += len(exs[end].Entities) + len(exs[end].Relations)
			end++
		}
		group := exs[start:end]
		statuses, err := neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) ([]Status, error) {
			return st.load(ctx, tx, group)
		})
		if err != nil {
			return out, st.describe(err)
		}
		out = append(out, statuses...)
		start = end
	}
	return out, nil
}

func (st *Store) load(ctx context.Context, tx neo4j.ManagedTransaction, exs []*extract.Extraction) ([]Status, error) {
	ids := make([]string, len(exs))
	for i, ex := range exs {
		ids[i] = ex.Document.ID
	}
	res, err := tx.Run(ctx, "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id, a.sha256 AS sha, a.facts AS facts", map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	type prior struct {
		sha   string
		facts []string
	}
	before := map[string]prior{}
	for _, r := range recs {
		id, _ := r.Get("id")
		sha, _ := r.Get("sha")
		facts, _ := r.Get("facts")
		shaStr, _ := sha.(string)
		before[fmt.Sprint(id)] = prior{shaStr, toStrings(facts)}
	}
	now := time.Now().UTC()
	statuses := make([]Status, len(exs))
	var articles, mentions []map[string]any
	type entityRow struct {
		key, name, typ string
		aliases        map[string]bool
	}
	entities := map[string]*entityRow{}
	var entityOrder []string
	relRows := map[string][]map[string]any{}
	seen := map[string]bool{} // the same article twice in one call: the last wins
	for i := len(exs) - 1; i >= 0; i-- {
		ex := exs[i]
		doc := ex.Document
		if seen[doc.ID] {
			statuses[i] = Unchanged
			continue
		}
		seen[doc.ID] = true
		statuses[i] = New
		if p, ok := before[doc.ID]; ok {
			if p.sha == doc.SHA256 {
				statuses[i] = Unchanged
				continue
			}
			statuses[i] = Changed
			if err := st.retract(ctx, tx, doc.ID, p.facts); err != nil {
				return nil, err
			}
		}
		facts := st.facts(ex)
		factIDs := make([]string, len(facts))
		for k, f := range facts {
			factIDs[k] = f.id()
			relRows[f.Type] = append(relRows[f.Type], map[string]any{
				"s": f.Subj, "o": f.Obj, "article": doc.ID, "count": f.Count, "confidence": f.Confidence,
				"evidence": f.Evidence, "evidence_articles": repeat(doc.ID, len(f.Evidence))})
		}
		articles = append(articles, map[string]any{
			"id": doc.ID, "path": doc.Path, "title": doc.Title, "url": doc.URL, "published": doc.Published,
			"sha": doc.SHA256, "facts": factIDs})
		ms := make([]map[string]any, len(ex.Entities))
		for k, e := range ex.Entities {
			ms[k] = map[string]any{"key": e.ID, "count": len(e.Mentions)}
		}
		mentions = append(mentions, map[string]any{"article": doc.ID, "mentions": ms})
		for _, e := range ex.Entities {
			row, ok := entities[e.ID]
			if !ok {
				row = &entityRow{key: e.ID, name: e.Name, typ: e.Type, aliases: map[string]bool{}}
				entities[e.ID] = row
				entityOrder = append(entityOrder, e.ID)
			}
			for _, a := range e.Aliases {
				row.aliases[a] = true
			}
		}
	}
	// One row per entity of the whole transaction, grouped by type.
	entRows := map[string][]map[string]any{}
	for _, key := range entityOrder {
		e := entities[key]
		entRows[e.typ] = append(entRows[e.typ], map[string]any{"key": e.key, "name": e.name, "type": e.typ, "aliases": sortedKeys(e.aliases)})
	}
	if err := st.batches(ctx, tx, `UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a.path = row.path, a.title = row.title, a.url = row.url, a.published = row.published,
    a.sha256 = row.sha, a.facts = row.facts, a.loaded_at = $now`, articles, map[string]any{"now": now}); err != nil {
		return nil, err
	}
	// Entities, one statement per type: labels cannot be parameters.
	for _, typ := range sortedKeys(entRows) {
		labels := ""
		for _, l := range st.schema.Labels(typ) {
			labels += ":" + quote(l)
		}
		q := `UNWIND $rows AS row
MERGE (e:Entity {key: row.key})
ON CREATE SET e.name = row.name, e.type = row.type, e.aliases = row.aliases
ON MATCH SET e.aliases = e.aliases + [x IN row.aliases WHERE NOT x IN e.aliases]
SET e` + labels
		if err := st.batches(ctx, tx, q, entRows[typ], nil); err != nil {
			return nil, err
		}
	}
	// An article written here is new or was retracted, so it has no MENTIONS
	// yet: they are created, not merged.
	if err := st.batches(ctx, tx, `UNWIND $rows AS row
MATCH (a:Article {id: row.article})
WITH a, row
UNWIND row.mentions AS m
MATCH (e:Entity {key: m.key})
CREATE (a)-[:MENTIONS {count: m.count}]->(e)`, mentions, nil); err != nil {
		return nil, err
	}
	// Relationships, one statement per type. Several rows may meet on one
	// relationship; each SET reads what the previous row wrote.
	for _, typ := range sortedKeys(relRows) {
		q := `UNWIND $rows AS row
MATCH (s:Entity {key: row.s})
MATCH (o:Entity {key: row.o})
MERGE (s)-[r:` + quote(typ) + `]->(o)
ON CREATE SET r.articles = [row.article], r.article_counts = [row.count], r.article_confidences = [row.confidence],
              r.count = row.count, r.confidence = row.confidence, r.evidence = row.evidence[0..$max],
              r.evidence_articles = row.evidence_articles[0..$max], r.first_seen = $now, r.last_seen = $now
ON MATCH SET r.articles = r.articles + row.article,
    r.article_counts = r.article_counts + row.count,
    r.article_confidences = r.article_confidences + row.confidence,
    r.count = r.count + row.count,
    r.confidence = CASE WHEN row.confidence > r.confidence THEN row.confidence ELSE r.confidence END,
    r.evidence = (r.evidence + row.evidence)[0..$max],
    r.evidence_articles = (r.evidence_articles + row.evidence_articles)[0..$max],
    r.last_seen = $now`
		if err := st.batches(ctx, tx, q, relRows[typ], map[string]any{"now": now, "max": st.cfg.MaxEvidence}); err != nil {
			return nil, err
		}
	}
	return statuses, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// retract removes an article's contribution: its share of each fact it
// supported (deleting facts only it supported), its mentions, and entities
// left with nothing.
func (st *Store) retract(ctx context.Context, tx neo4j.ManagedTransaction, article string, factIDs []string) error {
	byType := map[string][]map[string]any{}
	for _, id := range factIDs {
		parts := strings.SplitN(id, "|", 3)
		if len(parts) != 3 {
			continue
		}
		if _, ok := st.schema.Relation(parts[0]); !ok {
			// A type this schema no longer defines cannot be named safely.
			return fmt.Errorf("article %s was loaded with relation type %q, which schema %s does not define; load it with its original schema", article, clip(parts[0]), st.schema.Source)
		}
		byType[parts[0]] = append(byType[parts[0]], map[string]any{"s": parts[1], "o": parts[2]})
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, typ := range types {
		q := `UNWIND $rows AS row
MATCH (:Entity {key: row.s})-[r:` + quote(typ) + `]->(:Entity {key: row.o})
WITH r, [i IN range(0, size(r.articles) - 1) WHERE r.articles[i] <> $article] AS keep,
        [i IN range(0, size(r.evidence_articles) - 1) WHERE r.evidence_articles[i] <> $article] AS keepEv
WITH r, [i IN keep | r.articles[i]] AS articles, [i IN keep | r.article_counts[i]] AS counts,
        [i IN keep | r.article_confidences[i]] AS confs,
        [i IN keepEv | r.evidence[i]] AS evidence, [i IN keepEv | r.evidence_articles[i]] AS evArticles
SET r.articles = articles, r.article_counts = counts, r.article_confidences = confs,
    r.evidence = evidence, r.evidence_articles = evArticles,
    r.count = reduce(c = 0, x IN counts | c + x),
    r.confidence = reduce(m = 0.0, x IN confs | CASE WHEN x > m THEN x ELSE m END)
WITH r WHERE size(r.articles) = 0
DELETE r`
		if err := st.batches(ctx, tx, q, byType[typ], map[string]any{"article": article}); err != nil {
			return err
		}
	}
	_, err := tx.Run(ctx, `MATCH (a:Article {id: $article})-[m:MENTIONS]->(e:Entity)
DELETE m
WITH DISTINCT e
WHERE NOT (e)--()
DELETE e`, map[string]any{"article": article})
	return err
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

func toStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
