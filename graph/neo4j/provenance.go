package neo4j

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
)

// The provenance model in Neo4j. Each (subject, type, object) is a Fact node,
// and each article's share of it an ASSERTS relationship:
//
//	(:Article)-[:ASSERTS {count, confidence, alleged, evidence, evidence_assertions, seen}]->(:Fact {id, type, subject, object})
//
// alleged is true when every sentence of the article that states the fact
// only alleges it, and evidence_assertions says how each evidence sentence
// states it ("asserted" or "alleged"). The edge users query,
// (:Entity)-[:TYPE]->(:Entity), carries aggregates kept up to date
// incrementally: articles, asserted_articles (those whose ASSERTS is not
// alleged), alleged (true when asserted_articles is 0), count, confidence
// (the best), first_seen, last_seen, and up to MaxEvidence evidence
// sentences (those of the articles first by id) with evidence_articles and
// evidence_assertions. confidence_articles, first_seen_articles and
// last_seen_articles count the articles that hold the best confidence and
// the two dates, so that taking an article back need not look at the others
// unless it held one of them alone (or one of the edge's evidence
// sentences); only then are the fact's aggregates computed again from its
// ASSERTS. Loading or taking back an article therefore costs what its own
// facts cost, however many other articles back them.
//
// The Fact node is also the lock: every write to a fact first writes its
// Fact node, so that concurrent writers of one fact take turns.

// factRows is a fact's aggregate over a transaction's articles, and their
// ASSERTS rows.
type factRows struct {
	*graph.Aggregate
	asserts []map[string]any
}

// row is the aggregate as statement parameters.
func row(g *graph.Aggregate) map[string]any {
	return map[string]any{"id": g.ID, "s": g.Subject, "o": g.Object, "articles": g.Articles, "asserted_n": g.AssertedArticles, "count": g.Count,
		"confidence": g.Confidence, "confidence_n": g.ConfidenceN, "first": dayParam(g.First), "first_n": g.FirstN,
		"last": dayParam(g.Last), "last_n": g.LastN, "evidence": orEmpty(g.Evidence), "evidence_articles": orEmpty(g.EvidenceArticles),
		"evidence_assertions": orEmpty(g.EvidenceAssertions)}
}

// props are the edge's properties for a fact new to the graph.
func props(g *graph.Aggregate) map[string]any {
	date := func(s string) any {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil
		}
		return dbtype.Date(t)
	}
	return map[string]any{"articles": g.Articles, "asserted_articles": g.AssertedArticles, "alleged": g.Alleged(),
		"count": g.Count, "confidence": g.Confidence, "confidence_articles": g.ConfidenceN,
		"first_seen": date(g.First), "first_seen_articles": g.FirstN, "last_seen": date(g.Last), "last_seen_articles": g.LastN,
		"evidence": orEmpty(g.Evidence), "evidence_articles": orEmpty(g.EvidenceArticles), "evidence_assertions": orEmpty(g.EvidenceAssertions)}
}

// newFacts writes facts the graph does not have yet: their Fact nodes,
// edges and ASSERTS, all created. (A fact another writer created meanwhile
// fails the transaction on Fact.id's constraint; Write then writes its
// articles again, and they find the fact.)
const newFacts = `UNWIND $rows AS row
MATCH (s:Entity {key: row.s})
MATCH (o:Entity {key: row.o})
CREATE (f:Fact {id: row.id, type: $type, subject: row.s, object: row.o})
CREATE (s)-[r:%[1]s]->(o)
SET r = row.props
WITH f, row
UNWIND row.asserts AS x
MATCH (a:Article {id: x.article})
CREATE (a)-[:ASSERTS {count: x.count, confidence: x.confidence, alleged: x.alleged, evidence: x.evidence, evidence_assertions: x.evidence_assertions, seen: date(x.seen)}]->(f)`

