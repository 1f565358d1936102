package graph

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Source is a graph that subgraphs are read from: the local store or Neo4j.
// It answers a few plain questions; Select builds every selection from them,
// so the same selection gives the same subgraph from either source.
type Source interface {
	// Names returns every entity's key, name, type and aliases: the index by
	// which names are found.
	Names(ctx context.Context) ([]Node, error)
	// Nodes returns the entities with these keys; nil means all of them.
	Nodes(ctx context.Context, keys []string) ([]Node, error)
	// Edges returns the facts touching any of these keys; nil means all.
	Edges(ctx context.Context, keys []string) ([]Edge, error)
	// Article finds an article by id, id prefix or path, and returns it with
	// its own share of the graph: the entities it mentions (counted in it
	// alone) and the facts it supports (with its support alone).
	Article(ctx context.Context, ref string) (*ArticleInfo, []Node, []Edge, error)
	// Articles returns the articles with these ids.
	Articles(ctx context.Context, ids []string) ([]ArticleInfo, error)
}

// Selection says which part of the graph to export. The zero value is the
// whole graph.
type Selection struct {
	Around        []string // entity names, aliases or keys: their neighbourhood
	Hops          int      // how far from Around (default 1)
	Article       string   // one article's contribution (id, id prefix or path)
	Types         []string // relation types to keep (empty: all)
	Labels        []string // entity types to keep (empty: all); Around's entities are always kept
	MinArticles   int      // keep facts supported by at least this many articles
	MinConfidence float64  // keep facts at least this confident
	Limit         int      // at most this many nodes, the best-supported kept (0: no limit)
}

// ErrNotFound is returned (wrapped, with suggestions) when a name of
// Selection.Around or Selection.Article matches nothing, or more than one
// entity.
var ErrNotFound = errors.New("not found")

// notFound is an error that says itself what was not found, and is
// ErrNotFound.
type notFound struct{ msg string }

func (e *notFound) Error() string        { return e.msg }
func (e *notFound) Is(target error) bool { return target == ErrNotFound }

func notFoundf(format string, a ...any) error { return &notFound{fmt.Sprintf(format, a...)} }

// Select reads the selected subgraph from src, sorted.
func Select(ctx context.Context, src Source, sel Selection) (*Subgraph, error) {
	if sel.Article != "" && len(sel.Around) > 0 {
		return nil, errors.New("choose --article or --around, not both")
	}
	g := &Subgraph{}
	switch {
	case sel.Article != "":
		art, nodes, edges, err := src.Article(ctx, sel.Article)
		if err != nil {
			return nil, err
		}
		g.Nodes, g.Edges = nodes, edges
		g.Articles = []ArticleInfo{*art}
		sel.filter(g, nil, false)
		sel.limit(g, nil)
	case len(sel.Around) > 0:
		if err := sel.around(ctx, src, g); err != nil {
			return nil, err
		}
	default:
		nodes, err := src.Nodes(ctx, nil)
		if err != nil {
			return nil, err
		}
		edges, err := src.Edges(ctx, nil)
		if err != nil {
			return nil, err
		}
		g.Nodes, g.Edges = nodes, edges
		// With a filter on facts, the nodes are those the kept facts join.
		sel.filter(g, nil, len(sel.Types) > 0 || sel.MinArticles > 0 || sel.MinConfidence > 0)
		sel.limit(g, nil)
	}
	if sel.Article == "" {
		if err := addArticles(ctx, src, g); err != nil {
			return nil, err
		}
	}
	g.Sort()
	return g, nil
}

