package extract

import "slices"

// knownContainment links the places an article names to the places that
// contain them, when the place lists say so and the article names the
// container too: an article that names Osaka and Japan, in any sentences,
// gets Osaka LOCATED_IN Japan. The article's naming both is the evidence
// that the list's Osaka is the article's (Paris lies within France and
// within Texas: an article naming Paris and Texas, not France, gets the
// Texan one); see lexicon.containers for names the lists place in several
// countries. Each relation stands on the first sentence that names the
// place, holding the container's name if one does, at a modest confidence,
// under the rule "known/located_in".
func (x *Extractor) knownContainment(k *collector) {
	typ := x.roles.Contains
	if typ == "" {
		return
	}
	a := k.a
	// The first named span of each place entity, and the first a sentence
	// holds of it.
	type seen struct {
		first   span
		firstSi int
		bySent  map[int]span
		named   bool // by a name, not only a demonym the recognizer took for one
	}
	spans := map[int]*seen{}
	var order []int
	for si, ss := range a.sentSpans {
		for _, sp := range ss {
			if sp.coref || sp.demonym || sp.ent < 0 || !x.isPlace(a.entities[sp.ent].typ) {
				continue
			}
			s := spans[sp.ent]
			if s == nil {
				s = &seen{first: sp, firstSi: si, bySent: map[int]span{}}
				spans[sp.ent] = s
				order = append(order, sp.ent)
			}
			if _, ok := s.bySent[si]; !ok {
				s.bySent[si] = sp
			}
			if m := a.byToken[sp.first]; m < 0 || !a.mentions[m].Demonym || a.gold {
				s.named = true
			}
		}
	}
	if len(order) < 2 {
		return
	}
	// Each place entity by its names, for the containers the lists give.
	byName := map[string][]int{}
	for _, e := range order {
		ent := a.entities[e]
		for _, n := range append([]string{ent.name}, ent.aliases...) {
			byName[n] = append(byName[n], e)
		}
	}
	// The pairs the text already links.
	has := map[[2]int]bool{}
	for _, r := range k.out {
		if r.typ == typ {
			has[[2]int{r.subj.ent, r.obj.ent}] = true
		}
	}
	for _, e := range order {
		// A place the article names only by a demonym ("the Basque
		// separatist group ETA") is not said to lie anywhere; its name as a
		// container ("British police" and Belfast) still counts.
		if !spans[e].named {
			continue
		}
		ent := a.entities[e]
		var outers []int
		for _, n := range append([]string{ent.name}, ent.aliases...) {
			for _, w := range x.lex.containers(n) {
				for _, o := range byName[w] {
					if o != e && !slices.Contains(outers, o) {
						outers = append(outers, o)
					}
				}
			}
		}
		slices.Sort(outers)
		in := spans[e]
		sents := make([]int, 0, len(in.bySent))
		for si := range in.bySent {
			sents = append(sents, si)
		}
		slices.Sort(sents)
		for _, o := range outers {
			if has[[2]int{e, o}] {
				continue
			}
			// The first sentence that names both, else the place's first
			// and the container's first.
			si, sp, op := in.firstSi, in.first, spans[o].first
			for _, s2 := range sents {
				if o2, ok := spans[o].bySent[s2]; ok {
					si, sp, op = s2, in.bySent[s2], o2
					break
				}
			}
			k.emit(typ, sp, op, si, 0.5, "known/"+lower(typ))
		}
	}
}