// addFacts merges a transaction's aggregate of each fact the graph has into
// its edge, and creates the ASSERTS. Writing the Fact node first locks the
// fact: concurrent writers of one fact take turns.
const addFacts = `UNWIND $rows AS row
MATCH (f:Fact {id: row.id})
SET f.lock = true
REMOVE f.lock
WITH f, row
CALL {
  WITH f, row
  UNWIND row.asserts AS x
  MATCH (a:Article {id: x.article})
  CREATE (a)-[:ASSERTS {count: x.count, confidence: x.confidence, alleged: x.alleged, evidence: x.evidence, evidence_assertions: x.evidence_assertions, seen: date(x.seen)}]->(f)
}
WITH row
MATCH (:Entity {key: row.s})-[r:%[1]s]->(:Entity {key: row.o})
` + mergeAggregate

// mergeAggregate folds row's aggregate into the edge r by the rules of
// graph.Aggregate.Add.
const mergeAggregate = `WITH r, row, date(row.first) AS first, date(row.last) AS last
CALL {
    WITH r, row
    UNWIND range(0, size(r.evidence) + size(row.evidence) - 1) AS i
    WITH i, CASE WHEN i < size(r.evidence) THEN r.evidence_articles[i] ELSE row.evidence_articles[i - size(r.evidence)] END AS article,
         CASE WHEN i < size(r.evidence) THEN r.evidence[i] ELSE row.evidence[i - size(r.evidence)] END AS text,
         CASE WHEN i < size(r.evidence) THEN coalesce(r.evidence_assertions[i], 'asserted')
              ELSE row.evidence_assertions[i - size(r.evidence)] END AS assertion
    ORDER BY article, i
    LIMIT $max
    RETURN collect(text) AS evidence, collect(article) AS evidenceArticles, collect(assertion) AS evidenceAssertions
  }
  WITH r, row, evidence, evidenceArticles, evidenceAssertions,
    coalesce(r.asserted_articles, r.articles) + row.asserted_n AS assertedN,
    CASE WHEN row.confidence > r.confidence THEN row.confidence ELSE r.confidence END AS conf,
    CASE WHEN row.confidence > r.confidence THEN row.confidence_n
         WHEN row.confidence = r.confidence THEN r.confidence_articles + row.confidence_n ELSE r.confidence_articles END AS confN,
    CASE WHEN first IS NOT NULL AND (r.first_seen IS NULL OR first < r.first_seen) THEN first ELSE r.first_seen END AS newFirst,
    CASE WHEN first IS NOT NULL AND (r.first_seen IS NULL OR first < r.first_seen) THEN row.first_n
         WHEN first = r.first_seen THEN r.first_seen_articles + row.first_n ELSE coalesce(r.first_seen_articles, 0) END AS firstN,
    CASE WHEN last IS NOT NULL AND (r.last_seen IS NULL OR last > r.last_seen) THEN last ELSE r.last_seen END AS newLast,
    CASE WHEN last IS NOT NULL AND (r.last_seen IS NULL OR last > r.last_seen) THEN row.last_n
         WHEN last = r.last_seen THEN r.last_seen_articles + row.last_n ELSE coalesce(r.last_seen_articles, 0) END AS lastN
  SET r.articles = r.articles + row.articles, r.count = r.count + row.count,
      r.asserted_articles = assertedN, r.alleged = (assertedN = 0),
      r.confidence = conf, r.confidence_articles = confN,
      r.first_seen = newFirst, r.first_seen_articles = firstN, r.last_seen = newLast, r.last_seen_articles = lastN,
      r.evidence = evidence, r.evidence_articles = evidenceArticles, r.evidence_assertions = evidenceAssertions`

