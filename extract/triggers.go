// The schema's relation triggers, compiled once per Extractor for lookup by
// token: inflected verbs, phrases, role nouns and prepositions.

package extract

import (
	"slices"
	"strings"

	"github.com/kg/kg/schemas"
)

// verbTrigger is one inflected form of a trigger verb.
type verbTrigger struct {
	rel        string
	base       string
	participle bool // may head a passive: "was killed by"
}

// phraseTrigger is a multi-word trigger such as "clashed with".
type phraseTrigger struct {
	rel    string
	phrase string
	mutual bool
	// inverse: the name before the phrase is the object ("Mosul fell to
	// ISIL").
	inverse bool
}

// ruleSet is the schema's triggers, compiled for lookup by token.
type ruleSet struct {
	s       *schemas.Schema
	verbs   map[string][]verbTrigger
	phrases trie[[]phraseTrigger]
	nouns   trie[string]
	preps   map[string][]string
	person  map[string]bool
	// events are the nouns that name an accusatory relation's act ("attack",
	// "bombing", "killing"): a trigger verb's base form, its plural, and its
	// -ing form.
	events map[string]string
	// inverseEvents are the schema's inverse_acts: nouns whose "of" takes
	// the object and "to" the subject ("the fall of Mosul to ISIL").
	inverseEvents map[string]string
	// accusationStems: see accusationStems.
	accusationStems []string
	// notOnPath holds, per relation type, the forms of its schema's
	// not_on_path words (offPath).
	notOnPath map[string]map[string]bool
	// notAcrossVerbs are the types marked not_across_verbs, and ownWords
	// each such type's verb forms and phrase words (crossesVerb).
	notAcrossVerbs map[string]bool
	ownWords       map[string]map[string]bool
	// pathWords holds, per relation type, the forms of its schema's
	// path_words (modelRelations).
	pathWords map[string]map[string]bool
	// owned holds the schema's owned nouns, each with its types
	// (ownedPlaceRules).
	owned map[string][]string
	// orgObjectTypes are the relation types whose subjects are people
	// and whose object may be an organization but never a place
	// (WORKS_FOR), and orgObjectPhrases their phrases' words: what follows
	// such a phrase, or owns such a role noun, is an organization
	// (resolve.go, orgPhraseBefore, orgRoleAfter).
	orgObjectTypes   map[string]bool
	orgObjectPhrases [][]string
}

// actNounTypes are the relation types besides the accusatory ones whose
// trigger verbs' bases also name the act as a noun, read with its agent
// ("the UK's support for Iraq", "ISIS's control of Mosul"). Roles such as
// "head" and "lead" are left out: "Hamas's head of security" leads no
// security.
var actNounTypes = map[string]bool{"OPPOSES": true, "ALLIED_WITH": true, "CONTROLS": true}

// addForms adds the forms of words (verbs as in a schema's verbs) to
// (*sets)[typ], making the maps as needed; no words add nothing.
func addForms(sets *map[string]map[string]bool, typ string, words []string) {
	for _, w := range words {
		if *sets == nil {
			*sets = map[string]map[string]bool{}
		}
		if (*sets)[typ] == nil {
			(*sets)[typ] = map[string]bool{}
		}
		for _, f := range inflect(strings.ToLower(w)) {
			(*sets)[typ][f.form] = true
		}
	}
}

// orgObjectType reports whether relation type rt has people alone for
// subjects and an object that may be an organization but never a place
// ("works for"; not "part of", which places and states take too).
func orgObjectType(s *schemas.Schema, rt schemas.RelationType) bool {
	r := s.Roles
	if len(r.Organizations) == 0 || len(rt.Subject) == 0 || !s.AllowsObject(rt.Name, r.Organizations[0]) || s.AllowsObject(rt.Name, r.Place) {
		return false
	}
	for _, t := range rt.Subject {
		if !s.Is(t, r.Person) {
			return false
		}
	}
	return true
}

