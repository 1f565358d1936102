package neo4j

import (
	"context"

	"github.com/kg/kg/graph"
)

// Stats reads the graph's summary from Neo4j, as Local.Stats does from the
// local store: articles, entities by type, relations by type (the direct
// edges between entities, one per fact) and how many are alleged, the
// entities in the most facts and the facts the most articles support. top
// bounds the ranked lists.
func (st *Store) Stats(ctx context.Context, top int) (*graph.Stats, error) {
	out := &graph.Stats{Entities: map[string]int{}, Relations: map[string]int{}}
	rows, err := st.Query(ctx, `MATCH (a:Article) RETURN count(a) AS n`, nil)
	if err != nil {
		return nil, err
	}
	out.Articles = asInt(rows[0]["n"])
	count := func(q string, into map[string]int) error {
		rows, err := st.Query(ctx, q, nil)
		if err != nil {
			return err
		}
		for _, r := range rows {
			k, _ := r["k"].(string)
			into[k] = asInt(r["n"])
		}
		return nil
	}
	if err := count(`MATCH (e:Entity) RETURN e.type AS k, count(*) AS n`, out.Entities); err != nil {
		return nil, err
	}
	if err := count(`MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS k, count(*) AS n`, out.Relations); err != nil {
		return nil, err
	}
	rows, err = st.Query(ctx, `MATCH (:Entity)-[r]->(:Entity) WHERE r.alleged RETURN count(r) AS n`, nil)
	if err != nil {
		return nil, err
	}
	out.Alleged = asInt(rows[0]["n"])
	rows, err = st.Query(ctx, `MATCH (e:Entity)-[r]-(:Entity)
		WITH e, count(DISTINCT r) AS n
		RETURN e.name AS name, e.type AS type, n ORDER BY n DESC, name LIMIT $top`, map[string]any{"top": top})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		name, _ := r["name"].(string)
		typ, _ := r["type"].(string)
		out.Connected = append(out.Connected, graph.Ranked{Name: name, Type: typ, Facts: asInt(r["n"])})
	}
	rows, err = st.Query(ctx, `MATCH (s:Entity)-[r]->(o:Entity)
		RETURN s.name AS s, type(r) AS t, o.name AS o, r.articles AS n, r.alleged AS alleged
		ORDER BY n DESC, r.count DESC, s, t, o LIMIT $top`, map[string]any{"top": top})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		s, _ := r["s"].(string)
		t, _ := r["t"].(string)
		o, _ := r["o"].(string)
		out.TopFacts = append(out.TopFacts, graph.RankedFact{Subject: s, Type: t, Object: o, Articles: asInt(r["n"]), Alleged: r["alleged"] == true})
	}
	return out, nil
}

func asInt(v any) int {
	switch n := v.(type) {
	case int64:
		return int(n)
	case int:
		return n
	case float64:
		return int(n)
	}
	return 0
}