// retractFact takes one article's share out of each of its facts of one
// relationship type (the fact turns alleged when the article was the last
// to assert it), and returns the facts whose aggregates must be computed
// again from their other articles: those where the article held the best
// confidence or a date alone, or had evidence on the edge.
const retractFact = `UNWIND $rows AS row
MATCH (f:Fact {id: row.id})
SET f.lock = true
REMOVE f.lock
WITH f, row
MATCH (:Article {id: $article})-[x:ASSERTS]->(f)
DELETE x
WITH f, row, date(row.seen) AS seen
MATCH (:Entity {key: row.s})-[r:%s]->(:Entity {key: row.o})
WITH f, r, row,
  coalesce(r.asserted_articles, r.articles) - CASE WHEN row.alleged THEN 0 ELSE 1 END AS assertedN,
  r.confidence_articles - CASE WHEN row.confidence = r.confidence THEN 1 ELSE 0 END AS confN,
  r.first_seen_articles - CASE WHEN seen = r.first_seen THEN 1 ELSE 0 END AS firstN,
  r.last_seen_articles - CASE WHEN seen = r.last_seen THEN 1 ELSE 0 END AS lastN,
  $article IN r.evidence_articles AS hadEvidence
SET r.articles = r.articles - 1, r.count = r.count - row.count, r.asserted_articles = assertedN, r.alleged = (assertedN = 0),
    r.confidence_articles = confN, r.first_seen_articles = firstN, r.last_seen_articles = lastN
WITH f, r, row, r.articles = 0 AS gone,
  (confN = 0 OR (firstN = 0 AND r.first_seen IS NOT NULL) OR (lastN = 0 AND r.last_seen IS NOT NULL) OR hadEvidence) AS stale
CALL {
  WITH f, r, gone
  WITH f, r WHERE gone
  DELETE r
  DETACH DELETE f
}
WITH row WHERE stale AND NOT gone
RETURN row.id AS id`

