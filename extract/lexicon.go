package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg/kg/schemas"
)

// known is one gazetteer entity after loading: entries of the same name and
// type in several files are merged into one.
type known struct {
	Name      string
	Type      string
	Aliases   []string
	LocatedIn string
}

// hit is what a token sequence in the lexicon refers to.
type hit struct {
	known   int  // index into lexicon.known
	demonym bool // "Pakistani" rather than "Pakistan"
}

// trie maps token sequences to a value; lookups walk the document's tokens.
type trie[V any] struct {
	next map[string]*trie[V]
	val  V
	ok   bool
}

func (t *trie[V]) insert(words []string, v V) {
	n := t
	for _, w := range words {
		if n.next == nil {
			n.next = map[string]*trie[V]{}
		}
		c := n.next[w]
		if c == nil {
			c = &trie[V]{}
			n.next[w] = c
		}
		n = c
	}
	if !n.ok {
		n.val, n.ok = v, true
	}
}

// longest returns the value and length of the longest sequence in t that
// starts at toks[i]; key normalizes a token's text.
func (t *trie[V]) longest(toks []Token, i, limit int, key func(string) string) (V, int) {
	var best V
	bestLen := 0
	n := t
	for j := i; j < limit && n.next != nil; j++ {
		n = n.next[key(toks[j].Text)]
		if n == nil {
			break
		}
		if n.ok {
			best, bestLen = n.val, j-i+1
		}
	}
	return best, bestLen
}

// longestKeys is longest over tokens already normalized as the trie's keys
// (an analysis's lowercased words for a trie keyed by lower).
func (t *trie[V]) longestKeys(keys []string, i, limit int) (V, int) {
	var best V
	bestLen := 0
	n := t
	for j := i; j < limit && n.next != nil; j++ {
		n = n.next[keys[j]]
		if n == nil {
			break
		}
		if n.ok {
			best, bestLen = n.val, j-i+1
		}
	}
	return best, bestLen
}

// words tokenizes a lexicon phrase the way documents are tokenized.
func (w *wordLists) words(phrase string, key func(string) string) []string {
	if lettersAndSpaces(phrase) {
		// Most names of the gazetteers: Tokenize splits them at the spaces
		// alone, and this is the same without its tokens.
		out := strings.Fields(phrase)
		for i, w := range out {
			out[i] = key(w)
		}
		return out
	}
	toks := w.tokenize(phrase)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = key(t.Text)
	}
	return out
}

// lettersAndSpaces says whether s has nothing but ASCII letters and spaces.
func lettersAndSpaces(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && (c|0x20 < 'a' || c|0x20 > 'z') {
			return false
		}
	}
	return true
}

// exact normalizes only apostrophes and quotes, for case-sensitive names.
func exact(s string) string {
	// The four quotes' UTF-8 all begin with byte 0xE2: most words have none,
	// and one scan for it is cheaper than ContainsAny's four.
	if strings.IndexByte(s, 0xE2) >= 0 && strings.ContainsAny(s, "’‘“”") {
		return asciiQuotes.Replace(s)
	}
	if n := len(s); n >= 3 && s[n-2] == '.' && 'A' <= s[n-1] && s[n-1] <= 'Z' && dottedLetters(s) {
		// "U.S" is "U.S.": an abbreviation by its letters may drop its
		// last period, as a writer in a hurry does.
		return s + "."
	}
	return s
}

// dottedLetters reports whether s is capital letters each but the last
// followed by a period: "U.S", "D.C".
func dottedLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if i%2 == 0 && (s[i] < 'A' || s[i] > 'Z') || i%2 == 1 && s[i] != '.' {
			return false
		}
	}
	return len(s)%2 == 1
}

// lower normalizes case too, for trigger words.
func lower(s string) string { return strings.ToLower(exact(s)) }

// uncapitalized is exact for a word in capitals written as a name is
// ("KABUL" is "Kabul", "GUINEA-BISSAU" is "Guinea-Bissau"); other words stay
// as they are.
func uncapitalized(s string) string {
	if utf8.RuneCountInString(s) < 2 || !allCaps(strings.ReplaceAll(s, "-", "")) {
		return exact(s)
	}
	var b strings.Builder
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(r)
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = r == '-'
	}
	return exact(b.String())
}

