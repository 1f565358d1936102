// The reference stage: pronouns and "the group"-style phrases, resolved to
// the most salient entity named before them, and each sentence's list of
// entity spans, computed once per article for the relation stage.

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// resolveReferences lists every sentence's entity spans, references
// resolved, into a.sentSpans.
func (x *Extractor) resolveReferences(a *analysis) {
	a.described = x.lang.describedBy(a)
	a.sentSpans = make([][]span, len(a.sents))
	titled := x.titledPeople(a)
	for si := range a.sents {
		a.sentSpans[si] = x.spans(a, titled, si)
	}
}

// nonStateDemonym reports whether demonym m modifies a noun of people who
// are not its state's (clauses.non_state_people): "Syrian rebels", "the
// moderate Syrian opposition", "Kurdish rebel groups"; or is joined by a
// hyphen to a word that makes it describe a thing ("Liberian-flagged"). Such a demonym is the
// people's nationality, no party to what they do or suffer: no subject or
// object of a predicate (argLeft, argsRight), though still a nationality
// ("Syrian rebel leader Abu Omar").
func (x *Extractor) nonStateDemonym(a *analysis, s Sentence, m mention) bool {
	// "a Liberian-flagged tanker", "a Russian-owned terminal": a demonym
	// the hyphen joins to a participle only describes the thing.
	if !a.gold && m.Last+1 < s.Last && a.toks[m.Last].Text == "-" && a.toks[m.Last].Start == a.toks[m.Last-1].End && startsLower(a.toks[m.Last+1].Text) &&
		len(x.rules.verbs[a.low[m.Last+1]]) == 0 {
		// (Not a participle of the schema's verbs: the "Saudi-led
		// coalition" is Saudi Arabia's.)
		return true
	}
	h := a.toks[spanHead(a.toks, span{first: m.First, last: m.Last})].Head
	if h < m.Last || h >= s.Last {
		return false
	}
	for k := m.Last; k <= h; k++ {
		if x.lang.nonStatePeople[a.low[k]] {
			return true
		}
	}
	return false
}

// spans lists the entity spans of sentence si in order: its names, and the
// pronouns and "the group"-style phrases resolved to the last salient
// organization or person before them, and "the Foreign Secretary" to the
// person the article gave that title (roleReference).
func (x *Extractor) spans(a *analysis, titled []titledPerson, si int) []span {
	s := a.sents[si]
	var out []span
	for k := s.First; k < s.Last; {
		if mi := a.byToken[k]; mi >= 0 {
			m := a.mentions[mi]
			if m.Entity >= 0 {
				out = append(out, span{first: m.First, last: m.Last, ent: m.Entity, demonym: m.Demonym && !m.Named,
					nonState: m.Demonym && x.nonStateDemonym(a, s, m)})
			}
			k = m.Last
			continue
		}
		w := a.low[k]
		if l, e := x.roleReference(a, titled, s, k); e >= 0 {
			out = append(out, span{first: k, last: l, ent: e, coref: true})
			k = l
			continue
		}
		switch {
		case x.lang.orgPronouns[w]:
			if e := x.actorAntecedent(a, k); e >= 0 {
				out = append(out, span{first: k, last: k + 1, ent: e, coref: true})
			}
		case x.lang.personPronouns[w]:
			if e := x.antecedent(a, k, x.roles.Person); e >= 0 {
				out = append(out, span{first: k, last: k + 1, ent: e, coref: true})
			}
		case x.lang.determiners[w]:
			// "the group", "this particular branch", "the militant group"
			j := k + 1
			for j < s.Last && j < k+3 && a.byToken[j] < 0 && !x.lang.groupNouns[lower(a.toks[j].Text)] && startsLower(a.toks[j].Text) {
				j++
			}
			if j < s.Last && a.byToken[j] < 0 && x.lang.groupNouns[lower(a.toks[j].Text)] && !(j+1 < s.Last && lower(a.toks[j+1].Text) == "of") {
				if e := x.antecedentAs(a, k, lower(a.toks[j].Text), x.roles.Organizations...); e >= 0 {
					out = append(out, span{first: k, last: j + 1, ent: e, coref: true})
					k = j + 1
					continue
				}
			}
			if e := x.headNounAntecedent(a, s, k); e >= 0 {
				out = append(out, span{first: k, last: k + 2, ent: e, coref: true})
				k += 2
				continue
			}
		}
		k++
	}
	return out
}