func newRuleSet(s *schemas.Schema, lang *wordLists) *ruleSet {
	rs := &ruleSet{s: s, verbs: map[string][]verbTrigger{}, preps: map[string][]string{}, person: map[string]bool{}, events: map[string]string{}, accusationStems: accusationStems(s)}
	for _, n := range lang.extraPersonNouns {
		rs.person[n] = true
	}
	for _, rt := range s.RelationTypes {
		if orgObjectType(s, rt) {
			if rs.orgObjectTypes == nil {
				rs.orgObjectTypes = map[string]bool{}
			}
			rs.orgObjectTypes[rt.Name] = true
			for _, p := range rt.Phrases {
				rs.orgObjectPhrases = append(rs.orgObjectPhrases, strings.Fields(strings.ToLower(p)))
			}
		}
		if rt.NotAcrossVerbs {
			if rs.notAcrossVerbs == nil {
				rs.notAcrossVerbs, rs.ownWords = map[string]bool{}, map[string]map[string]bool{}
			}
			rs.notAcrossVerbs[rt.Name] = true
			own := map[string]bool{}
			for _, v := range rt.Verbs {
				for _, f := range inflect(strings.ToLower(v)) {
					own[f.form] = true
				}
			}
			for _, p := range rt.Phrases {
				for _, w := range lang.words(p, lower) {
					own[w] = true
				}
			}
			rs.ownWords[rt.Name] = own
		}
		addForms(&rs.pathWords, rt.Name, rt.PathWords)
		for _, w := range rt.Acts {
			w = strings.ToLower(w)
			for _, f := range []string{w, w + "s"} {
				if _, taken := rs.events[f]; !taken {
					rs.events[f] = rt.Name
				}
			}
		}
		for _, w := range rt.Owned {
			if rs.owned == nil {
				rs.owned = map[string][]string{}
			}
			w = strings.ToLower(w)
			rs.owned[w] = append(rs.owned[w], rt.Name)
		}
		for _, w := range rt.InverseActs {
			if rs.inverseEvents == nil {
				rs.inverseEvents = map[string]string{}
			}
			rs.inverseEvents[strings.ToLower(w)] = rt.Name
		}
		addForms(&rs.notOnPath, rt.Name, rt.NotOnPath)
		for _, v := range rt.Verbs {
			v = strings.ToLower(v) // a schema may write "Kill"; text is matched lowercased
			base := strings.Split(v, "|")[0]
			for _, f := range inflect(v) {
				rs.verbs[f.form] = append(rs.verbs[f.form], verbTrigger{rel: rt.Name, base: base, participle: f.participle})
				if accusatory[rt.Name] && (f.form == base || strings.HasSuffix(f.form, "ing")) {
					rs.events[f.form] = rt.Name
				}
			}
			if accusatory[rt.Name] {
				rs.events[base+"s"] = rt.Name
			} else if actNounTypes[rt.Name] {
				// "its support for", "the army's capture of", "their
				// fight against": the verb's base names its act where
				// it is tagged a noun (never "oppose", "seize"); so does
				// its -ing form ("the retaking of Tikrit by Iraqi forces").
				for _, f := range inflect(v) {
					if f.form != base && !strings.HasSuffix(f.form, "ing") {
						continue
					}
					if _, taken := rs.events[f.form]; !taken {
						rs.events[f.form] = rt.Name
					}
				}
			}
		}
		addPhrase := func(p string, mutual, inverse bool) {
			ws := lang.words(p, lower)
			n := &rs.phrases
			for _, w := range ws {
				if n.next == nil {
					n.next = map[string]*trie[[]phraseTrigger]{}
				}
				if n.next[w] == nil {
					n.next[w] = &trie[[]phraseTrigger]{}
				}
				n = n.next[w]
			}
			n.val = append(n.val, phraseTrigger{rel: rt.Name, phrase: p, mutual: mutual, inverse: inverse})
			n.ok = true
		}
		for _, p := range rt.Phrases {
			addPhrase(p, false, false)
		}
		for _, p := range rt.Mutual {
			addPhrase(p, true, false)
		}
		for _, p := range rt.Inverse {
			addPhrase(p, false, true)
		}
		personOnly := len(rt.Subject) > 0
		for _, t := range rt.Subject {
			personOnly = personOnly && s.Is(t, s.Roles.Person)
		}
		for _, n := range rt.Nouns {
			rs.nouns.insert(lang.words(n, lower), rt.Name)
			if personOnly {
				ws := strings.Fields(strings.ToLower(n))
				rs.person[ws[len(ws)-1]] = true
			}
		}
		for _, p := range rt.Preps {
			p = strings.ToLower(p)
			rs.preps[p] = append(rs.preps[p], rt.Name)
		}
	}
	return rs
}

func (rs *ruleSet) personNoun(w string) bool { return rs.person[w] }

type form struct {
	form       string
	participle bool
}

// inflect derives the forms of a verb given as "base" or "base|past|participle".
func inflect(v string) []form {
	parts := strings.Split(v, "|")
	base := parts[0]
	var past, part string
	if len(parts) == 3 {
		past, part = parts[1], parts[2]
	}
	stem := base
	cons := func(b byte) bool { return !strings.ContainsRune("aeiou", rune(b)) }
	n := len(base)
	switch {
	case strings.HasSuffix(base, "e") && !strings.HasSuffix(base, "ee"):
		stem = base[:n-1]
	case n >= 2 && base[n-1] == 'y' && cons(base[n-2]):
		stem = base[:n-1] + "i"
	case n >= 3 && n <= 4 && cons(base[n-1]) && !cons(base[n-2]) && cons(base[n-3]) && strings.ContainsRune("bdgmnpt", rune(base[n-1])):
		stem = base + base[n-1:] // stab -> stabbed
	}
	third := base + "s"
	switch {
	case strings.HasSuffix(base, "s") || strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "ch") || strings.HasSuffix(base, "x") || strings.HasSuffix(base, "z"):
		third = base + "es"
	case n >= 2 && base[n-1] == 'y' && cons(base[n-2]):
		third = base[:n-1] + "ies"
	}
	ing := stem + "ing"
	if strings.HasSuffix(stem, "i") {
		ing = base + "ing"
	}
	if past == "" {
		ed := stem + "ed"
		if strings.HasSuffix(base, "e") {
			ed = base + "d"
		}
		past, part = ed, ed
	}
	out := []form{{base, false}, {third, false}, {ing, false}, {past, past == part}}
	if part != past {
		out = append(out, form{part, true})
	}
	return out
}

// anyPathWord reports whether w is one of any type's path_words ("born").
func (rs *ruleSet) anyPathWord(w string) bool {
	for _, words := range rs.pathWords {
		if words[w] {
			return true
		}
	}
	return false
}

// supports reports whether w is a form of a verb of the ALLIED_WITH type or
// the act noun one names ("support", "backing"): who is supported in a
// fight is the one who fights (clause.supportedAgents).
func (rs *ruleSet) supports(w string) bool {
	for _, v := range rs.verbs[w] {
		if v.rel == allyType {
			return true
		}
	}
	return rs.events[w] == allyType
}

// allyType is the relation type whose words say one side supports another.
const allyType = "ALLIED_WITH"

// verbOf reports whether w is a form of a verb of one of these types.
func (rs *ruleSet) verbOf(w string, types ...string) bool {
	for _, t := range rs.verbs[w] {
		if slices.Contains(types, t.rel) {
			return true
		}
	}
	return false
}
