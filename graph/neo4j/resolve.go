package neo4j

import (
	"context"
	"fmt"
	"slices"

	"github.com/kg/kg/graph"
	"github.com/kg/kg/resolve"
	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Neo4j's side of corpus resolution (package resolve): each article's
// resolution is a property of its Article node, and its contribution is
// read back from its MENTIONS and ASSERTS and written anew when what its
// entities stand for changes.

var _ resolve.Store = (*Store)(nil)

// orNil is s as a property value: nil (no property) when empty.
func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Resolutions calls each with every article's resolution.
func (st *Store) Resolutions(ctx context.Context, each func(article string, data []byte) error) error {
	recs, err := st.read(ctx, `MATCH (a:Article) WHERE a.resolution IS NOT NULL RETURN a.id AS id, a.resolution AS data ORDER BY id`, nil)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if err := each(str(r, "id"), []byte(str(r, "data"))); err != nil {
			return err
		}
	}
	return nil
}

// Share reads an article's contribution back (nil if the graph lacks it).
func (st *Store) Share(ctx context.Context, id string) (*graph.Contribution, error) {
	recs, err := st.read(ctx, `MATCH (a:Article {id: $id}) RETURN a.path AS path, a.title AS title, a.url AS url, a.published AS published,
  a.sha256 AS sha, a.extractor AS extractor, a.source AS source, a.resolution AS resolution`, map[string]any{"id": id})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	r := recs[0]
	c := &graph.Contribution{Article: graph.ArticleRow{ID: id, Path: str(r, "path"), Title: str(r, "title"), URL: str(r, "url"),
		Published: str(r, "published"), SHA256: str(r, "sha"), Extractor: str(r, "extractor"), Source: str(r, "source"),
		Resolution: str(r, "resolution")}}
	recs, err = st.read(ctx, `MATCH (:Article {id: $id})-[m:MENTIONS]->(e:Entity)
RETURN e.key AS key, e.name AS name, e.type AS type, e.aliases AS aliases, m.count AS count ORDER BY key`, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	types := map[string]string{}
	for _, r := range recs {
		e := graph.EntityShare{Key: str(r, "key"), Name: str(r, "name"), Type: str(r, "type"), Aliases: strs(r, "aliases"), Mentions: integer(r, "count")}
		types[e.Key] = e.Type
		c.Entities = append(c.Entities, e)
	}
	recs, err = st.read(ctx, `MATCH (:Article {id: $id})-[x:ASSERTS]->(f:Fact)
RETURN f.type AS type, f.subject AS s, f.object AS o, x.count AS count, x.confidence AS confidence, x.alleged AS alleged,
  x.evidence AS evidence, x.evidence_assertions AS assertions ORDER BY f.id`, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		conf, _ := r.Get("confidence")
		cf, _ := conf.(float64)
		s, o := str(r, "s"), str(r, "o")
		alleged, _ := r.Get("alleged")
		evidence := strs(r, "evidence")
		c.Facts = append(c.Facts, graph.Fact{Type: str(r, "type"), Subject: s, Object: o, SubjectType: types[s], ObjectType: types[o],
			Count: integer(r, "count"), Confidence: cf, Alleged: alleged == true,
			Evidence: evidence, EvidenceAssertions: graph.EvidenceAssertions(evidence, strs(r, "assertions"))})
	}
	return c, nil
}

// Replace writes an article's contribution anew: what it had is taken out,
// then it is written.
func (st *Store) Replace(ctx context.Context, c graph.Contribution) error {
	if _, err := st.Remove(ctx, c.Article.ID); err != nil {
		return err
	}
	out, err := st.Write(ctx, []graph.Contribution{c})
	if err != nil {
		return err
	}
	return out[0].Err
}

// Stale makes the next build extract an article again.
func (st *Store) Stale(ctx context.Context, id string) error {
	_, err := bolt.ExecuteQuery(ctx, st.driver, `MATCH (a:Article {id: $id}) SET a.sha256 = ''`, map[string]any{"id": id},
		bolt.EagerResultTransformer, st.dbOpt())
	if err != nil {
		return st.describe(err)
	}
	return nil
}

// Name sets entities' names and types; an entity whose type changes trades
// its old type's labels for the new one's. Labels come from the schema only.
func (st *Store) Name(ctx context.Context, ts []resolve.Target) error {
	rows := make([]map[string]any, 0, len(ts))
	for _, t := range ts {
		if _, ok := st.schema.Entity(t.Type); !ok {
			return fmt.Errorf("entity %q: type %q is not defined by schema %s", graph.Clip(t.Name, 60), graph.Clip(t.Type, 60), st.schema.Source)
		}
		rows = append(rows, map[string]any{"key": t.Key, "name": t.Name, "type": t.Type})
	}
	session := st.driver.NewSession(ctx, bolt.SessionConfig{DatabaseName: st.cfg.Database})
	defer session.Close(ctx)
	_, err := bolt.ExecuteWrite(ctx, session, func(tx bolt.ManagedTransaction) (bool, error) {
		res, err := tx.Run(ctx, `UNWIND $rows AS row
MATCH (e:Entity {key: row.key})
WHERE e.name <> row.name OR e.type <> row.type
SET e.name = row.name, e.name_prefix = left(row.name, $prefix)
WITH e, row WHERE e.type <> row.type
WITH e, row, e.type AS old
SET e.type = row.type
RETURN e.key AS key, old, row.type AS type`, map[string]any{"rows": rows, "prefix": NamePrefixChars})
		if err != nil {
			return false, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return false, err
		}
		// Relabel by (old type, new type): labels cannot be parameters.
		moves := map[[2]string][]string{}
		for _, r := range recs {
			k := [2]string{str(r, "old"), str(r, "type")}
			moves[k] = append(moves[k], str(r, "key"))
		}
		for k, keys := range moves {
			newLabels := st.schema.Labels(k[1])
			remove, set := "", ""
			for _, l := range st.schema.Labels(k[0]) {
				if !slices.Contains(newLabels, l) {
					remove += ":" + quote(l)
				}
			}
			for _, l := range newLabels {
				set += ":" + quote(l)
			}
			q := `UNWIND $keys AS key MATCH (e:Entity {key: key}) SET e` + set
			if remove != "" {
				q = `UNWIND $keys AS key MATCH (e:Entity {key: key}) REMOVE e` + remove + ` SET e` + set
			}
			if _, err := tx.Run(ctx, q, map[string]any{"keys": keys}); err != nil {
				return false, err
			}
		}
		return true, nil
	})
	if err != nil {
		return st.describe(err)
	}
	return nil
}
