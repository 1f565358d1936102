package resolve

import (
	"slices"
	"strings"

	"github.com/kg/kg/extract"
)

// One name typed differently in different articles is decided here, by the
// evidence of all of them: each article that gives the name to an entity of
// a type (as its name or as another name of it) is a vote for that type.

// foldName is a key's name part as resolution compares it: extract.NameKey,
// and a name written as initials apart ("U. S.", "U.K.") one word ("us",
// "uk"). Initials within a longer name are kept: "George H. W. Bush" and
// "George W. Bush" stay two.
func foldName(rest string) string { return initials(extract.NameKey(rest)) }

// initials is a name folded by extract.NameKey with its initials written
// apart made one word.
func initials(f string) string {
	words := strings.Split(f, "-")
	if len(words) < 2 {
		return f
	}
	for _, w := range words {
		if len([]rune(w)) != 1 {
			return f
		}
	}
	return strings.Join(words, "")
}

// names is what one article's records of some keys call them: folded
// names by root.
func (ix *Index) names(article string, keys []string) map[string]map[string]bool {
	in := make(map[string]bool, len(keys))
	for _, k := range keys {
		in[k] = true
	}
	out := map[string]map[string]bool{}
	for _, r := range ix.arts[article] {
		if !in[r.Key] {
			continue
		}
		root, _, _ := strings.Cut(r.Key, ":")
		if out[root] == nil {
			out[root] = map[string]bool{}
		}
		out[root][ix.nodes[r.Key].fold] = true
		for _, al := range r.Aliases {
			if !coordinated(al) {
				out[root][foldName(al)] = true
			}
		}
	}
	return out
}

// oneName reports whether an article that names entities of two sets
// (keys xs and ys) wrote one name under two types: an entity of one type
// in xs and one of another type in ys share a name there ("Warhol" an
// Organization, and Andy Warhol, a Person, also called "Warhol"). Such an
// article typed a name twice; it did not name two entities.
func (ix *Index) oneName(article string, xs, ys []string) bool {
	// Most joins are of one type: nothing to read then.
	root, _, _ := strings.Cut(xs[0], ":")
	types := false
	for _, ks := range [][]string{xs, ys} {
		for _, k := range ks {
			if !strings.HasPrefix(k, root+":") {
				types = true
				break
			}
		}
	}
	if !types {
		return false
	}
	nx, ny := ix.names(article, xs), ix.names(article, ys)
	for rx, fx := range nx {
		for ry, fy := range ny {
			if rx == ry {
				continue
			}
			for f := range fx {
				if fy[f] {
					return true
				}
			}
		}
	}
	return false
}

// gives reports whether an article gives the folded name f to an entity of
// root: as its name or as another name of it.
func (ix *Index) gives(article, root, f string) bool {
	for _, r := range ix.arts[article] {
		if rr, _, _ := strings.Cut(r.Key, ":"); rr != root {
			continue
		}
		if ix.nodes[r.Key].fold == f {
			return true
		}
		for _, al := range r.Aliases {
			if !coordinated(al) && foldName(al) == f {
				return true
			}
		}
	}
	return false
}