// writeTx writes a transaction's articles; see Write.
func (st *Store) writeTx(ctx context.Context, tx bolt.ManagedTransaction, cs []*graph.Contribution) ([]graph.Outcome, error) {
	// Each article's node first, written so that it is locked: a concurrent
	// writer of the same article waits here, then sees what this one wrote.
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.Article.ID
	}
	locked := slices.Clone(ids)
	slices.Sort(locked)
	locked = slices.Compact(locked)
	res, err := tx.Run(ctx, `UNWIND $ids AS id
MERGE (a:Article {id: id})
SET a.lock = true
REMOVE a.lock
RETURN a.id AS id, a.sha256 AS sha, a.schema AS schema, a.extractor AS extractor, a.facts IS NOT NULL AS old,
       a.loaded_at IS NOT NULL AS known`, map[string]any{"ids": locked})
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	// known: the article was written before (MERGE has just made the
	// others). Its sha256 says nothing of that: Stale empties it.
	type prior struct {
		sha, schema, extractor string
		known                  bool
	}
	before := map[string]prior{}
	for _, r := range recs {
		if old, _ := r.Get("old"); old == true {
			return nil, errOldModel
		}
		known, _ := r.Get("known")
		before[str(r, "id")] = prior{str(r, "sha"), str(r, "schema"), str(r, "extractor"), known == true}
	}
	fp := st.schema.Fingerprint()
	now := time.Now().UTC()
	statuses := make([]graph.Status, len(cs))
	var articles, mentions []map[string]any
	type entityRow struct {
		key, name, typ string
		aliases        map[string]bool
	}
	entities := map[string]*entityRow{}
	aggs := map[string]*factRows{}
	seen := map[string]bool{} // the same article twice in one call: the last wins
	var changed []string
	for i := len(cs) - 1; i >= 0; i-- {
		c := cs[i]
		doc := c.Article
		if seen[doc.ID] {
			statuses[i] = graph.Unchanged
			continue
		}
		seen[doc.ID] = true
		statuses[i] = graph.New
		if p := before[doc.ID]; p.known {
			if p.sha == doc.SHA256 && p.schema == fp && p.extractor == doc.Extractor {
				statuses[i] = graph.Unchanged
				continue
			}
			statuses[i] = graph.Changed
			changed = append(changed, doc.ID)
		}
		day := graph.SeenDate(doc.Published)
		for _, f := range c.Facts {
			evidence, assertions := f.FirstEvidence(st.cfg.MaxEvidence)
			g := aggs[f.ID()]
			if g == nil {
				g = &factRows{Aggregate: graph.NewAggregate(f.Type, f.Subject, f.Object)}
				aggs[f.ID()] = g
			}
			g.Add(graph.Assertion{Article: doc.ID, Count: f.Count, Confidence: f.Confidence, Alleged: f.Alleged,
				Evidence: evidence, EvidenceAssertions: assertions, Seen: day}, st.cfg.MaxEvidence)
			g.asserts = append(g.asserts, map[string]any{"article": doc.ID, "count": f.Count, "confidence": f.Confidence,
				"alleged": f.Alleged, "evidence": orEmpty(evidence), "evidence_assertions": orEmpty(assertions), "seen": dayParam(day)})
		}
		articles = append(articles, map[string]any{
			"id": doc.ID, "path": doc.Path, "title": doc.Title, "url": doc.URL, "published": doc.Published,
			"sha": doc.SHA256, "extractor": doc.Extractor, "source": doc.Source, "resolution": orNil(doc.Resolution)})
		ms := make([]map[string]any, len(c.Entities))
		for k, e := range c.Entities {
			ms[k] = map[string]any{"key": e.Key, "count": e.Mentions}
		}
		mentions = append(mentions, map[string]any{"article": doc.ID, "mentions": ms})
		for _, e := range c.Entities {
			row, ok := entities[e.Key]
			if !ok {
				row = &entityRow{key: e.Key, name: e.Name, typ: e.Type, aliases: map[string]bool{}}
				entities[e.Key] = row
			}
			row.name = min(row.name, e.Name)
			for _, a := range e.Aliases {
				row.aliases[a] = true
			}
		}
	}
	// An earlier kg keyed an article with a url by the url alone: the copy
	// it stored from the same file (source) is a new article's old version.
	var legacy []map[string]any
	for i, c := range cs {
		doc := c.Article
		if old := extract.LegacyID(doc.URL); statuses[i] == graph.New && old != "" && old != doc.ID {
			legacy = append(legacy, map[string]any{"old": old, "source": doc.Source, "i": i})
		}
	}
	if len(legacy) > 0 {
		res, err := tx.Run(ctx, `UNWIND $rows AS row
MATCH (a:Article {id: row.old})
WHERE coalesce(a.source, '') = row.source
SET a.lock = true
REMOVE a.lock
RETURN DISTINCT a.id AS id, row.i AS i`, map[string]any{"rows": legacy})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		var gone []string
		for _, r := range recs {
			statuses[integer(r, "i")] = graph.Changed
			gone = append(gone, str(r, "id"))
		}
		if err := st.takeBack(ctx, tx, gone); err != nil {
			return nil, err
		}
	}
	// A file moved or renamed: the articles stored from its bytes under
	// paths that no longer hold them (Contribution.Replaces) are taken back
	// if they still hold those bytes (the old path may have been rebuilt with
	// others meanwhile), and the article is Moved.
	var moves []map[string]any
	for i, c := range cs {
		if statuses[i] == graph.Unchanged {
			continue
		}
		for _, r := range c.Replaces {
			if r.ID != c.Article.ID {
				moves = append(moves, map[string]any{"old": r.ID, "sha": r.SHA256, "i": i})
			}
		}
	}
	replaced := make([][]string, len(cs))
	if len(moves) > 0 {
		res, err := tx.Run(ctx, `UNWIND $rows AS row
MATCH (a:Article {id: row.old})
WHERE a.sha256 = row.sha AND NOT a.id IN $ids
SET a.lock = true
REMOVE a.lock
RETURN a.id AS id, row.i AS i`, map[string]any{"rows": moves, "ids": locked})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		var gone []string
		for _, r := range recs {
			i, id := integer(r, "i"), str(r, "id")
			statuses[i] = graph.Moved
			replaced[i] = append(replaced[i], id)
			gone = append(gone, id)
		}
		if err := st.takeBack(ctx, tx, gone); err != nil {
			return nil, err
		}
	}
	slices.Sort(changed)
	for _, id := range changed {
		if err := st.retract(ctx, tx, id); err != nil {
			return nil, err
		}
	}
	if err := st.batches(ctx, tx, `UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a.path = row.path, a.title = row.title, a.url = row.url, a.published = row.published,
    a.sha256 = row.sha, a.loaded_at = $now, a.schema = $schema, a.extractor = row.extractor,
    a.source = row.source, a.resolution = row.resolution`,
		articles, map[string]any{"now": now, "schema": fp}); err != nil {
		return nil, err
	}
	// Entities in key order (so that concurrent writers lock them in one
	// order), one statement per type: labels cannot be parameters. An entity
	// already there is written only when this transaction brings a new alias
	// or a name that sorts first (the name every load order agrees on).
	entRows := map[string][]map[string]any{}
	for _, key := range sortedKeys(entities) {
		e := entities[key]
		entRows[e.typ] = append(entRows[e.typ], map[string]any{"key": e.key, "name": e.name, "type": e.typ, "aliases": sortedKeys(e.aliases)})
	}
	for _, typ := range sortedKeys(entRows) {
		labels := ""
		for _, l := range st.schema.Labels(typ) {
			labels += ", e:" + quote(l)
		}
		q := `UNWIND $rows AS row
MERGE (e:Entity {key: row.key})
ON CREATE SET e.name = row.name, e.name_prefix = left(row.name, $prefix), e.type = row.type,
              e.aliases = CASE WHEN size(row.aliases) > 0 THEN row.aliases END` + labels + `
WITH e, row, [x IN row.aliases WHERE NOT x IN coalesce(e.aliases, [])] AS added
WHERE row.name < e.name OR size(added) > 0
SET e.aliases = CASE WHEN size(added) > 0 THEN coalesce(e.aliases, []) + added ELSE e.aliases END,
    e.name = CASE WHEN row.name < e.name THEN row.name ELSE e.name END,
    e.name_prefix = left(CASE WHEN row.name < e.name THEN row.name ELSE e.name END, $prefix)`
		if err := st.batches(ctx, tx, q, entRows[typ], map[string]any{"prefix": NamePrefixChars}); err != nil {
			return nil, err
		}
	}
	// An article written here is new or was retracted, so it has no MENTIONS
	// or ASSERTS yet: they are created, not merged.
	if err := st.batches(ctx, tx, `UNWIND $rows AS row
MATCH (a:Article {id: row.article})
WITH a, row
UNWIND row.mentions AS m
MATCH (e:Entity {key: m.key})
CREATE (a)-[:MENTIONS {count: m.count}]->(e)`, mentions, nil); err != nil {
		return nil, err
	}
	// Facts, one row per fact of the whole transaction, in id order, one
	// statement per relationship type: those the graph lacks created,
	// the others merged.
	factIDs := sortedKeys(aggs)
	exists := map[string]bool{}
	for start := 0; start < len(factIDs); start += st.cfg.BatchSize {
		res, err := tx.Run(ctx, `UNWIND $ids AS id MATCH (f:Fact {id: id}) RETURN id`, map[string]any{"ids": factIDs[start:min(start+st.cfg.BatchSize, len(factIDs))]})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			exists[str(r, "id")] = true
		}
	}
	fresh, known := map[string][]map[string]any{}, map[string][]map[string]any{}
	for _, id := range factIDs {
		g := aggs[id]
		if exists[id] {
			row := row(g.Aggregate)
			row["asserts"] = g.asserts
			known[g.Type] = append(known[g.Type], row)
			continue
		}
		fresh[g.Type] = append(fresh[g.Type], map[string]any{"id": id, "s": g.Subject, "o": g.Object, "asserts": g.asserts, "props": props(g.Aggregate)})
	}
	for _, typ := range sortedKeys(fresh) {
		if err := st.batches(ctx, tx, fmt.Sprintf(newFacts, quote(typ)), fresh[typ], map[string]any{"type": typ}); err != nil {
			return nil, err
		}
	}
	for _, typ := range sortedKeys(known) {
		if err := st.batches(ctx, tx, fmt.Sprintf(addFacts, quote(typ)), known[typ], map[string]any{"max": st.cfg.MaxEvidence}); err != nil {
			return nil, err
		}
	}
	out := make([]graph.Outcome, len(cs))
	for i := range cs {
		out[i] = graph.Outcome{Status: statuses[i], Replaced: replaced[i]}
	}
	return out, nil
}