// headNounAntecedent resolves "the brigade" right after determiner k to
// the organization named shortly before whose name ends in that noun ("The
// Kestrel Brigade attacked Tartu. The brigade's leader, Elena Brandt";
// "the Defence Ministry ... the ministry"), the most salient if several
// do; or returns -1. The noun must end its phrase ("the front line" is no
// front) and not be one a state owns (clauses.state_bodies,
// clauses.armed_forces: "the army" after "the Free Syrian Army" may be the
// state's). At extraction only.
func (x *Extractor) headNounAntecedent(a *analysis, s Sentence, k int) int {
	j := k + 1
	if a.gold || j >= s.Last || a.byToken[j] >= 0 || !startsLower(a.toks[j].Text) || a.toks[j].UPOS != "NOUN" {
		return -1
	}
	noun := a.low[j]
	if x.lang.stateBodies[noun] || x.lang.armedForces[noun] || x.lang.groupNouns[noun] {
		return -1
	}
	if j+1 < s.Last && (a.toks[j+1].UPOS == "NOUN" || a.toks[j+1].UPOS == "PROPN" || a.low[j+1] == "of") {
		return -1
	}
	endsIn := func(m mention) bool {
		n := a.entities[m.Entity].name
		i := strings.LastIndexByte(n, ' ')
		return i > 0 && strings.EqualFold(n[i+1:], noun)
	}
	for _, t := range x.roles.Organizations {
		if e, _ := x.salientFrom(a, k, 0, "", t, endsIn); e >= 0 {
			return e
		}
	}
	return -1
}

// maxLookback bounds how far back a reference looks for its antecedent.
const maxLookback = 120

// antecedent finds the entity a reference at token k stands for: the most
// salient one named within the current and two previous sentences whose type
// is one of types. Types are tried in order (an "its" prefers an organization
// to a group). Salience weighs most how recently the entity was named, then
// whether it stood as a subject rather than after a preposition ("members of
// the Taliban"), then how often the article names it, up to six times: the
// article's topic may outweigh the last sentence's subject by a sentence and
// a half, no more ("ISIS-K claimed ... The group's leader" is ISIS-K's even
// after three mentions of the Taliban).
func (x *Extractor) antecedent(a *analysis, k int, types ...string) int {
	return x.antecedentAs(a, k, "", types...)
}

// describedBonus is the salience an entity gains for "the movement" when the
// article described it as a movement: more than a sentence's recency.
const describedBonus = 4

// antecedentAs is antecedent for a reference by a group noun ("the
// movement"): an entity the article described by that noun gains
// describedBonus.
func (x *Extractor) antecedentAs(a *analysis, k int, noun string, types ...string) int {
	for _, t := range types {
		if best, _ := x.salient(a, k, noun, t); best >= 0 {
			return best
		}
	}
	return -1
}

