// Package resolve joins the entities of many articles into one node per
// real-world entity, and applies an analyst's corrections, the same way for
// every store.
//
// Each article's extraction keys its entities by type and folded name
// (extract.Key, extract.NameKey): spellings that differ only in case,
// diacritics, a leading "the", punctuation or a common abbreviation already
// meet. What one article cannot know is decided here, over the names of the
// whole corpus (an Index of Records, one per entity of each article):
//
//   - a name an article gave as another name of an entity ("the National
//     Aeronautics and Space Administration (NASA)") stands for that entity
//     in the articles that use it alone, when no other entity claims it
//     (and it is no head word or given name alone, below);
//   - a name of two or more words with two letters of a word swapped
//     ("the Nordic Cuoncil") is the name it misspells, when that is
//     written in twice as many articles;
//   - a surname or other one-word name of a person stands for the one
//     person of that name the corpus knows, and for no one when it knows two;
//   - an organization's one-word name ("the Cardinals") stands for the one
//     organization whose name ends with it, or the one name read as a
//     place that is a place the corpus knows and more words ("the St.
//     Louis Cardinals"), which then is an organization;
//   - one name typed differently in different articles takes the type most
//     of them give it, as its name or another name of an entity (types.go);
//     a one-word name never goes between a person and a place;
//   - a type's head word alone ("the Court", "the Group") is each
//     article's own, written under a key of the article's, unless a
//     correction names it: no rule above joins it to a longer name ("the
//     Group" of a guide to an island group is not another article's
//     Kestrel Assault Group);
//   - so is a person's given name alone ("Daniel"): a one-word name that
//     begins full names of people the corpus knows and ends none. It
//     stands for whoever its article calls so, not for another article's
//     Daniel or Daniel Okoye.
//
// Two entities one article keeps apart are never joined (an article that
// writes one name under two types has not kept two entities apart), and a
// name written with "and" between two names is never joined to either.
//
// The result is a Mapping from each extracted key to its canonical entity;
// Apply rewrites an extraction by it before a store writes it. The mapping is
// a function of the corpus's names alone, so the order articles arrive in
// does not change it, and retracting an article undoes what it caused.
package resolve

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/schemas"
)

// Record is one entity of one article as the extractor keyed it: the
// evidence the corpus weighs.
type Record struct {
	Article  string   `json:"article"`
	Key      string   `json:"key"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases,omitempty"`
	Mentions int      `json:"mentions"`
}

// Records lists an extraction's entities as records.
func Records(ex *extract.Extraction) []Record {
	out := make([]Record, 0, len(ex.Entities))
	for _, e := range ex.Entities {
		out = append(out, Record{Article: ex.Document.ID, Key: e.ID, Name: e.Name, Type: e.Type,
			Aliases: slices.Clone(e.Aliases), Mentions: max(len(e.Mentions), 1)})
	}
	return out
}

// Target is the canonical entity a key stands for.
type Target struct {
	Key, Name, Type string
}

// Mapping sends extracted keys to their canonical entities; a key it does
// not name stands for itself.
type Mapping struct {
	schema *schemas.Schema
	to     map[string]Target
	// reject holds the keys of entities corrections take out, and facts
	// (subject|type|object) they take out.
	reject map[string]bool
	// pending are the keys of names an alias correction gives an entity
	// that no article uses yet, with the key they join.
	pending [][2]string
	// local are the keys written apart in each article (a type's head
	// word alone, "the Court"), with the name and type they are written
	// under; localKey gives each article's key.
	local map[string]Target
	// Unmatched names the corrections that named no entity of the corpus.
	Unmatched []string
}

// Target is the canonical entity of an extracted key.
func (m *Mapping) Target(key string) (Target, bool) {
	t, ok := m.to[key]
	return t, ok
}

// Len is how many extracted keys the mapping sends elsewhere (keys
// written apart in each article count once).
func (m *Mapping) Len() int { return len(m.to) + len(m.local) }

// targetIn is the canonical entity of an extracted key in an article.
func (m *Mapping) targetIn(article, key string) (Target, bool) {
	if t, ok := m.to[key]; ok {
		return t, true
	}
	if t, ok := m.local[key]; ok {
		t.Key = localKey(key, article)
		return t, true
	}
	return Target{}, false
}

// localKey is the key an article writes a key of its own under: the key
// and a short hash of the article's id.
func localKey(key, article string) string {
	sum := sha256.Sum256([]byte(article))
	return key + "@" + hex.EncodeToString(sum[:6])
}

