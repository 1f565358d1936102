package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kg/kg/graph"
	"github.com/kg/kg/schemas"
)

// The graph's constraints and indexes, and the upgrade of graphs an earlier
// kg wrote.

// NamePrefixChars is how many characters of an entity's name its
// name_prefix property keeps: the name itself is stored whole, and only this
// prefix is indexed. Neo4j refuses to write a value larger than an index
// takes (about 32 KB for TEXT indexes, 8 KB for RANGE ones), and article text
// can name anything; 1,000 characters are at most 4,000 bytes in UTF-8.
const NamePrefixChars = 1000

// SchemaStatements are the constraints and indexes the graph needs, derived
// from the schema, each safe to run again. Every indexed property is bounded
// in bytes: keys and article ids by validation, names by name_prefix.
func SchemaStatements(s *schemas.Schema) []string {
	out := []string{
		"CREATE CONSTRAINT kg_entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE",
		"CREATE CONSTRAINT kg_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
		"CREATE CONSTRAINT kg_fact_id IF NOT EXISTS FOR (f:Fact) REQUIRE f.id IS UNIQUE",
		"CREATE TEXT INDEX kg_entity_name_prefix IF NOT EXISTS FOR (e:Entity) ON (e.name_prefix)",
		// Articles read from the same bytes: copies and moved files (SameBytes).
		"CREATE INDEX kg_article_sha256 IF NOT EXISTS FOR (a:Article) ON (a.sha256)",
	}
	for _, t := range s.EntityTypes {
		out = append(out, fmt.Sprintf("CREATE TEXT INDEX kg_%s_name_prefix IF NOT EXISTS FOR (n:%s) ON (n.name_prefix)", strings.ToLower(t.Name), quote(t.Name)))
	}
	return out
}

// EnsureSchema creates the constraints and indexes of SchemaStatements, after
// upgrading a graph loaded by an earlier kg, whose indexes on the unbounded
// name made the server refuse articles naming something at great length;
// then it migrates a graph of the model before Fact nodes (migrate), and
// one from before alleged facts were marked (markAlleged).
func (st *Store) EnsureSchema(ctx context.Context) error {
	if err := st.upgradeNameIndexes(ctx); err != nil {
		return err
	}
	for _, q := range SchemaStatements(st.schema) {
		if _, err := bolt.ExecuteQuery(ctx, st.driver, q, nil, bolt.EagerResultTransformer, st.dbOpt()); err != nil && !equivalentRuleExists(err) {
			return st.describe(err)
		}
	}
	if _, err := st.migrate(ctx); err != nil {
		return fmt.Errorf("migrating the graph to Fact nodes (kg's provenance model since this version): %w; run the same command again to continue", err)
	}
	if _, err := st.markAlleged(ctx); err != nil {
		return fmt.Errorf("marking the graph's facts asserted or alleged (kg's provenance model since this version): %w; run the same command again to continue", err)
	}
	return nil
}

// markAlleged upgrades a graph an earlier kg wrote, whose facts say nothing
// of being alleged: every article's share and every edge asserted (that kg
// kept alleged accusations out of the graph and stored other alleged
// relations unmarked), each evidence sentence asserted, and every article
// to be read again by the next build, which marks what it alleges (its
// extractor's version prefixed with graph.UnmarkedPrefix, which no
// extractor kg runs has; its sha256 kept, so that a moved file is still
// told by its bytes, SameBytes). It reports
// whether there was anything to do, and is safe to run again after an
// interruption: the articles are marked first, and what is upgraded no
// longer matches. On a current graph it costs one scan of the ASSERTS
// relationships.
func (st *Store) markAlleged(ctx context.Context) (bool, error) {
	recs, err := st.read(ctx, `MATCH ()-[x:ASSERTS]->() WHERE x.alleged IS NULL RETURN x LIMIT 1`, nil)
	if err != nil || len(recs) == 0 {
		return false, err
	}
	session := st.driver.NewSession(ctx, bolt.SessionConfig{DatabaseName: st.cfg.Database})
	defer session.Close(ctx)
	run := func(q string) error {
		res, err := session.Run(ctx, q, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return st.describe(err)
		}
		return nil
	}
	if err := run(`MATCH (a:Article) WHERE NOT coalesce(a.extractor, '') STARTS WITH '` + graph.UnmarkedPrefix + `'
CALL { WITH a SET a.extractor = '` + graph.UnmarkedPrefix + `' + coalesce(a.extractor, '') } IN TRANSACTIONS OF 10000 ROWS`); err != nil {
		return true, err
	}
	for _, r := range st.schema.RelationTypes {
		if err := run(`MATCH (:Entity)-[r:` + quote(r.Name) + `]->(:Entity) WHERE r.alleged IS NULL
CALL { WITH r SET r.asserted_articles = r.articles, r.alleged = false, r.evidence_assertions = [e IN r.evidence | 'asserted'] }
IN TRANSACTIONS OF 10000 ROWS`); err != nil {
			return true, err
		}
	}
	// The ASSERTS last: while one lacks alleged, the next EnsureSchema
	// comes back here.
	return true, run(`MATCH ()-[x:ASSERTS]->() WHERE x.alleged IS NULL
CALL { WITH x SET x.alleged = false, x.evidence_assertions = [e IN x.evidence | 'asserted'] } IN TRANSACTIONS OF 10000 ROWS`)
}

// equivalentRuleExists reports whether err says that the constraint or index
// being created already exists: "IF NOT EXISTS" does not stop two builds
// that start together from racing to create it, and the loser is told so.
// What it wanted exists, which is all EnsureSchema needs.
func equivalentRuleExists(err error) bool {
	var ne *bolt.Neo4jError
	return errors.As(err, &ne) && ne.Code == "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"
}