// actorAntecedent is antecedent for "it", "its" and "they": an organization
// as antecedent finds it, unless, for a singular pronoun, a state (the
// schema's states role) that is the subject of a clause of the pronoun's
// sentence is more salient, or no organization is named in that sentence
// before the pronoun ("Canada reiterated its support", three sentences
// about ISIL before it).
func (x *Extractor) actorAntecedent(a *analysis, k int) int {
	// "Norway accused it of killing": an object pronoun is never the
	// subject of its own verb (that would be "itself").
	other := objectSubject(a, k)
	notOther := func(m mention) bool { return other < 0 || m.Entity != other }
	best, score := -1, -1.0
	for _, t := range x.roles.Organizations {
		if best, score = x.salientFrom(a, k, 0, "", t, notOther); best >= 0 {
			break
		}
	}
	if !x.lang.singularPronouns[a.low[k]] {
		return best // "their" is not a state's
	}
	// Only a state that is the subject of a clause of the pronoun's own
	// sentence: "it" that opens a sentence of a town's article is the
	// town, not its country, and in "U.S. forces eliminated its founding
	// emir" the forces act, not the country.
	floor := a.sents[a.toks[k].Sent].First
	subject := func(m mention) bool {
		return notOther(m) && strings.HasPrefix(a.toks[spanHead(a.toks, span{first: m.First, last: m.Last})].Rel, "nsubj")
	}
	// An organization named only in earlier sentences yields to the state
	// its own sentence is about: "The UK remains steadfast in its support
	// of Iraq", however often the sentences before named ISIL; not where
	// the pronoun names whose act of violence a verb acts on ("Norway
	// condemned its attack"): there an organization named before keeps it.
	inObj := inObject(a, k) && x.actOfViolence(a, k)
	here := false
	for _, t := range x.roles.Organizations {
		if e, _ := x.salientFrom(a, k, floor, "", t, notOther); e >= 0 {
			here = true
			break
		}
	}
	for _, t := range x.roles.States {
		e, sc := x.salientFrom(a, k, floor, "", t, subject)
		if e < 0 || inObj && best >= 0 {
			continue
		}
		if sc > score || !here {
			best, score = e, sc
		}
	}
	return best
}

// actOfViolence reports whether the possessive pronoun at k qualifies a
// noun naming an act the schema's accusatory types are read from ("its
// attack", "their killing"): whose act that is must not be guessed from
// the sentence's subject ("Norway condemned its attack"), while "Estonia
// reiterated its support" is Estonia's.
func (x *Extractor) actOfViolence(a *analysis, k int) bool {
	h := a.toks[k].Head
	if h < 0 || h >= len(a.toks) {
		return false
	}
	rel, ok := x.rules.events[a.low[h]]
	return ok && accusatory[rel]
}

// objectSubject is the entity of the subject of the verb whose object or
// indirect object token k is, or -1.
func objectSubject(a *analysis, k int) int {
	t := a.toks[k]
	if !isRel(t.Rel, "obj") && !isRel(t.Rel, "iobj") {
		return -1
	}
	s := a.sents[t.Sent]
	if t.Head < s.First || t.Head >= s.Last {
		return -1
	}
	if j := childWith(a.toks, s, t.Head, "nsubj"); j >= 0 && a.byToken[j] >= 0 {
		return a.mentions[a.byToken[j]].Entity
	}
	return -1
}

// inObject reports whether token k is in the object of the first verb
// above it: the parse climbs from k to a verb, and the last step is obj or
// iobj ("condemned its attack", "accused it").
func inObject(a *analysis, k int) bool {
	s := a.sents[a.toks[k].Sent]
	for n := 0; n < 12 && k >= s.First && k < s.Last; n++ {
		h := a.toks[k].Head
		if h < s.First || h >= s.Last {
			return false
		}
		if a.toks[h].UPOS == "VERB" {
			return isRel(a.toks[k].Rel, "obj") || isRel(a.toks[k].Rel, "iobj")
		}
		k = h
	}
	return false
}

// salient returns the most salient entity of type t named before token k
// within the lookback, and its salience; -1 when there is none.
func (x *Extractor) salient(a *analysis, k int, noun, t string) (int, float64) {
	return x.salientFrom(a, k, 0, noun, t, nil)
}

// salientFrom is salient among the mentions from token from on that ok
// accepts (all when ok is nil).
//
// A pronoun of one sex takes the most salient entity that agrees with it
// (pronounAgrees); only when none does, one the census gives the other
// sex: the census is American ("Janis Ozols ... He founded" is a Latvian
// man).
func (x *Extractor) salientFrom(a *analysis, k, from int, noun, t string, ok func(mention) bool) (int, float64) {
	if x.unnamedPersonSubject(a, k) {
		return -1, -1
	}
	if best, score := x.salientAmong(a, k, from, noun, t, ok, true); best >= 0 {
		return best, score
	}
	return x.salientAmong(a, k, from, noun, t, ok, false)
}