// Index holds the corpus's records by article, what they say of each key,
// and the signatures that say which keys a rule may join: two keys no
// signature links are resolved independently of each other.
type Index struct {
	schema *schemas.Schema
	heads  map[string]bool // the schema's head words (keywords), folded
	arts   map[string][]Record
	bySig  map[string]map[string]int // signature -> key -> records giving it
	sigs   map[string]map[string]int // key -> its signatures -> records giving them
	nodes  map[string]*node          // key -> what all its records say
	corr   *Corrections
}

// NewIndex makes an empty index; corr may be nil.
func NewIndex(s *schemas.Schema, corr *Corrections) *Index {
	heads := map[string]bool{}
	for _, t := range s.EntityTypes {
		for _, kw := range t.Keywords {
			heads[foldName(kw)] = true
		}
	}
	return &Index{schema: s, heads: heads, arts: map[string][]Record{},
		bySig: map[string]map[string]int{}, sigs: map[string]map[string]int{}, nodes: map[string]*node{}, corr: corr}
}

// Put sets an article's records, replacing those it had.
func (ix *Index) Put(article string, recs []Record) {
	ix.Remove(article)
	if len(recs) == 0 {
		return
	}
	ix.arts[article] = recs
	for _, r := range recs {
		ix.node(r.Key).add(article, r, 1)
		if ix.sigs[r.Key] == nil {
			ix.sigs[r.Key] = map[string]int{}
		}
		for _, sg := range signatures(r) {
			if ix.bySig[sg] == nil {
				ix.bySig[sg] = map[string]int{}
			}
			ix.bySig[sg][r.Key]++
			ix.sigs[r.Key][sg]++
		}
	}
}

// Remove takes an article's records out.
func (ix *Index) Remove(article string) {
	for _, r := range ix.arts[article] {
		if n := ix.nodes[r.Key]; n != nil {
			if n.add(article, r, -1); len(n.articles) == 0 {
				delete(ix.nodes, r.Key)
			}
		}
		for _, sg := range signatures(r) {
			if ix.bySig[sg][r.Key]--; ix.bySig[sg][r.Key] <= 0 {
				delete(ix.bySig[sg], r.Key)
				if len(ix.bySig[sg]) == 0 {
					delete(ix.bySig, sg)
				}
			}
			if ix.sigs[r.Key][sg]--; ix.sigs[r.Key][sg] <= 0 {
				delete(ix.sigs[r.Key], sg)
			}
		}
		if len(ix.sigs[r.Key]) == 0 {
			delete(ix.sigs, r.Key)
		}
	}
	delete(ix.arts, article)
}

// signatures are what a record shares with the records a rule of Resolve
// may join it to: its key, the keys of its aliases, its folded name and
// those of its aliases (one name of two types; corrections), a person's
// last word and first word (a given name alone), an organization's last word and the word after the "of" that
// ends an organization's or a facility's name.
func signatures(r Record) []string {
	root, rest, _ := strings.Cut(r.Key, ":")
	nk := extract.NameKey(rest)
	folded := initials(nk)
	out := []string{"k:" + r.Key, "rest:" + rest, "fold:" + root + ":" + folded, "name:" + nk}
	if strings.Contains(folded, "-") {
		out = append(out, "anagram:"+anagram(folded)) // "Nordic Cuoncil" meets "Nordic Council"
	}
	if folded != nk {
		out = append(out, "name:"+folded) // "U. S." meets "US"
	}
	if st, ok := strings.CutPrefix(nk, "state-of-"); ok && root == "location" {
		out = append(out, "k:location:"+st)
	}
	for _, al := range r.Aliases {
		if !coordinated(al) {
			ak := extract.NameKey(al)
			out = append(out, "k:"+root+":"+ak, "name:"+initials(ak))
		}
	}
	last := rest[strings.LastIndex(rest, "-")+1:]
	switch root {
	case "person":
		first, _, _ := strings.Cut(rest, "-")
		out = append(out, "last:"+last, "first:"+first)
	case "organization":
		out = append(out, "tail:"+last)
	case "location":
		// "St. Louis Cardinals" meets "Cardinals", and "St. Louis", which
		// says its first words are a place (Index.placeHead).
		if last != rest {
			out = append(out, "tail:"+last)
			for j := range len(rest) {
				if rest[j] == '-' {
					out = append(out, "k:location:"+rest[:j])
				}
			}
		}
	}
	// "the Church of Scientology" meets "Scientology".
	if i := strings.LastIndex(folded, "-of-"); i >= 0 && (root == "organization" || root == "facility") && !strings.Contains(folded[i+4:], "-") {
		out = append(out, "tail:"+folded[i+4:])
	}
	return out
}