// lexicon holds everything the extractor looks up by words: the gazetteer,
// people's titles and given names, and type keywords.
type lexicon struct {
	known      []known
	names      trie[hit]
	titles     trie[bool]
	bareTitles trie[bool] // the titles written with a period, without it
	givenNames map[string]bool
	keywords   map[string]string // head word -> entity type
	prefixes   map[string]string // first word -> entity type (schemas.EntityType.Prefixes)
	// Evidence for the recognizer only (see schemas.Gazetteer).
	evidence                trie[string] // name -> type
	evidenceGiven, surnames map[string]bool
	// sexOf is a given name's sex where the census makes it plain: 'm'
	// or 'f' (references.go, pronounAgrees).
	sexOf map[string]byte
	// peoples are the plural demonyms, names of a people ("Serbs", whose
	// singular "Serb" is a demonym too) rather than adjectives ("Serbian").
	peoples map[string]bool
	// within names the places that contain a place, by any of its names
	// (the evidence lists' cities and states, the known names' located_in);
	// canonical maps a known name's aliases to its name ("U.S.": "United
	// States"). Evidence for the relation classifier.
	within    map[string][]string
	canonical map[string]string
	// knownIn maps the names of known places that name their container to
	// it ("Paris": "France"); roots are the names of known places that lie
	// in none (countries).
	knownIn map[string]string
	roots   map[string]bool
	// evidenceTypes are every type the evidence lists give a name
	// ("Munich": Location, City), as an index into typeLists: a few dozen
	// distinct lists serve 80,000 names.
	evidenceTypes map[string]uint32
	typeLists     [][]string
	// clusters are the words' distributional clusters (schemas.WordClusters).
	clusters *schemas.Clusters
}

// placesWithin counts the evidence lists' names that name what contains them.
func placesWithin(g *schemas.Gazetteer) int {
	n := 0
	for _, e := range g.Evidence {
		if len(e.Within) > 0 {
			n++
		}
	}
	return n
}

func newLexicon(s *schemas.Schema, g *schemas.Gazetteer, lang *wordLists) *lexicon {
	// The maps of the evidence lists are made at their size: grown from
	// nothing, the copies they leave behind were a fifth of what starting
	// kg allocates.
	lx := &lexicon{givenNames: map[string]bool{}, keywords: map[string]string{}, prefixes: map[string]string{},
		evidenceGiven: make(map[string]bool, len(g.EvidenceGiven)), surnames: make(map[string]bool, len(g.Surnames)), peoples: map[string]bool{},
		within: make(map[string][]string, placesWithin(g)), canonical: map[string]string{}, knownIn: map[string]string{}, roots: map[string]bool{}, clusters: schemas.WordClusters(),
		evidenceTypes: make(map[string]uint32, len(g.Evidence))}
	// A name in several lists keeps the type of the first (the built-in
	// lists in file-name order: WordNet's type of "Montana" before GeoNames').
	listIndex := map[string]uint32{}
	for _, e := range g.Evidence {
		lx.evidence.insert(lang.words(e.Name, exact), e.Type)
		if len(e.Within) > 0 {
			lx.within[e.Name] = append(lx.within[e.Name], e.Within...)
		}
		k, seen := lx.evidenceTypes[e.Name]
		var types []string
		if seen {
			types = lx.typeLists[k]
			if slices.Contains(types, e.Type) {
				continue
			}
		}
		types = append(slices.Clip(types), e.Type)
		key := strings.Join(types, "\x00")
		k, ok := listIndex[key]
		if !ok {
			k = uint32(len(lx.typeLists))
			listIndex[key] = k
			lx.typeLists = append(lx.typeLists, types)
		}
		lx.evidenceTypes[e.Name] = k
	}
	for _, n := range g.EvidenceGiven {
		lx.evidenceGiven[n] = true
	}
	for _, n := range g.Surnames {
		lx.surnames[n] = true
	}
	lx.sexOf = make(map[string]byte, len(g.MaleNames)+len(g.FemaleNames))
	for _, n := range g.MaleNames {
		lx.sexOf[n] = 'm'
	}
	for _, n := range g.FemaleNames {
		lx.sexOf[n] = 'f'
	}
	index := map[string]int{}
	for _, e := range g.Entries {
		id := e.Type + "\x00" + e.Name
		k, seen := index[id]
		if !seen {
			k = len(lx.known)
			index[id] = k
			lx.known = append(lx.known, known{Name: e.Name, Type: e.Type, LocatedIn: e.LocatedIn})
		}
		kn := &lx.known[k]
		kn.Aliases = append(kn.Aliases, e.Aliases...)
		if kn.LocatedIn == "" {
			kn.LocatedIn = e.LocatedIn
		}
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			if _, dup := lx.canonical[name]; !dup {
				lx.canonical[name] = e.Name
			}
			if e.LocatedIn != "" {
				lx.within[name] = append(lx.within[name], e.LocatedIn)
				if _, dup := lx.knownIn[name]; !dup {
					lx.knownIn[name] = e.LocatedIn
				}
			} else if s.Is(e.Type, s.Roles.Place) {
				lx.roots[name] = true
			}
			lx.names.insert(lang.words(name, exact), hit{known: k})
			// "the Taliban" and "Taliban" are one name; so are "The Bahamas" and "Bahamas".
			if strings.HasPrefix(name, "the ") || strings.HasPrefix(name, "The ") {
				lx.names.insert(lang.words(name[4:], exact), hit{known: k})
			}
		}
		for _, d := range e.Demonyms {
			lx.names.insert(lang.words(d, exact), hit{known: k, demonym: true})
			if sg, ok := strings.CutSuffix(d, "s"); ok && slices.Contains(e.Demonyms, sg) {
				lx.peoples[d] = true
			}
		}
	}
	for _, t := range g.Titles {
		lx.titles.insert(lang.words(t, exact), true)
	}
	// British usage writes a shortened title without its period: "Mr
	// Ellwood", "Dr Khan". Resolution reads these (untitled); the
	// recognizer's evidence stays the gazetteer's titles.
	for _, t := range lang.bareTitles {
		lx.bareTitles.insert(lang.words(t, exact), true)
	}
	for _, n := range g.GivenNames {
		lx.givenNames[n] = true
	}
	for _, t := range s.EntityTypes {
		for _, p := range t.Prefixes {
			lx.prefixes[p] = t.Name
		}
		for _, kw := range t.Keywords {
			lx.keywords[kw] = t.Name
			// "Inc" also heads "Acme Inc.": the tokenizer keeps an
			// abbreviation's period.
			lx.keywords[kw+"."] = t.Name
		}
	}
	return lx
}