// takeBack takes these articles out of the graph in tx: their shares, then
// their nodes.
func (st *Store) takeBack(ctx context.Context, tx bolt.ManagedTransaction, ids []string) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		if err := st.retract(ctx, tx, id); err != nil {
			return err
		}
		res, err := tx.Run(ctx, `MATCH (a:Article {id: $id}) DETACH DELETE a`, map[string]any{"id": id})
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// errOldModel is returned when the graph was written by a kg before the
// provenance model; EnsureSchema migrates it.
var errOldModel = errors.New("this graph was written by an earlier kg (relationships list their articles); run kg build or kg load again to migrate it first")

// retract takes an article's share out: its ASSERTS (updating each fact's
// edge, deleting facts only it supported), its mentions, and entities left
// with nothing. The article node stays, for the caller to rewrite or delete.
func (st *Store) retract(ctx context.Context, tx bolt.ManagedTransaction, article string) error {
	res, err := tx.Run(ctx, `MATCH (:Article {id: $article})-[x:ASSERTS]->(f:Fact)
RETURN f.id AS id, f.type AS type, f.subject AS s, f.object AS o, x.count AS count, x.confidence AS confidence,
  coalesce(x.alleged, false) AS alleged, x.seen AS seen
ORDER BY id`, map[string]any{"article": article})
	if err != nil {
		return err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return err
	}
	byType := map[string][]map[string]any{}
	for _, r := range recs {
		typ := str(r, "type")
		if _, ok := st.schema.Relation(typ); !ok {
			// A type this schema no longer defines cannot be named safely.
			return &articleError{fmt.Errorf("it was loaded before with relation type %q, which schema %s does not define; load it with its original schema", graph.Clip(typ, 60), st.schema.Source)}
		}
		seen, _ := r.Get("seen")
		conf, _ := r.Get("confidence")
		alleged, _ := r.Get("alleged")
		byType[typ] = append(byType[typ], map[string]any{"id": str(r, "id"), "s": str(r, "s"), "o": str(r, "o"),
			"count": integer(r, "count"), "confidence": conf, "alleged": alleged == true, "seen": dayParam(dateString(seen))})
	}
	for _, typ := range sortedKeys(byType) {
		rows := byType[typ]
		for start := 0; start < len(rows); start += st.cfg.BatchSize {
			end := min(start+st.cfg.BatchSize, len(rows))
			res, err := tx.Run(ctx, fmt.Sprintf(retractFact, quote(typ)), map[string]any{"rows": rows[start:end], "article": article})
			if err != nil {
				return err
			}
			stale, err := res.Collect(ctx)
			if err != nil {
				return err
			}
			var ids []string
			for _, r := range stale {
				ids = append(ids, str(r, "id"))
			}
			if err := st.recompute(ctx, tx, typ, ids); err != nil {
				return err
			}
		}
	}
	_, err = tx.Run(ctx, `MATCH (a:Article {id: $article})-[m:MENTIONS]->(e:Entity)
DELETE m
WITH DISTINCT e
WHERE NOT (e)--()
DELETE e`, map[string]any{"article": article})
	return err
}