// around is the set of keys whose resolution can depend on these keys:
// those linked to them by a signature or a correction, and those linked to
// these in turn (two steps: a rule weighs a key's candidates and what they
// are joined to; longer chains are set right by the next whole
// resolution, Resolver.Reconcile).
func (ix *Index) around(keys []string) map[string]bool {
	in := map[string]bool{}
	frontier := slices.Clone(keys)
	for _, k := range keys {
		in[k] = true
	}
	for step := 0; step < 2 && len(frontier) > 0; step++ {
		var next []string
		add := func(k string) {
			if !in[k] {
				in[k] = true
				next = append(next, k)
			}
		}
		// Keys corrections link are followed to the end, in this step:
		// a chain of merges is one entity however long.
		same := func(k string) {
			if !in[k] {
				in[k] = true
				frontier = append(frontier, k)
			}
		}
		for i := 0; i < len(frontier); i++ {
			k := frontier[i]
			for sg := range ix.sigs[k] {
				if step > 0 && len(ix.bySig[sg]) > hubKeys {
					continue
				}
				for o := range ix.bySig[sg] {
					add(o)
				}
			}
			_, rest, _ := strings.Cut(k, ":")
			for _, e := range ix.corr.naming(k, extract.NameKey(rest)) {
				for _, ref := range ix.corr.Entries[e].refs() {
					if _, ok := ix.nodes[ref]; ok {
						same(ref)
					}
					for o := range ix.bySig["name:"+ref] {
						same(o)
					}
				}
			}
		}
		frontier = next
	}
	return in
}

// hubKeys bounds the keys a signature may link in around's second step: a
// name shared by more keys than that ("last:smith") links everything.
const hubKeys = 64

// ResolveAround computes the mapping of these articles' keys, looking only
// at the part of the corpus their names link to (around): its cost grows
// with that neighbourhood, not with the corpus. Unmatched is not set.
func (ix *Index) ResolveAround(articles []string) *Mapping {
	var keys []string
	for _, a := range articles {
		for _, r := range ix.arts[a] {
			keys = append(keys, r.Key)
		}
	}
	m := ix.resolve(ix.around(keys))
	m.Unmatched = nil
	return m
}

// Articles counts the articles indexed.
func (ix *Index) Articles() int { return len(ix.arts) }

// node is one extracted key across the corpus.
type node struct {
	key, root, rest string
	fold            string // the name as resolution compares it (foldName)
	words           int
	names, types    map[string]int // mentions by name, by type
	aliases         map[string]int // keys of its aliases (same root) -> records
	articles        map[string]bool
	mentions        int
}

// node is the key's node, made if new.
func (ix *Index) node(k string) *node {
	n := ix.nodes[k]
	if n == nil {
		root, rest, _ := strings.Cut(k, ":")
		n = &node{key: k, root: root, rest: rest, fold: foldName(rest), words: strings.Count(rest, "-") + 1,
			names: map[string]int{}, types: map[string]int{}, aliases: map[string]int{}, articles: map[string]bool{}}
		ix.nodes[k] = n
	}
	return n
}

// add adds (sign 1) or takes out (-1) one article's record.
func (n *node) add(article string, r Record, sign int) {
	bump := func(m map[string]int, k string, by int) {
		if m[k] += by; m[k] <= 0 {
			delete(m, k)
		}
	}
	bump(n.names, r.Name, sign*r.Mentions)
	bump(n.types, r.Type, sign*r.Mentions)
	for _, al := range r.Aliases {
		if ak := n.root + ":" + extract.NameKey(al); ak != n.key && !coordinated(al) {
			bump(n.aliases, ak, sign)
		}
	}
	n.mentions += sign * r.Mentions
	if sign > 0 {
		n.articles[article] = true
	} else {
		delete(n.articles, article)
	}
}

func (n *node) name() string { return top(n.names, true) }
func (n *node) typ() string  { return top(n.types, false) }

