package extract

import (
	"slices"
	"strings"
)

// actPlaces adds where an act happened as a place its doer is in, for the
// relation types whose schema entry lists the act's type in places_of
// (news.yaml: OPERATES_IN for ATTACKED and KILLED). "Al-Shabaab attacked
// a police station in Lamu" gives Al-Shabaab OPERATES_IN Lamu, though the
// station has no name. The act is a verb of the act's type (its triggers),
// its doer the verb's subject, or its agent after "by" in a passive, read
// as the verb rules read them; the place a locative phrase of the verb (a
// preposition of places.locative_prepositions on the verb's oblique in the
// parse, and the places coordinated with it), never a place inside the
// object ("the village of Koshobe in Borno State" says where the village
// lies). A denied or planned act gives a relation marked so, as any other.
// Each relation stands on the act's sentence at the type's confidence,
// under the rule "act-place/" and the verb.
//
// It runs after the sentences' rules and the classifier, so that the
// classifier's features (which read the rules' findings) stay as trained.
func (x *Extractor) actPlaces(k *collector) {
	a := k.a
	placeTypes := map[string][]string{} // act type -> the types its places give
	for _, rt := range x.schema.RelationTypes {
		for _, of := range rt.PlacesOf {
			placeTypes[of] = append(placeTypes[of], rt.Name)
		}
	}
	if len(placeTypes) == 0 {
		return
	}
	type placed struct{ doer, place, sent int }
	at := map[placed]bool{}
	for si, s := range a.sents {
		c := x.clauseOf(a, si)
		if c == nil || s.Headline {
			continue
		}
		for v := s.First; v < s.Last; v++ {
			if a.byToken[v] >= 0 || a.toks[v].UPOS != "VERB" {
				continue
			}
			var places []int
			for _, t := range x.rules.verbs[c.word(v)] {
				types := placeTypes[t.rel]
				if len(types) == 0 {
					continue
				}
				if places == nil {
					places = x.placesOfVerb(a, s, v)
					if len(places) == 0 {
						break
					}
				}
				for _, doer := range c.doers(v, t) {
					// "Sunni insurgents attacked a base": an adjective names
					// the doers' kind, not a group that acted.
					if !doesVerb(a.toks, s, doer, v) || a.toks[spanHead(a.toks, doer)].UPOS == "ADJ" {
						continue
					}
					for _, sp := range c.spans {
						if sp.demonym || sp.nonState || sp.ent == doer.ent || !slices.Contains(places, spanHead(a.toks, sp)) {
							continue
						}
						for _, typ := range types {
							rt, _ := x.schema.Relation(typ)
							k.emit(typ, doer, sp, si, rt.Confidence, "act-place/"+t.base)
						}
						at[placed{doer.ent, sp.ent, si}] = true
					}
				}
			}
		}
	}
	// Where the doer acted is no home or base of its by that: the
	// classifier's guess of a type its modifiers state (not_across_verbs:
	// BASED_IN, LIVES_IN, ...) for the same pair in the same sentence goes
	// ("The Taliban attacked Afghan soldiers in Helmand": no base there).
	if len(at) > 0 {
		k.keep(0, func(r relation) bool {
			return !strings.HasPrefix(r.rule, "model/") || !x.rules.notAcrossVerbs[r.typ] || !at[placed{r.subj.ent, r.obj.ent, r.sent}]
		})
	}
}

// doesVerb reports whether the parse makes span sp the doer of verb v: its
// subject or its agent ("by X"), the name itself or a noun phrase it is part
// of ("Taliban gunmen", "fighters of the group"), within four steps that
// cross no clause. The verb rules find doers by the words around the verb;
// a place needs the verb's own.
func doesVerb(toks []Token, s Sentence, sp span, v int) bool {
	h := spanHead(toks, sp)
	for range 4 {
		p, r := toks[h].Head, toks[h].Rel
		if p == v {
			switch {
			case isRel(r, "nsubj"):
				return r != "nsubj:pass"
			case r == "obl:agent":
				return true
			case r == "obl":
				c := childWith(toks, s, h, "case")
				return c >= 0 && lower(toks[c].Text) == "by"
			}
			return false
		}
		switch r {
		case "acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "root":
			return false
		}
		if p < 0 || toks[p].UPOS == "VERB" {
			return false
		}
		h = p
	}
	return false
}

// placesOfVerb returns the heads of the places verb v's act happened in:
// its locative obliques ("attacked the base in Lamu" as the parser may
// attach it), and the locative modifiers of its object, or of a name the
// object is "of" ("a police station in Lamu", "the village of Koshobe in
// Borno State": what is acted on is there, and so is the act), each with
// the names coordinated with it. A locative is a phrase whose preposition
// is one of places.locative_prepositions.
func (x *Extractor) placesOfVerb(a *analysis, s Sentence, v int) []int {
	var out []int
	locative := func(k int) bool {
		c := childWith(a.toks, s, k, "case")
		return c >= 0 && x.lang.locativePreps[a.low[c]] && !x.lang.pathPreps[a.low[c]] && !x.lang.nearPreps[a.low[c]]
	}
	add := func(k int) {
		out = append(out, k)
		for j := s.First; j < s.Last; j++ {
			if a.toks[j].Head == k && a.toks[j].Rel == "conj" {
				out = append(out, j)
			}
		}
	}
	for k := s.First; k < s.Last; k++ {
		t := a.toks[k]
		switch {
		case t.Head == v && isRel(t.Rel, "obl") && t.Rel != "obl:agent" && t.Rel != "obl:tmod" && locative(k):
			add(k)
		case t.Head == v && (t.Rel == "obj" || t.Rel == "nsubj:pass"):
			for j := s.First; j < s.Last; j++ {
				if a.toks[j].Head != k || !isRel(a.toks[j].Rel, "nmod") {
					continue
				}
				if locative(j) {
					add(j)
					continue
				}
				for i := s.First; i < s.Last; i++ {
					if a.toks[i].Head == j && isRel(a.toks[i].Rel, "nmod") && locative(i) {
						add(i)
					}
				}
			}
		}
	}
	return out
}