// unnamedPersonSubject reports whether a person pronoun at token k follows,
// in its sentence, a subject that names a person by a common noun and no
// name ("The 34-year-old, whom police did not name, was detained at his
// apartment", "The man told police that Karl Ek had hit him"): the
// pronoun is that person's, no name's (at extraction only).
func (x *Extractor) unnamedPersonSubject(a *analysis, k int) bool {
	if a.gold || !x.lang.personPronouns[a.low[k]] {
		return false
	}
	toks := a.toks
	s := a.sents[toks[k].Sent]
	for j := s.First; j < k; j++ {
		// The parse's subject, or the noun of "The ..." opening the
		// sentence, which English makes its subject whatever the parse
		// says ("The 41-year-old, whose name was withheld, was found").
		opening := j == s.First+1 && x.lang.determiners[a.low[s.First]]
		if r, _ := utf8.DecodeRuneInString(toks[j].Text); !isRel(toks[j].Rel, "nsubj") && !opening || a.byToken[j] >= 0 || unicode.IsUpper(r) {
			continue
		}
		if opening && j+2 < s.Last && a.low[j+1] == "," && a.byToken[j+2] >= 0 {
			continue // "The suspect, Karl Ek, ..."
		}
		w := a.low[j]
		if !x.rules.personNoun(w) && !strings.HasSuffix(w, "-year-old") {
			continue
		}
		named := false
		for i := s.First; i < s.Last; i++ {
			if a.byToken[i] >= 0 && toks[i].Head == j && (isRel(toks[i].Rel, "appos") || isRel(toks[i].Rel, "compound") || isRel(toks[i].Rel, "flat") || isRel(toks[i].Rel, "nmod")) {
				named = true
				break
			}
		}
		if !named {
			return true
		}
	}
	return false
}

// salientAmong is salientFrom, among the entities that agree with the
// pronoun at k by sex if bySex.
func (x *Extractor) salientAmong(a *analysis, k, from int, noun, t string, ok func(mention) bool, bySex bool) (int, float64) {
	if !bySex && x.pronounSex(a, k) == 0 {
		return -1, -1 // the first search was the whole search
	}
	sent := a.toks[k].Sent
	singular := x.lang.singularPronouns[a.low[k]]
	// Two sentences back, and never more than maxLookback tokens: a text
	// without sentence breaks must not make every pronoun scan all of it.
	floor := max(a.sents[max(0, sent-2)].First, k-maxLookback, from)
	best, bestScore := -1, -1.0
	for j := k - 1; j >= floor; j-- {
		mi := a.byToken[j]
		if mi < 0 {
			continue
		}
		m := a.mentions[mi]
		j = m.First
		if m.Entity < 0 || m.Demonym || !x.schema.IsA(a.entities[m.Entity].typ, t) || ok != nil && !ok(m) || bySex && !x.pronounAgrees(a, k, m.Entity) {
			continue
		}
		if a.sents[a.toks[m.First].Sent].Dateline && !a.gold && !x.isPlace(a.entities[m.Entity].typ) {
			// "KYIV, Ukraine (AP) — Ukraine's air force ..., its commander":
			// a dateline's agency filed the story, it is not what the story
			// is about (its place may be "the city"; at extraction only).
			continue
		}
		if singular && m.Last-m.First == 1 && a.toks[m.First].Tag == "NNPS" {
			// "it" is not "the Avars": a name of one plural word is a
			// people ("the United Nations ... its" stays).
			continue
		}
		score := 2*float64(2-(sent-a.toks[m.First].Sent)) + 0.5*float64(min(len(a.entities[m.Entity].mentions), 6))
		if !x.lang.afterPreposition(a, m) {
			score += 2
		}
		if noun != "" && a.described[m.Entity][noun] {
			score += describedBonus
		}
		if score > bestScore {
			best, bestScore = m.Entity, score
		}
	}
	return best, bestScore
}