// around reads the neighbourhood of sel.Around, hop by hop.
func (sel Selection) around(ctx context.Context, src Source, g *Subgraph) error {
	hops := sel.Hops
	if hops <= 0 {
		hops = 1
	}
	centers := map[string]bool{}
	nodes := map[string]Node{}
	for _, name := range sel.Around {
		n, err := lookup(ctx, src, name)
		if err != nil {
			return err
		}
		centers[n.Key] = true
	}
	read, err := src.Nodes(ctx, slices.Sorted(maps.Keys(centers)))
	if err != nil {
		return err
	}
	for _, n := range read {
		nodes[n.Key] = n
	}
	dist := map[string]int{}
	for k := range centers {
		dist[k] = 0
	}
	edges := map[string]Edge{}
	frontier := slices.Sorted(maps.Keys(centers))
	for hop := 1; hop <= hops && len(frontier) > 0; hop++ {
		found, err := src.Edges(ctx, frontier)
		if err != nil {
			return err
		}
		var fresh []string
		var kept []Edge
		for _, e := range found {
			if !sel.keepEdge(e) {
				continue
			}
			kept = append(kept, e)
			for _, k := range []string{e.Source, e.Target} {
				if _, ok := dist[k]; !ok {
					dist[k] = hop
					fresh = append(fresh, k)
				}
			}
		}
		var read []Node
		if len(fresh) > 0 { // (Nodes(nil) would mean every entity)
			sort.Strings(fresh)
			if read, err = src.Nodes(ctx, fresh); err != nil {
				return err
			}
		}
		var next []string
		for _, n := range read {
			if sel.keepNode(n) {
				nodes[n.Key] = n
				next = append(next, n.Key)
			}
		}
		for _, e := range kept {
			_, s := nodes[e.Source]
			_, o := nodes[e.Target]
			if s && o {
				edges[e.Source+"\x00"+e.Type+"\x00"+e.Target] = e
			}
		}
		frontier = next
	}
	// The facts among the nodes the last hop reached, so that the subgraph
	// holds every fact among its nodes (as networkx's ego_graph does).
	if len(frontier) > 0 {
		found, err := src.Edges(ctx, frontier)
		if err != nil {
			return err
		}
		for _, e := range found {
			_, s := nodes[e.Source]
			_, o := nodes[e.Target]
			if s && o && sel.keepEdge(e) {
				edges[e.Source+"\x00"+e.Type+"\x00"+e.Target] = e
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(nodes)) {
		g.Nodes = append(g.Nodes, nodes[k])
	}
	for _, k := range slices.Sorted(maps.Keys(edges)) {
		g.Edges = append(g.Edges, edges[k])
	}
	sel.limit(g, dist)
	return nil
}

// keepEdge applies the filters on facts.
func (sel Selection) keepEdge(e Edge) bool {
	if len(sel.Types) > 0 && !slices.Contains(sel.Types, e.Type) {
		return false
	}
	return e.Articles >= sel.MinArticles && e.Confidence >= sel.MinConfidence
}

// keepNode applies the filter on entity types.
func (sel Selection) keepNode(n Node) bool {
	if len(sel.Labels) == 0 {
		return true
	}
	for _, l := range sel.Labels {
		if n.Type == l || slices.Contains(n.Labels, l) {
			return true
		}
	}
	return false
}

// filter applies the filters to a read subgraph. keep names nodes kept
// whatever their type; joined keeps only the nodes the kept facts join.
func (sel Selection) filter(g *Subgraph, keep map[string]bool, joined bool) {
	nodes := map[string]bool{}
	var ns []Node
	for _, n := range g.Nodes {
		if keep[n.Key] || sel.keepNode(n) {
			nodes[n.Key] = true
			ns = append(ns, n)
		}
	}
	var es []Edge
	used := map[string]bool{}
	for _, e := range g.Edges {
		if sel.keepEdge(e) && nodes[e.Source] && nodes[e.Target] {
			es = append(es, e)
			used[e.Source], used[e.Target] = true, true
		}
	}
	if joined {
		ns = slices.DeleteFunc(ns, func(n Node) bool { return !used[n.Key] && !keep[n.Key] })
	}
	g.Nodes, g.Edges = ns, es
}

// limit keeps at most sel.Limit nodes: the nearest to the centres first
// (dist, when given), then those whose facts the most articles support, then
// the most mentioned; it notes the cut.
func (sel Selection) limit(g *Subgraph, dist map[string]int) {
	if sel.Limit <= 0 || len(g.Nodes) <= sel.Limit {
		return
	}
	support := map[string]int{}
	for _, e := range g.Edges {
		support[e.Source] += e.Articles
		support[e.Target] += e.Articles
	}
	ns := slices.Clone(g.Nodes)
	sort.SliceStable(ns, func(i, j int) bool {
		a, b := ns[i], ns[j]
		if dist != nil && dist[a.Key] != dist[b.Key] {
			return dist[a.Key] < dist[b.Key]
		}
		if support[a.Key] != support[b.Key] {
			return support[a.Key] > support[b.Key]
		}
		if a.Mentions != b.Mentions {
			return a.Mentions > b.Mentions
		}
		return a.Key < b.Key
	})
	total := len(ns)
	kept := map[string]bool{}
	for _, n := range ns[:sel.Limit] {
		kept[n.Key] = true
	}
	g.Nodes = slices.DeleteFunc(g.Nodes, func(n Node) bool { return !kept[n.Key] })
	g.Edges = slices.DeleteFunc(g.Edges, func(e Edge) bool { return !kept[e.Source] || !kept[e.Target] })
	g.Notes = append(g.Notes, fmt.Sprintf("cut to %d of %d nodes by --limit, keeping the nearest and best-supported", sel.Limit, total))
}

// addArticles reads the articles that the subgraph's facts cite.
func addArticles(ctx context.Context, src Source, g *Subgraph) error {
	ids := map[string]bool{}
	for _, e := range g.Edges {
		for _, id := range e.ArticleIDs {
			ids[id] = true
		}
	}
	if len(ids) == 0 {
		return nil
	}
	arts, err := src.Articles(ctx, slices.Sorted(maps.Keys(ids)))
	if err != nil {
		return err
	}
	g.Articles = arts
	return nil
}

// lookup finds the one entity a name means, or says which names come
// closest.
func lookup(ctx context.Context, src Source, name string) (Node, error) {
	all, err := src.Names(ctx)
	if err != nil {
		return Node{}, err
	}
	var found []Node
	for _, n := range all {
		if strings.EqualFold(n.Key, name) || strings.EqualFold(n.Name, name) ||
			slices.ContainsFunc(n.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
			found = append(found, n)
		}
	}
	// A name that is some entity's own name beats the same text as another's alias.
	if len(found) > 1 {
		var exact []Node
		for _, n := range found {
			if strings.EqualFold(n.Key, name) || strings.EqualFold(n.Name, name) {
				exact = append(exact, n)
			}
		}
		if len(exact) > 0 {
			found = exact
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		close := closest(name, all, 5)
		if len(close) == 0 {
			return Node{}, notFoundf("no entity is called %q; the graph is empty", name)
		}
		return Node{}, notFoundf("no entity is called %q; the closest names: %s", name, strings.Join(close, ", "))
	default:
		var opts []string
		for _, n := range found {
			opts = append(opts, fmt.Sprintf("%q (%s, key %s)", n.Name, n.Type, n.Key))
		}
		sort.Strings(opts)
		return Node{}, notFoundf("%q names %d entities: %s; give a key instead", name, len(found), strings.Join(opts, ", "))
	}
}

// closest ranks entities by how near their name or an alias is to q: a
// name containing q first, then by edit distance on folded text.
func closest(q string, all []Node, n int) []string {
	fq := fold(q)
	type cand struct {
		label string
		score int
	}
	best := map[string]cand{}
	for _, e := range all {
		for _, s := range append([]string{e.Name, e.Key}, e.Aliases...) {
			fs := fold(s)
			score := editDistance(fq, fs)
			if fq != "" && strings.Contains(fs, fq) {
				score = len(fs) - len(fq) - 1000
			}
			label := fmt.Sprintf("%q (%s)", e.Name, e.Type)
			if c, ok := best[e.Key]; !ok || score < c.score {
				best[e.Key] = cand{label, score}
			}
		}
	}
	cs := make([]cand, 0, len(best))
	for _, c := range best {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].score != cs[j].score {
			return cs[i].score < cs[j].score
		}
		return cs[i].label < cs[j].label
	})
	var out []string
	for i := 0; i < len(cs) && i < n; i++ {
		out = append(out, cs[i].label)
	}
	return out
}

// fold lowercases and keeps letters and digits, for comparing names.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// editDistance is Levenshtein's distance over runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// PickArticle chooses the one article a reference means: an exact id or
// path over an id prefix. With none or several it says what there is.
func PickArticle(ref string, found []ArticleInfo, all func() ([]ArticleInfo, error)) (*ArticleInfo, error) {
	for _, a := range found {
		if a.ID == ref || a.Path == ref {
			return &a, nil
		}
	}
	switch len(found) {
	case 1:
		return &found[0], nil
	case 0:
		arts, err := all()
		if err != nil {
			return nil, err
		}
		// A path given from another folder than the build's: the one stored
		// path that ends with it.
		var tail []ArticleInfo
		clean := filepath.ToSlash(filepath.Clean(ref))
		for _, a := range arts {
			if p := filepath.ToSlash(filepath.Clean(a.Path)); strings.HasSuffix(p, "/"+clean) || strings.HasSuffix(clean, "/"+p) {
				tail = append(tail, a)
			}
		}
		if len(tail) == 1 {
			return &tail[0], nil
		}
		base := strings.ToLower(filepath.Base(ref))
		var near []string
		for _, a := range arts {
			if strings.Contains(strings.ToLower(a.Path), base) || strings.Contains(strings.ToLower(a.Title), strings.ToLower(ref)) {
				near = append(near, fmt.Sprintf("%s (%s)", a.Path, a.ID[:min(12, len(a.ID))]))
			}
		}
		sort.Strings(near)
		if len(near) > 5 {
			near = near[:5]
		}
		if len(near) == 0 {
			return nil, notFoundf("no article has id or path %q among %s; give an id (or its first 6+ characters) or the path it was built from", ref, Plural(len(arts), "article"))
		}
		return nil, notFoundf("no article has id or path %q; did you mean %s?", ref, strings.Join(near, ", "))
	default:
		var ids []string
		for _, a := range found {
			ids = append(ids, fmt.Sprintf("%s (%s)", a.ID, a.Path))
		}
		return nil, notFoundf("%q starts %d article ids: %s; give more of the id", ref, len(found), strings.Join(ids, ", "))
	}
}
