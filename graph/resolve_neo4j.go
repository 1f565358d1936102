package graph

import (
	"context"
	"fmt"
	"slices"

	"github.com/kg/kg/extract"
	corpus "github.com/kg/kg/resolve"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Neo4j's side of corpus resolution (package resolve): each article's
// resolution is a property of its Article node, and its share is read back
// from its MENTIONS and ASSERTS and written anew when what its entities
// stand for changes.

var _ corpus.Store = (*Store)(nil)

// resolutionParam is an article's resolution as a property (nil: none).
func resolutionParam(ex *extract.Extraction) any {
	if len(ex.Resolution) == 0 {
		return nil
	}
	return string(ex.Resolution)
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

// Share reads an article's share back (nil if the graph lacks it): its
// entities with as many mentions as it counted, and each fact as many
// times as it counted, its evidence sentences first.
func (st *Store) Share(ctx context.Context, id string) (*extract.Extraction, error) {
	recs, err := st.read(ctx, `MATCH (a:Article {id: $id}) RETURN a.path AS path, a.title AS title, a.url AS url, a.published AS published,
  a.sha256 AS sha, a.extractor AS extractor, a.source AS source, a.resolution AS resolution`, map[string]any{"id": id})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	r := recs[0]
	ex := &extract.Extraction{Document: extract.DocumentRef{ID: id, Path: str(r, "path"), Title: str(r, "title"), URL: str(r, "url"),
		Published: str(r, "published"), SHA256: str(r, "sha"), Extractor: str(r, "extractor"), Source: str(r, "source")},
		Entities: []extract.Entity{}, Relations: []extract.Relation{}}
	if res := str(r, "resolution"); res != "" {
		ex.Resolution = []byte(res)
	}
	recs, err = st.read(ctx, `MATCH (:Article {id: $id})-[m:MENTIONS]->(e:Entity)
RETURN e.key AS key, e.name AS name, e.type AS type, e.aliases AS aliases, m.count AS count ORDER BY key`, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	types := map[string]string{}
	for _, r := range recs {
		e := extract.Entity{ID: str(r, "key"), Name: str(r, "name"), Type: str(r, "type"), Aliases: strs(r, "aliases"),
			Mentions: make([]extract.Mention, max(integer(r, "count"), 1))}
		e.Labels = st.schema.Labels(e.Type)
		if e.Aliases == nil {
			e.Aliases = []string{}
		}
		types[e.ID] = e.Type
		ex.Entities = append(ex.Entities, e)
	}
	recs, err = st.read(ctx, `MATCH (:Article {id: $id})-[x:ASSERTS]->(f:Fact)
RETURN f.type AS type, f.subject AS s, f.object AS o, x.count AS count, x.confidence AS confidence, x.evidence AS evidence ORDER BY f.id`, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		conf, _ := r.Get("confidence")
		c, _ := conf.(float64)
		ev := strs(r, "evidence")
		s, o := str(r, "s"), str(r, "o")
		for i := 0; i < max(integer(r, "count"), 1); i++ {
			text := ""
			if len(ev) > 0 {
				text = ev[min(i, len(ev)-1)]
			}
			ex.Relations = append(ex.Relations, extract.Relation{Type: str(r, "type"),
				Subject:  extract.Argument{ID: s, Type: types[s], Labels: st.schema.Labels(types[s])},
				Object:   extract.Argument{ID: o, Type: types[o], Labels: st.schema.Labels(types[o])},
				Evidence: extract.Evidence{Text: text}, Confidence: c, Rule: "store"})
		}
	}
	return ex, nil
}

// Replace writes an article's share anew: what it had is taken out, then
// it is loaded.
func (st *Store) Replace(ctx context.Context, ex *extract.Extraction) error {
	if err := st.Remove(ctx, ex.Document.ID); err != nil {
		return err
	}
	out, err := st.LoadAll(ctx, []*extract.Extraction{ex})
	if err != nil {
		return err
	}
	return out[0].Err
}

// Stale makes the next build extract an article again.
func (st *Store) Stale(ctx context.Context, id string) error {
	_, err := neo4j.ExecuteQuery(ctx, st.driver, `MATCH (a:Article {id: $id}) SET a.sha256 = ''`, map[string]any{"id": id},
		neo4j.EagerResultTransformer, st.dbOpt())
	if err != nil {
		return st.describe(err)
	}
	return nil
}

// Name sets entities' names and types; an entity whose type changes trades
// its old type's labels for the new one's. Labels come from the schema only.
func (st *Store) Name(ctx context.Context, ts []corpus.Target) error {
	rows := make([]map[string]any, 0, len(ts))
	for _, t := range ts {
		if _, ok := st.schema.Entity(t.Type); !ok {
			return fmt.Errorf("entity %q: type %q is not defined by schema %s", clip(t.Name, 60), clip(t.Type, 60), st.schema.Source)
		}
		rows = append(rows, map[string]any{"key": t.Key, "name": t.Name, "type": t.Type})
	}
	session := st.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: st.cfg.Database})
	defer session.Close(ctx)
	_, err := neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (bool, error) {
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