// pronounAgrees reports whether the pronoun at token k agrees by sex with
// entity e: "she" with no one whose given name, the first word of its
// name, the census makes plainly a man's, "he" with no woman ("Karl Ek
// worked with Anna Berg for years. She moved to Bergen"). A name of one
// word, or one the census does not settle, agrees with either. At
// extraction only.
func (x *Extractor) pronounAgrees(a *analysis, k, e int) bool {
	want := x.pronounSex(a, k)
	if want == 0 {
		return true
	}
	first, rest, two := strings.Cut(a.entities[e].name, " ")
	if !two || rest == "" {
		return true
	}
	sex := x.lex.sexOf[first]
	return sex == 0 || sex == want
}

// pronounSex is the sex of the pronoun at token k, 'm' or 'f', or 0 for
// another word or in training (at extraction only).
func (x *Extractor) pronounSex(a *analysis, k int) byte {
	switch w := a.low[k]; {
	case a.gold:
		return 0
	case x.lang.malePronouns[w]:
		return 'm'
	case x.lang.femalePronouns[w]:
		return 'f'
	}
	return 0
}

// describedBy finds the group nouns each entity is described by in
// apposition or with "is": "The Houthis, an Iran-aligned movement", "ACLED,
// a monitoring group", "Hamas is a militant group". Up to three words may
// stand between the article and the noun, and no punctuation.
func (w *wordLists) describedBy(a *analysis) map[int]map[string]bool {
	out := map[int]map[string]bool{}
	for _, m := range a.mentions {
		if m.Entity < 0 {
			continue
		}
		s := a.sents[a.toks[m.First].Sent]
		k := m.Last
		if k+1 >= s.Last {
			continue
		}
		// After a comma only "a" or "an": in "members of the Taliban, the
		// group considers" the comma ends a clause, and "the group" is
		// the reference itself.
		switch a.low[k] {
		case ",":
			if a.low[k+1] != "a" && a.low[k+1] != "an" {
				continue
			}
		case "is", "was":
			if a.low[k+1] != "a" && a.low[k+1] != "an" && a.low[k+1] != "the" {
				continue
			}
		default:
			continue
		}
		if j := w.descriptionNoun(a, s, k+2, w.groupNouns); j >= 0 {
			if out[m.Entity] == nil {
				out[m.Entity] = map[string]bool{}
			}
			out[m.Entity][a.low[j]] = true
		}
	}
	return out
}

// descriptionNoun is the index of the first word of set, in lowercase, among
// the four words of a description from token k (after its article), or -1.
// Punctuation and prepositions end the description: "a group, ...", "an
// analyst at Danske Bank".
func (w *wordLists) descriptionNoun(a *analysis, s Sentence, k int, set map[string]bool) int {
	for j := k; j < s.Last && j < k+4; j++ {
		if set[a.low[j]] && startsLower(a.toks[j].Text) {
			return j
		}
		if a.toks[j].Text == "-" && j > 0 && a.toks[j-1].End == a.toks[j].Start {
			continue // "an Iran-aligned movement", split by splitNamePairs
		}
		if r, _ := utf8.DecodeRuneInString(a.toks[j].Text); !unicode.IsLetter(r) && !unicode.IsDigit(r) || w.prepositions[a.low[j]] {
			return -1
		}
	}
	return -1
}

// afterPreposition reports whether a mention is the object of a preposition.
func (w *wordLists) afterPreposition(a *analysis, m mention) bool {
	k := m.First - 1
	if k >= 0 && (lower(a.toks[k].Text) == "the") {
		k--
	}
	return k >= 0 && a.toks[k].Sent == a.toks[m.First].Sent && w.prepositions[lower(a.toks[k].Text)]
}