// recompute sets the edges of these facts of one type from their ASSERTS:
// the slow path, for facts whose aggregates a retraction cannot adjust.
func (st *Store) recompute(ctx context.Context, tx bolt.ManagedTransaction, typ string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	res, err := tx.Run(ctx, `UNWIND $ids AS id
MATCH (a:Article)-[x:ASSERTS]->(f:Fact {id: id})
RETURN f.id AS id, f.subject AS s, f.object AS o, a.id AS article, x.count AS count, x.confidence AS confidence,
       x.alleged AS alleged, x.evidence AS evidence, x.evidence_assertions AS assertions, x.seen AS seen
ORDER BY id, article`, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return err
	}
	aggs := map[string]*graph.Aggregate{}
	for _, r := range recs {
		id := str(r, "id")
		g := aggs[id]
		if g == nil {
			g = graph.NewAggregate(typ, str(r, "s"), str(r, "o"))
			aggs[id] = g
		}
		seen, _ := r.Get("seen")
		conf, _ := r.Get("confidence")
		c, _ := conf.(float64)
		alleged, _ := r.Get("alleged")
		g.Add(graph.Assertion{Article: str(r, "article"), Count: integer(r, "count"), Confidence: c, Alleged: alleged == true,
			Evidence: strs(r, "evidence"), EvidenceAssertions: strs(r, "assertions"), Seen: dateString(seen)}, st.cfg.MaxEvidence)
	}
	var rows []map[string]any
	for _, id := range sortedKeys(aggs) {
		rows = append(rows, row(aggs[id]))
	}
	return st.batches(ctx, tx, `UNWIND $rows AS row
MATCH (:Entity {key: row.s})-[r:`+quote(typ)+`]->(:Entity {key: row.o})
SET r.articles = row.articles, r.asserted_articles = row.asserted_n, r.alleged = (row.asserted_n = 0),
    r.count = row.count, r.confidence = row.confidence, r.confidence_articles = row.confidence_n,
    r.first_seen = date(row.first), r.first_seen_articles = row.first_n, r.last_seen = date(row.last), r.last_seen_articles = row.last_n,
    r.evidence = row.evidence, r.evidence_articles = row.evidence_articles, r.evidence_assertions = row.evidence_assertions`, rows, nil)
}