// upgradeNameIndexes gives the entities of an earlier kg's graph their
// name_prefix and drops that kg's indexes on name (kg_entity_name,
// kg_person_name, ...). A graph without them costs one SHOW INDEXES.
func (st *Store) upgradeNameIndexes(ctx context.Context) error {
	res, err := bolt.ExecuteQuery(ctx, st.driver, `SHOW INDEXES YIELD name, properties
WHERE name STARTS WITH 'kg_' AND name ENDS WITH '_name' AND properties = ['name'] RETURN name`,
		nil, bolt.EagerResultTransformer, st.dbOpt())
	if err != nil {
		return st.describe(err)
	}
	if len(res.Records) == 0 {
		return nil
	}
	session := st.driver.NewSession(ctx, bolt.SessionConfig{DatabaseName: st.cfg.Database})
	defer session.Close(ctx)
	// An auto-commit query, so that a large graph is updated in pieces.
	r, err := session.Run(ctx, `MATCH (e:Entity) WHERE e.name_prefix IS NULL
CALL { WITH e SET e.name_prefix = left(e.name, $prefix) } IN TRANSACTIONS OF 10000 ROWS`, map[string]any{"prefix": NamePrefixChars})
	if err == nil {
		_, err = r.Consume(ctx)
	}
	if err != nil {
		return st.describe(err)
	}
	for _, rec := range res.Records {
		name, _ := rec.Get("name")
		// Index names cannot be parameters; these come from the server and
		// are backtick-quoted like labels.
		if _, err := bolt.ExecuteQuery(ctx, st.driver, "DROP INDEX "+quote(fmt.Sprint(name))+" IF EXISTS", nil,
			bolt.EagerResultTransformer, st.dbOpt()); err != nil {
			return st.describe(err)
		}
	}
	return nil
}

// migrate rewrites a graph of the model before Fact nodes (each relationship
// listing its articles, counts, confidences and evidence in parallel lists,
// each Article its facts) into the provenance model, a relationship type
// and a thousand relationships per transaction. It is safe to run again
// after an interruption: what is migrated no longer matches.
func (st *Store) migrate(ctx context.Context) (int, error) {
	recs, err := st.read(ctx, `MATCH (a:Article) WHERE a.facts IS NOT NULL RETURN count(a) AS n`, nil)
	if err != nil || len(recs) == 0 || integer(recs[0], "n") == 0 {
		return 0, err
	}
	session := st.driver.NewSession(ctx, bolt.SessionConfig{DatabaseName: st.cfg.Database})
	defer session.Close(ctx)
	run := func(q string, params map[string]any) error {
		res, err := session.Run(ctx, q, params)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		return err
	}
	migrated := 0
	for _, r := range st.schema.RelationTypes {
		n, err := st.read(ctx, `MATCH ()-[r:`+quote(r.Name)+`]->() WHERE r.articles IS :: LIST<ANY> RETURN count(r) AS n`, nil)
		if err != nil {
			return migrated, err
		}
		if integer(n[0], "n") == 0 {
			continue
		}
		migrated += integer(n[0], "n")
		if err := run(`MATCH (s:Entity)-[r:`+quote(r.Name)+`]->(o:Entity) WHERE r.articles IS :: LIST<ANY>
CALL {
  WITH s, r, o
  MERGE (f:Fact {id: $type + '|' + s.key + '|' + o.key})
  ON CREATE SET f.type = $type, f.subject = s.key, f.object = o.key
  WITH f, r
  UNWIND range(0, size(r.articles) - 1) AS i
  MATCH (a:Article {id: r.articles[i]})
  CREATE (a)-[:ASSERTS {count: r.article_counts[i], confidence: r.article_confidences[i],
    evidence: [j IN range(0, size(r.evidence) - 1) WHERE r.evidence_articles[j] = r.articles[i] | r.evidence[j]],
    seen: CASE WHEN a.published =~ '\\d{4}-\\d{2}-\\d{2}' THEN date(a.published) ELSE null END}]->(f)
  WITH DISTINCT r
  SET r.articles = size(r.articles)
  REMOVE r.article_counts, r.article_confidences
} IN TRANSACTIONS OF 1000 ROWS`, map[string]any{"type": r.Name}); err != nil {
			return migrated, st.describe(err)
		}
		// The aggregates, computed from the new ASSERTS (again, harmlessly,
		// for facts a previous, interrupted migration did).
		recs, err := st.read(ctx, `MATCH (f:Fact {type: $type}) RETURN f.id AS id ORDER BY id`, map[string]any{"type": r.Name})
		if err != nil {
			return migrated, err
		}
		for start := 0; start < len(recs); start += 1000 {
			var ids []string
			for _, rec := range recs[start:min(start+1000, len(recs))] {
				ids = append(ids, str(rec, "id"))
			}
			_, err = bolt.ExecuteWrite(ctx, session, func(tx bolt.ManagedTransaction) (bool, error) {
				return true, st.recompute(ctx, tx, r.Name, ids)
			})
			if err != nil {
				return migrated, st.describe(err)
			}
		}
	}
	// This model stores no empty alias lists (neo4j-admin import cannot).
	if err := run(`MATCH (e:Entity) WHERE e.aliases = [] CALL { WITH e REMOVE e.aliases } IN TRANSACTIONS OF 10000 ROWS`, nil); err != nil {
		return migrated, st.describe(err)
	}
	if err := run(`MATCH (a:Article) WHERE a.facts IS NOT NULL CALL { WITH a REMOVE a.facts } IN TRANSACTIONS OF 10000 ROWS`, nil); err != nil {
		return migrated, st.describe(err)
	}
	return migrated, nil
}