// keywordOf is the entity type a word heads as a schema keyword, read with
// its first letter capitalized ("street", "Street": Facility), or "".
func (lx *lexicon) keywordOf(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	return lx.keywords[string(unicode.ToUpper(r))+w[size:]]
}

// evidenceTypesOf returns every type the evidence lists give a name, in
// the order they give them (nil for a name they lack).
func (lx *lexicon) evidenceTypesOf(name string) []string {
	k, ok := lx.evidenceTypes[name]
	if !ok {
		return nil
	}
	return lx.typeLists[k]
}

// contains reports whether a place list or known name says the place named
// inner lies within the place named outer, by any of their names. Places
// that share a name share what contains them: Paris lies within France and
// within Texas. It is evidence for the classifier, not a fact.
func (lx *lexicon) contains(outer, inner string) bool {
	return lx.places(outer).contain(lx.places(inner))
}

// spanPlaces is what the place lists know of one name: its names (itself,
// with a period, and the known names these are aliases of) and the places
// that contain it by any of them, each with the known name it is an alias
// of. The relation classifier asks it of each name once, for every pair.
type spanPlaces struct {
	names            []string
	within, canonWit []string
}

// places looks a name up for contains; a sentence's period is no part of it.
func (lx *lexicon) places(name string) *spanPlaces {
	n := strings.TrimSuffix(name, ".")
	p := &spanPlaces{names: []string{n, n + "."}}
	for _, v := range p.names[:2] {
		if c, ok := lx.canonical[v]; ok {
			p.names = append(p.names, c)
		}
	}
	for _, in := range p.names {
		for _, w := range lx.within[in] {
			p.within = append(p.within, w)
			p.canonWit = append(p.canonWit, lx.canonical[w])
		}
	}
	return p
}

// root reports whether name is a known place that the lists place in no
// other (a country, "France"), not a state ("Texas") or an abbreviation.
func (lx *lexicon) root(name string) bool { return lx.roots[name] }

// placesAround returns what the lists say contains the place named name,
// each by its known name ("U.S." as "United States") and once, and which
// of them are countries (roots).
func (lx *lexicon) placesAround(name string) (all, roots []string) {
	p := lx.places(name)
	for i, w := range p.within {
		if c := p.canonWit[i]; c != "" {
			w = c
		}
		if lx.root(w) && !slices.Contains(roots, w) {
			roots = append(roots, w)
		}
		if !slices.Contains(all, w) {
			all = append(all, w)
		}
	}
	return all, roots
}

// containers returns the places that contain the place named name, by
// the lists, for linking the places an article names (knownContainment).
// A known place of the news lists ("Paris", a capital) is the place it
// names; any other name the lists place in more than one country (Victoria,
// Santiago) keeps only the smaller places that contain it: "Texas" says
// which Victoria, a country alone does not.
func (lx *lexicon) containers(name string) []string {
	if in, ok := lx.knownIn[name]; ok {
		return []string{in}
	}
	out, roots := lx.placesAround(name)
	if len(roots) > 1 {
		out = slices.DeleteFunc(out, lx.root)
	}
	return out
}

// elsewhere reports whether the lists place the place named inner in one
// country (a root), not the one named outer: "Deir ez-Zor" lies in Syria,
// so not in Russia. A country the lists know nothing of, or a place they
// do not know, is elsewhere from nothing; so is a name of places in several
// countries (Victoria), which may name one the lists lack.
func (lx *lexicon) elsewhere(inner, outer string) bool {
	if c, ok := lx.canonical[outer]; ok {
		outer = c
	}
	if !lx.root(outer) {
		return false
	}
	all, roots := lx.placesAround(inner)
	return len(roots) == 1 && !slices.Contains(all, outer)
}

// contain reports whether inner lies within outer (lexicon.contains).
func (outer *spanPlaces) contain(inner *spanPlaces) bool {
	for i, w := range inner.within {
		for _, o := range outer.names {
			if o != "" && (w == o || inner.canonWit[i] == o) {
				return true
			}
		}
	}
	return false
}