// Prune takes back the articles whose files are gone: loaded from a file
// (source) that no longer exists. It returns their paths.
func (st *Store) Prune(ctx context.Context) ([]string, error) {
	rows, err := st.Query(ctx, "MATCH (a:Article) WHERE a.source IS NOT NULL AND a.source <> '' RETURN a.id AS id, a.path AS path, a.source AS source ORDER BY a.path", nil)
	if err != nil {
		return nil, err
	}
	var gone []string
	for _, r := range rows {
		src, _ := r["source"].(string)
		if _, err := os.Stat(src); !errors.Is(err, os.ErrNotExist) {
			continue
		}
		id, _ := r["id"].(string)
		if _, err := st.Remove(ctx, id); err != nil {
			return gone, err
		}
		path, _ := r["path"].(string)
		gone = append(gone, path)
	}
	return gone, nil
}

// Remove takes an article back out of the graph: its share of every fact
// (at the cost of its own facts), its mentions, the entities nothing else
// names, and its node. It reports whether the graph held the article.
func (st *Store) Remove(ctx context.Context, id string) (bool, error) {
	session := st.driver.NewSession(ctx, bolt.SessionConfig{DatabaseName: st.cfg.Database})
	defer session.Close(ctx)
	held, err := bolt.ExecuteWrite(ctx, session, func(tx bolt.ManagedTransaction) (bool, error) {
		res, err := tx.Run(ctx, "MATCH (a:Article {id: $id}) SET a.lock = true REMOVE a.lock RETURN a.id", map[string]any{"id": id})
		if err != nil {
			return false, err
		}
		recs, err := res.Collect(ctx)
		if err != nil || len(recs) == 0 {
			return false, err
		}
		if err := st.retract(ctx, tx, id); err != nil {
			return false, err
		}
		res, err = tx.Run(ctx, "MATCH (a:Article {id: $id}) DETACH DELETE a", map[string]any{"id": id})
		if err != nil {
			return false, err
		}
		_, err = res.Consume(ctx)
		return true, err
	})
	if err != nil {
		return false, st.describe(err)
	}
	return held, nil
}