// top is the most mentioned of m's keys; ties go to the longer (if long)
// then the first in order.
func top(m map[string]int, long bool) string {
	best, bn := "", -1
	for k, v := range m {
		if v > bn || v == bn && (long && len(k) > len(best) || (!long || len(k) == len(best)) && k < best) {
			best, bn = k, v
		}
	}
	return best
}

// clusters is a union-find over nodes that refuses to join two sets an
// article keeps apart (one article naming an entity of each).
type clusters struct {
	parent map[string]string
	arts   map[string]map[string]bool // root -> articles of the set
	keys   map[string][]string        // root -> keys of the set
	apart  map[[2]string]bool         // pairs of keys corrections keep apart
	// oneName reports whether an article that names entities of both
	// sets wrote one name under two types there (so it does not keep them
	// apart); nil: never.
	oneName func(article string, xs, ys []string) bool
}

func (c *clusters) find(k string) string {
	for c.parent[k] != k {
		c.parent[k] = c.parent[c.parent[k]]
		k = c.parent[k]
	}
	return k
}

// join unites the sets of a and b unless an article names both or a
// correction keeps them apart; force skips the first test.
func (c *clusters) join(a, b string, force bool) bool {
	ra, rb := c.find(a), c.find(b)
	if ra == rb {
		return true
	}
	for _, x := range c.keys[ra] {
		for _, y := range c.keys[rb] {
			if c.apart[pair(x, y)] {
				return false
			}
		}
	}
	if !force {
		small, big := c.arts[ra], c.arts[rb]
		if len(small) > len(big) {
			small, big = big, small
		}
		for a := range small {
			if big[a] && (c.oneName == nil || !c.oneName(a, c.keys[ra], c.keys[rb])) {
				return false
			}
		}
	}
	if len(c.keys[ra]) < len(c.keys[rb]) {
		ra, rb = rb, ra
	}
	c.parent[rb] = ra
	merged := make(map[string]bool, len(c.arts[ra])+len(c.arts[rb]))
	for _, m := range []map[string]bool{c.arts[ra], c.arts[rb]} {
		for a := range m {
			merged[a] = true
		}
	}
	c.arts[ra] = merged
	c.keys[ra] = append(c.keys[ra], c.keys[rb]...)
	delete(c.arts, rb)
	delete(c.keys, rb)
	return true
}

// one is the first of cands when they all lie in one set, else "".
func (c *clusters) one(cands []string) string {
	if len(cands) == 0 {
		return ""
	}
	r := c.find(cands[0])
	for _, o := range cands[1:] {
		if c.find(o) != r {
			return ""
		}
	}
	return cands[0]
}

