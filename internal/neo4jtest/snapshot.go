package neo4jtest

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Snapshot renders database's graph (the marker left out) as sorted lines,
// one per node and relationship, lists sorted, without the load dates
// (loaded_at, first_seen, last_seen): two graphs with equal snapshots hold the
// same facts.
func Snapshot(ctx context.Context, d neo4j.DriverWithContext, database string) (string, error) {
	var lines []string
	for _, q := range []struct{ query, kind string }{
		{"MATCH (n) WHERE NOT n:" + MarkerLabel + " RETURN labels(n) AS head, properties(n) AS props", "N"},
		{"MATCH (a)-[r]->(b) RETURN [coalesce(a.key, a.id), type(r), coalesce(b.key, b.id)] AS head, properties(r) AS props", "R"},
	} {
		res, err := neo4j.ExecuteQuery(ctx, d, q.query, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
		if err != nil {
			return "", err
		}
		for _, r := range res.Records {
			head, _ := r.Get("head")
			props, _ := r.Get("props")
			if q.kind == "R" {
				lines = append(lines, fmt.Sprintf("R %v %s", head, snapshotProps(props)))
			} else {
				lines = append(lines, "N "+snapshotValue(head)+" "+snapshotProps(props))
			}
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n"), nil
}

// snapshotValue prints a value, a list with its items sorted.
func snapshotValue(v any) string {
	if list, ok := v.([]any); ok {
		s := make([]string, len(list))
		for i, x := range list {
			s[i] = fmt.Sprint(x)
		}
		sort.Strings(s)
		return "[" + strings.Join(s, "¦") + "]"
	}
	return fmt.Sprint(v)
}

// snapshotProps prints properties in key order, load dates left out.
func snapshotProps(v any) string {
	m, _ := v.(map[string]any)
	keys := make([]string, 0, len(m))
	for k := range m {
		if k != "first_seen" && k != "last_seen" && k != "loaded_at" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s ", k, snapshotValue(m[k]))
	}
	return b.String()
}