// reconcileTypes joins the keys of one name typed differently to the type
// the corpus's articles give it most:
//
//   - votes: each article giving the name to an entity of a root, as its
//     name or another name of it ("Warhol" for Andy Warhol) votes for it;
//   - the type with twice the votes of another (or, for a name of two or
//     more words, as many votes and twice the mentions) takes its keys:
//     "Barack Obama" a Person in two articles and an Organization in one,
//     "The Church of Scientology" an Organization in one article and a
//     Facility in two;
//   - a one-word name of a person is never joined to a place, nor a
//     place's to a person, whatever the votes ("Paris", "Washington",
//     "Jordan"); and a one-word name goes between a person and another
//     type only when each article that typed it otherwise also gives it to
//     a person there (an article calling Andy Warhol "Warhol" that reads one
//     "Warhol" as an organization), since "Ford" may be a person in most
//     articles and still the company in one.
//
// Names kept out of the graph (Misc: dates, amounts, works) take no part:
// "March" a month in thirteen articles is no vote against a person March.
//
// Each key joins the winning type's key of that name, or when there is
// none the one entity that has it as another name.
func (ix *Index) reconcileTypes(keys []string, nodes map[string]*node, c *clusters) {
	inGraph := map[string]bool{} // root -> its entities are in the graph
	byName := map[string][]string{}
	for _, k := range keys {
		n := nodes[k]
		if _, ok := inGraph[n.root]; !ok {
			inGraph[n.root] = ix.schema.InGraph(n.typ())
		}
		if inGraph[n.root] && !ix.generic(n) {
			byName[n.fold] = append(byName[n.fold], k)
		}
	}
	// The keys whose other names are the names of keys.
	owners := map[string][]string{}
	for _, k := range keys {
		n := nodes[k]
		if !inGraph[n.root] {
			continue
		}
		for ak := range n.aliases {
			_, ar, _ := strings.Cut(ak, ":")
			if fa := initials(ar); fa != n.fold && byName[fa] != nil && !slices.Contains(owners[fa], k) {
				owners[fa] = append(owners[fa], k)
			}
		}
	}
	// Only names given to two types need a vote.
	var names []string
	for f, ks := range byName {
		root := nodes[ks[0]].root
		for _, k := range append(ks[1:], owners[f]...) {
			if nodes[k].root != root {
				names = append(names, f)
				break
			}
		}
	}
	slices.Sort(names)
	for _, f := range names {
		v, ms := map[string]int{}, map[string]int{} // root -> articles giving the name, mentions of its keys
		byRoot := map[string][]string{}
		for _, k := range byName[f] {
			n := nodes[k]
			byRoot[n.root] = append(byRoot[n.root], k)
			v[n.root] += len(n.articles)
			ms[n.root] += n.mentions
		}
		slices.Sort(owners[f])
		for _, k := range owners[f] {
			n := nodes[k]
			for ak, recs := range n.aliases {
				if _, ar, _ := strings.Cut(ak, ":"); initials(ar) == f {
					v[n.root] += recs
				}
			}
		}
		roots := sortedKeys(v)
		// The winner: most votes, then most mentions; a tie decides nothing.
		slices.SortStableFunc(roots, func(a, b string) int {
			if v[a] != v[b] {
				return v[b] - v[a]
			}
			return ms[b] - ms[a]
		})
		win := roots[0]
		if v[roots[1]] == v[win] && ms[roots[1]] == ms[win] {
			continue
		}
		target := ""
		if wk := byRoot[win]; len(wk) > 0 {
			target = wk[0]
		} else {
			var cands []string
			for _, o := range owners[f] {
				if nodes[o].root == win {
					cands = append(cands, o)
				}
			}
			target = c.one(cands)
		}
		if target == "" {
			continue
		}
		oneWord := !strings.Contains(f, "-")
		for _, lose := range roots[1:] {
			lk := byRoot[lose]
			if len(lk) == 0 || !(v[win] >= 2*v[lose] || !oneWord && v[win] == v[lose] && ms[win] >= 2*ms[lose]) {
				continue
			}
			if oneWord && !ix.oneWordTypes(f, win, lose, lk, nodes) {
				continue
			}
			for _, k := range lk {
				c.join(k, target, false)
			}
		}
	}
}

// oneWordTypes reports whether a one-word name's keys of type lose may join
// its type win: never between a person and a place ("Paris", "Jordan"),
// and between a person and another type only when every article of those
// keys also gives the name to an entity of type win.
func (ix *Index) oneWordTypes(f, win, lose string, lk []string, nodes map[string]*node) bool {
	pair := [2]string{win, lose}
	slices.Sort(pair[:])
	if pair == [2]string{"location", "person"} {
		return false
	}
	if win != "person" && lose != "person" {
		return true
	}
	for _, k := range lk {
		for a := range nodes[k].articles {
			if !ix.gives(a, win, f) {
				return false
			}
		}
	}
	return true
}