func pair(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// Resolve computes the mapping of the indexed corpus. Its cost is linear in
// the number of distinct keys (what each key's records say is kept up to
// date by Put and Remove) and in the corrections, whatever the order the
// articles came in.
func (ix *Index) Resolve() *Mapping { return ix.resolve(nil) }

// resolve computes the mapping over the keys in only (nil: all).
func (ix *Index) resolve(only map[string]bool) *Mapping {
	nodes := ix.nodes
	if only != nil {
		nodes = make(map[string]*node, len(only))
		for k := range only {
			if n, ok := ix.nodes[k]; ok {
				nodes[k] = n
			}
		}
	}
	keys := make([]string, 0, len(nodes))
	for k := range nodes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	c := &clusters{parent: map[string]string{}, arts: map[string]map[string]bool{}, keys: map[string][]string{}, apart: map[[2]string]bool{}}
	for _, k := range keys {
		c.parent[k] = k
		c.arts[k] = nodes[k].articles // copied on the first join
		c.keys[k] = []string{k}
	}
	m := &Mapping{schema: ix.schema, to: map[string]Target{}, reject: map[string]bool{}, local: map[string]Target{}}
	fix := ix.corr.prepare(ix.schema, nodes, c, m)

	c.oneName = func(article string, xs, ys []string) bool { return ix.oneName(article, xs, ys) }

	// Spellings of one name (extract.NameKey: diacritics, a leading "the",
	// "St." and "Saint", "U.S." heading a longer name, the connecting vowel
	// of a transliterated compound; initials written apart, "U. S.") are
	// one entity, in one article too.
	folded := map[string]string{}
	for _, k := range keys {
		n := nodes[k]
		if ix.generic(n) {
			continue
		}
		f := n.root + ":" + n.fold
		if first, ok := folded[f]; ok {
			c.join(first, k, true)
		} else {
			folded[f] = k
		}
	}

	// Full names of people by their last word and their first.
	full := map[string][]string{} // surname -> keys of full names
	given := map[string]bool{}    // first words of full names
	for _, k := range keys {
		n := nodes[k]
		if n.root != "person" || n.words < 2 || coordinated(n.name()) {
			continue
		}
		last := n.rest[strings.LastIndex(n.rest, "-")+1:]
		full[last] = append(full[last], k)
		first, _, _ := strings.Cut(n.rest, "-")
		given[first] = true
	}
	// A person's one-word name that begins full names and ends none
	// ("Daniel", with Daniel Okoye known) is a given name alone.
	givenOnly := func(n *node) bool {
		return n.root == "person" && n.words == 1 && given[n.rest] && len(full[n.rest]) == 0
	}
	// Another name an article gave an entity stands for it elsewhere, when
	// only one entity (by key) has that name as an alias.
	owners := map[string][]string{}
	for _, k := range keys {
		n := nodes[k]
		for ak := range n.aliases {
			if !slices.Contains(owners[ak], k) {
				owners[ak] = append(owners[ak], k)
			}
		}
	}
	for _, ak := range sortedKeys(owners) {
		if n, ok := nodes[ak]; ok && len(owners[ak]) == 1 && !ix.generic(n) && !givenOnly(n) {
			c.join(ak, owners[ak][0], false)
		}
	}

	// A name of two or more words spelt as another but for two letters of
	// one word swapped ("the Nordic Cuoncil") is that name misspelt, when
	// the other is written in at least twice as many articles: a slip of
	// the keys is rarer than the name it misspells. Its type is the
	// name's (the recognizer types an unknown word by guess), and an
	// article that writes both has not named two entities.
	anagrams := map[string][]string{}
	for _, k := range keys {
		if n := nodes[k]; n.words >= 2 && ix.schema.InGraph(n.typ()) {
			a := anagram(n.fold)
			anagrams[a] = append(anagrams[a], k)
		}
	}
	for _, a := range sortedKeys(anagrams) {
		ks := anagrams[a]
		for _, k := range ks {
			var cands []string
			for _, o := range ks {
				if len(nodes[o].articles) >= 2*len(nodes[k].articles) && swapped(nodes[k].fold, nodes[o].fold) {
					cands = append(cands, o)
				}
			}
			if one := c.one(cands); one != "" {
				c.join(k, one, true)
			}
		}
	}

	// "The State of Ohio" is Ohio.
	for _, k := range keys {
		n := nodes[k]
		if rest, ok := strings.CutPrefix(extract.NameKey(n.rest), "state-of-"); ok && n.root == "location" {
			if _, ok := nodes["location:"+rest]; ok {
				c.join(k, "location:"+rest, false)
			}
		}
	}

	ix.reconcileTypes(keys, nodes, c)

	// A one-word name of a person stands for the one person of that
	// surname the corpus knows.
	for _, k := range keys {
		n := nodes[k]
		if n.root != "person" || n.words != 1 || ix.generic(n) {
			continue
		}
		if one := c.one(full[n.rest]); one != "" {
			c.join(k, one, false)
		}
	}

	// A short name of an organization ("the Cardinals", "the Air Force")
	// stands for the one organization whose name ends with it. A name read
	// as a place that is a place the corpus knows and more words ("the
	// St. Louis Cardinals") is one too when an organization has its last
	// word for a name (placeHead): the last word of a name is its head.
	tails := map[string][]string{}
	for _, k := range keys {
		n := nodes[k]
		if n.words < 2 || coordinated(n.name()) || n.root != "organization" && !ix.placeHead(n) {
			continue
		}
		last := n.rest[strings.LastIndex(n.rest, "-")+1:]
		tails[last] = append(tails[last], k)
	}
	headType := map[string]string{} // a place's key -> the organization's whose type it takes
	for _, k := range keys {
		n := nodes[k]
		if n.root != "organization" || n.words != 1 || ix.generic(n) {
			continue
		}
		if one := c.one(tails[n.rest]); one != "" && c.join(k, one, false) {
			for _, t := range tails[n.rest] {
				if nodes[t].root != "organization" {
					headType[t] = k
				}
			}
		}
	}

	// "Scientology" is the Church of Scientology: an organization's
	// one-word name stands for the one organization or facility whose name
	// ends in "of" and it. Only an organization's name does: "Chicago", a
	// city, is not the University of Chicago.
	ofTails := map[string][]string{}
	for _, k := range keys {
		n := nodes[k]
		if n.root != "organization" && n.root != "facility" || n.words < 3 || coordinated(n.name()) {
			continue
		}
		i := strings.LastIndex(n.rest, "-of-")
		if i < 0 || strings.Contains(n.rest[i+4:], "-") {
			continue
		}
		ofTails[n.rest[i+4:]] = append(ofTails[n.rest[i+4:]], k)
	}
	for _, k := range keys {
		n := nodes[k]
		if n.root != "organization" || n.words != 1 || ix.generic(n) {
			continue
		}
		if one := c.one(ofTails[n.rest]); one != "" {
			c.join(k, one, false)
		}
	}

	fix.apply(c)

	// Each set's canonical entity: of its most attested root, the node with
	// the most words, then the most articles and mentions.
	for root, members := range c.keys {
		if len(members) < 2 && !fix.touched(root) {
			continue
		}
		rootOf := func(k string) string {
			if h, ok := headType[k]; ok {
				return nodes[h].root
			}
			return nodes[k].root
		}
		rootArts := map[string]int{}
		for _, k := range members {
			rootArts[rootOf(k)] += len(nodes[k].articles)
		}
		best := slices.MinFunc(members, func(a, b string) int {
			na, nb := nodes[a], nodes[b]
			return cmp.Or(cmp.Compare(rootArts[rootOf(b)], rootArts[rootOf(a)]), cmp.Compare(nb.words, na.words),
				cmp.Compare(len(nb.articles), len(na.articles)), cmp.Compare(nb.mentions, na.mentions), cmp.Compare(a, b))
		})
		t := Target{Key: best, Name: nodes[best].name(), Type: nodes[best].typ()}
		if h, ok := headType[best]; ok {
			t.Type = nodes[h].typ()
		}
		fix.target(members, &t)
		if labels := ix.schema.Labels(t.Type); len(labels) > 0 {
			_, rest, _ := strings.Cut(t.Key, ":")
			t.Key = strings.ToLower(labels[0]) + ":" + rest
		}
		for _, k := range members {
			if k != t.Key || nodes[k].name() != t.Name || nodes[k].typ() != t.Type {
				m.to[k] = t
			}
		}
	}
	// A type's head word alone ("the Court", "the Army") names the one
	// the article is about, a different one in each article, and a given
	// name alone the person the article calls so: unless a correction
	// (or, for a given name, a type's vote) joined it to another key, each
	// article writes it apart.
	for _, k := range keys {
		n := nodes[k]
		if r := c.find(k); (ix.generic(n) || givenOnly(n)) && len(c.keys[r]) == 1 && !fix.touched(r) && !fix.rejected[k] && ix.schema.InGraph(n.typ()) {
			m.local[k] = Target{Key: k, Name: n.name(), Type: n.typ()}
		}
	}
	for _, p := range m.pending {
		if _, ok := nodes[p[0]]; !ok {
			t, ok := m.to[p[1]]
			if !ok {
				n := nodes[p[1]]
				t = Target{Key: p[1], Name: n.name(), Type: n.typ()}
			}
			m.to[p[0]] = t
		}
	}
	for k := range fix.rejected {
		for _, x := range c.keys[c.find(k)] {
			m.reject[x] = true
		}
	}
	canon := func(k string) string {
		if t, ok := m.to[k]; ok {
			return t.Key
		}
		return k
	}
	for _, f := range fix.facts {
		for _, s := range f[0] {
			for _, o := range f[2] {
				m.reject[canon(s)+"|"+f[1][0]+"|"+canon(o)] = true
			}
		}
	}
	return m
}

// generic reports whether a node is a type's head word alone ("the
// Court", "the Group", "the Army"): a description whose referent each
// article fixes for itself, which no rule joins to another entity.
func (ix *Index) generic(n *node) bool { return n.words == 1 && ix.heads[n.fold] }

// placeHead reports whether a place's name of two or more words is a place
// the corpus knows followed by words that do not type a place ("St. Louis
// Cardinals", not "Mexico City" or "Hong Kong Island"): a name whose last
// word, its head, may be an organization's name.
func (ix *Index) placeHead(n *node) bool {
	if n.root != "location" || n.words < 2 {
		return false
	}
	words := strings.Split(n.rest, "-")
	if ix.heads[foldName(words[len(words)-1])] {
		return false
	}
	for i := 1; i < len(words); i++ {
		if _, ok := ix.nodes["location:"+strings.Join(words[:i], "-")]; ok {
			return true
		}
	}
	return false
}

// anagram is a folded name with the letters of each word sorted: names
// that differ by letters swapped within words share it.
func anagram(fold string) string {
	words := strings.Split(fold, "-")
	for i, w := range words {
		r := []rune(w)
		slices.Sort(r)
		words[i] = string(r)
	}
	return strings.Join(words, "-")
}

// swapped reports whether two folded names differ only by two adjacent
// letters swapped in one word of four or more letters ("untied-nations",
// "united-nations"). Digits do not count: "A19" and "A91" are two roads.
func swapped(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if i+1 >= len(ra) || ra[i] != rb[i+1] || ra[i+1] != rb[i] || !unicode.IsLetter(ra[i]) || !unicode.IsLetter(ra[i+1]) ||
		string(ra[i+2:]) != string(rb[i+2:]) {
		return false
	}
	start := strings.LastIndex(string(ra[:i]), "-") + 1
	word, _, _ := strings.Cut(a[start:], "-")
	return utf8.RuneCountInString(word) >= 4
}

// coordinated reports whether a name joins two names with "and" (or "&"),
// which is two entities read as one: "British Library and Columbia
// University". A name with "of" before the "and" is one name: "Center for
// Strategic and International Studies", "Islamic State in Iraq and Syria".
func coordinated(name string) bool {
	w := strings.Fields(strings.ReplaceAll(name, "&", " and "))
	for i := 1; i < len(w)-1; i++ {
		if w[i] != "and" {
			continue
		}
		for _, p := range w[:i] {
			if p == "of" || p == "for" || p == "in" || p == "on" {
				return false
			}
		}
		return true
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Apply rewrites an extraction by the mapping: each entity takes its
// canonical key, name and type (the name it had becomes an alias), two
// entities that become one are merged, relations follow their arguments
// (and are dropped when the schema does not allow them between the new
// types, or when they would relate an entity to itself), and what
// corrections reject is left out. ex is not changed.
func (m *Mapping) Apply(ex *extract.Extraction) *extract.Extraction {
	if m == nil || len(m.to) == 0 && len(m.reject) == 0 && len(m.local) == 0 {
		return ex
	}
	article := ex.Document.ID
	out := *ex
	out.Entities = make([]extract.Entity, 0, len(ex.Entities))
	at := map[string]int{}
	for _, e := range ex.Entities {
		if m.reject[e.ID] {
			continue
		}
		if t, ok := m.targetIn(article, e.ID); ok {
			aliases := slices.Clone(e.Aliases)
			if e.Name != t.Name && !slices.Contains(aliases, e.Name) {
				aliases = append(aliases, e.Name)
			}
			e.ID, e.Name, e.Type, e.Aliases = t.Key, t.Name, t.Type, slices.DeleteFunc(aliases, func(a string) bool { return a == t.Name })
			e.Labels = m.schema.Labels(t.Type)
		}
		if i, ok := at[e.ID]; ok {
			d := &out.Entities[i]
			d.Mentions = append(slices.Clone(d.Mentions), e.Mentions...)
			for _, a := range e.Aliases {
				if !slices.Contains(d.Aliases, a) {
					d.Aliases = append(d.Aliases, a)
				}
			}
			continue
		}
		at[e.ID] = len(out.Entities)
		out.Entities = append(out.Entities, e)
	}
	out.Relations = make([]extract.Relation, 0, len(ex.Relations))
	for _, r := range ex.Relations {
		if m.reject[r.Subject.ID] || m.reject[r.Object.ID] || m.reject[r.Subject.ID+"|"+r.Type+"|"+r.Object.ID] {
			continue
		}
		m.arg(article, &r.Subject)
		m.arg(article, &r.Object)
		if r.Subject.ID == r.Object.ID || !m.schema.Allows(r.Type, r.Subject.Type, r.Object.Type) {
			continue
		}
		if m.reject[r.Subject.ID+"|"+r.Type+"|"+r.Object.ID] {
			continue
		}
		out.Relations = append(out.Relations, r)
	}
	return &out
}

func (m *Mapping) arg(article string, a *extract.Argument) {
	if t, ok := m.targetIn(article, a.ID); ok {
		a.ID, a.Name, a.Type, a.Labels = t.Key, t.Name, t.Type, m.schema.Labels(t.Type)
	}
}
