// The assertion stage: whether the text states a relation as a fact, reports
// it as an accusation, denies it, or only plans, threatens or supposes it.

package extract

import (
	"slices"
	"strings"

	"github.com/kg/kg/schemas"
)

// Assertion values of a Relation.
const (
	// Asserted: the text states it ("ISIS-K attacked the airport").
	Asserted = "asserted"
	// Alleged: the text reports an accusation or a suspicion ("Berg was
	// charged with killing Ek", "the group allegedly attacked").
	Alleged = "alleged"
	// Negated: the text denies it ("the army did not attack", "denied
	// killing").
	Negated = "negated"
	// Hypothetical: a plan, a threat, a possibility or a condition ("plans
	// to attack", "would hunt down", "if Russia invades").
	Hypothetical = "hypothetical"
)

// InGraph reports whether a relation with this assertion reaches the graph:
// what the text states, and what it alleges, which the stores mark as
// alleged (an edge no article asserts is alleged). What the text denies,
// plans, threatens or supposes stays out; kg extract shows it.
func InGraph(r Relation) bool {
	switch r.Assertion {
	case Negated, Hypothetical:
		return false
	}
	return true
}

// accusatory are the relation types that accuse their subject.
var accusatory = setOf("KILLED", "ATTACKED", "TARGETS")

// ForGraph returns the extraction with only the relations that reach the
// graph (see InGraph); ex itself is not changed.
func (ex *Extraction) ForGraph() *Extraction {
	keep := make([]Relation, 0, len(ex.Relations))
	for _, r := range ex.Relations {
		if InGraph(r) {
			keep = append(keep, r)
		}
	}
	out := *ex
	out.Relations = keep
	return &out
}

// The cue words are the language file's assertion lists (negation,
// hypothetical, hypothetical_verbs, intent, allegation, charges), compared
// lower-cased; intent ("committed to") makes only KILLED, ATTACKED and
// TARGETS hypothetical. A
// cue counts when it stands between the relation's two arguments, or
// before the first of them in the same clause (back to a comma, semicolon,
// colon or dash, at most assertionReach tokens): "X did not attack Y", "X
// denied attacking Y", "Police suspect X killed Y", "If X attacks Y".

// assertionReach is how far before a relation's first argument a cue is read.
const assertionReach = 8

// assertion reads how the sentence states relation r. A relation the
// article implies rather than states (what containment implies, what the
// place lists say of two places it names) has no words of its own to read:
// it stands as asserted, its steps having been.
func (x *Extractor) assertion(a *analysis, r relation) string {
	if strings.HasPrefix(r.rule, "known/") || strings.HasPrefix(r.rule, "inferred/") {
		return Asserted
	}
	s := a.sents[r.sent]
	lo, hi := min(r.subj.first, r.obj.first), max(r.subj.last, r.obj.last)
	from := lo
	for from > s.First && lo-from < assertionReach {
		switch a.toks[from-1].Text {
		case ",", ";", ":", "—", "–", "--", "(":
			goto read
		}
		from--
	}
read:
	// The cue words between from and hi: a relation inferred across
	// sentences (inferContainment) may span a long stretch of the text, and
	// cues are rare.
	cues, at := a.assertionCues(x.lang)
	neg, hyp, alleged := false, false, false
	for k, _ := slices.BinarySearch(at, int32(from)); k < len(at) && int(at[k]) < hi && int(at[k]) < s.Last; k++ {
		i := int(at[k])
		c := cues[i]
		if inSpan(i, r.subj) || inSpan(i, r.obj) {
			continue
		}
		// Cues are written in lowercase; a capital opens only "If" or
		// "Unless" at a sentence's start ("May" is a month, "Will" a name).
		if c&cueLower == 0 && !(i == s.First && c&cueOpener != 0) {
			continue
		}
		switch {
		case c&cueNegation != 0:
			neg = true
		case c&cueHypothetical != 0:
			hyp = true
		case c&cueHypotheticalVerb != 0 && i+1 < s.Last && a.low[i+1] == "to":
			hyp = true
		case c&cueIntent != 0 && (accusatory[r.typ] || r.typ == x.roles.Leads || r.typ == x.roles.Member) && i+1 < s.Last && a.low[i+1] == "to":
			hyp = true
		case c&cueAllegation != 0, c&cueCharge != 0 && !x.placesOnly(r.typ):
			alleged = true
		}
	}
	if !neg && strings.HasPrefix(r.rule, "event-noun/") {
		neg = x.actDenied(a, r)
	}
	if !neg {
		neg = x.deniedByParse(a, r) || x.clearedByParse(a, r) || x.endedByParse(a, r) || x.noEvidence(a, r, lo)
	}
	if !hyp {
		// A yes-no question (opening with its auxiliary: "Will Iran
		// attack Israel?") asserts nothing; "Why did Hamas attack Israel?"
		// takes the attack for granted.
		hyp = x.plannedByParse(a, r) || advisedAgainst(a, r) || a.toks[s.Last-1].Text == "?" && a.toks[s.First].UPOS == "AUX" || x.invertedCondition(a, s, hi)
	}
	if !alleged && accusatory[r.typ] {
		alleged = x.accusedBy(a, r)
	}
	if !alleged && !x.placesOnly(r.typ) {
		alleged = x.claimedClause(a, r, lo, hi) || x.reportedPassive(a, r)
	}
	switch {
	case neg:
		return Negated
	case hyp:
		return Hypothetical
	case alleged:
		return Alleged
	}
	return Asserted
}

// accusedBy reports whether an accusation's act is what accusers say, in
// the language file's sense (prosecutors, police, an indictment): the verb
// both names hang from is the clause a verb of saying reports, whose
// subject is one ("Prosecutors say Ek shot Obi", "Police said the man
// stabbed two guards"), or the sentence has "according to" one. A court's
// case is an allegation until it rules (at extraction).
func (x *Extractor) accusedBy(a *analysis, r relation) bool {
	if a.gold {
		return false
	}
	toks := a.toks
	s := a.sents[r.sent]
	for k := s.First; k+2 < s.Last; k++ {
		if a.low[k] == "according" && a.low[k+1] == "to" {
			for j := k + 2; j < s.Last && j < k+5; j++ {
				if x.lang.accusers[a.low[j]] {
					return true
				}
			}
		}
	}
	v := actVerb(toks, r)
	if v < 0 {
		v = phraseVerb(toks, r.subj)
	}
	for step := 0; step < 3 && v >= s.First && v < s.Last; step++ {
		h := toks[v].Head
		if h < s.First || h >= s.Last {
			return false
		}
		if isRel(toks[v].Rel, "ccomp") && x.lang.beliefVerbs[a.low[h]] && toks[h].UPOS == "VERB" {
			return true
		}
		if (isRel(toks[v].Rel, "ccomp") || isRel(toks[v].Rel, "parataxis")) && x.lang.reportVerbs[a.low[h]] {
			for j := s.First; j < s.Last; j++ {
				if toks[j].Head == h && isRel(toks[j].Rel, "nsubj") && x.lang.accusers[a.low[j]] {
					return true
				}
			}
			return false
		}
		if !isRel(toks[v].Rel, "conj") && !isRel(toks[v].Rel, "xcomp") {
			return false
		}
		v = h
	}
	return false
}

// claimedClause reports whether relation r (its words from lo to hi) is
// read in what a noun of assertion.claims or assertion.evidence_nouns says
// ("Police have evidence that Karl Ek killed Anna Berg"; with "no" before
// it, noEvidence denies it): its clause opened by
// "that" ("Rumours that the Nordland Front killed Karl Ek spread";
// "claims by Norway that ..."), in the parse or, where the parse hangs the
// clause elsewhere, right after the noun with no comma before the
// relation's words; or a clause the noun names after a comma at its end
// ("Sweden said Norway attacked Kiruna, a claim Oslo denied"), unless the
// noun says it ("..., the report said" attributes, as "officials said"
// does), or a word of assertion.confirmations governs it ("The UN
// confirmed reports that"). "report" is such a noun only as a noun
// ("Reuters reports that" is speech).
func (x *Extractor) claimedClause(a *analysis, r relation, lo, hi int) bool {
	if a.gold {
		return false
	}
	toks := a.toks
	s := a.sents[r.sent]
	claim := func(k int) bool {
		if k < s.First || k >= s.Last || !x.lang.claimNouns[a.low[k]] && !x.lang.evidenceNouns[a.low[k]] {
			return false
		}
		if toks[k].UPOS != "NOUN" && strings.HasPrefix(a.low[k], "report") {
			return false
		}
		// A claim confirmed is stated ("The UN confirmed reports that").
		if h := toks[k].Head; h >= s.First && h < s.Last && x.lang.confirmations[a.low[h]] {
			return false
		}
		for j := k - 1; j >= s.First && j >= k-3; j-- {
			if x.lang.confirmations[a.low[j]] {
				return false
			}
		}
		return true
	}
	// In the parse: the verb the names hang from is a clause of the noun.
	if v := actVerb(toks, r); v >= 0 {
		for k, step := v, 0; step < 3 && toks[k].Head >= s.First; step++ {
			rel := strings.SplitN(toks[k].Rel, ":", 2)[0]
			if rel != "ccomp" && rel != "acl" && rel != "conj" {
				break
			}
			k = toks[k].Head
			if claim(k) && rel != "conj" {
				return toks[k].Rel != "acl:relcl"
			}
		}
	}
	// In the words: "that" right after the noun, no comma up to the names.
	for j := lo - 1; j > s.First; j-- {
		w := a.low[j]
		if w == "," || w == ";" || w == ":" || w == "." {
			break
		}
		if w == "that" && claim(j-1) {
			return true
		}
	}
	// After the names: ", a claim ...".
	for j := hi; j+2 < s.Last; j++ {
		if a.low[j] == "," && (a.low[j+1] == "a" || a.low[j+1] == "an" || a.low[j+1] == "the") && claim(j+2) && (j+3 >= s.Last || !x.lang.reportVerbs[a.low[j+3]]) {
			return true
		}
	}
	return false
}

// deniedByParse reports whether the verb both names of r hang from is
// denied by a word of assertion.denials that governs it in the parse, up
// to four steps up and never through a coordination ("Pakistan rejected
// claims that it attacked Afghanistan", "Reports that Rwanda attacked Goma
// were denied by Kigali", "It is false that Ukraine attacked Belgorod"), or
// whose subject that word determines ("No Israeli aircraft attacked Syrian
// positions").
func (x *Extractor) deniedByParse(a *analysis, r relation) bool {
	toks := a.toks
	if !a.gold && x.deniedSubject(a, r) {
		return true
	}
	v := actVerb(toks, r)
	if v < 0 {
		return false
	}
	s := a.sents[r.sent]
	if n := childWith(toks, s, v, "nsubj"); n >= 0 {
		if d := childWith(toks, s, n, "det"); d >= 0 && x.lang.denials[a.low[d]] {
			return true
		}
	}
	if !a.gold && x.contentClauseDenied(a, s, v) {
		return true
	}
	// Up through complements and the nouns that hold a claim, never
	// through a coordination, an adverbial clause or a verb of speech:
	// "Israel rejected calls for a ceasefire, saying Hamas had attacked
	// Israel first" reports the attack.
	// Nor out of a relative clause on a name, nor from a verb's active
	// subject: what they say is of the one who denies ("Karl Ek, who met Nordland Front
	// leader Lars Holm, denied any ties to the group").
	for k, step := v, 0; step < 4 && toks[k].Head >= s.First; step++ {
		switch strings.SplitN(toks[k].Rel, ":", 2)[0] {
		case "ccomp", "csubj", "acl", "nsubj", "obj", "nmod", "obl":
		default:
			return false
		}
		if toks[k].Rel == "acl:relcl" && toks[toks[k].Head].UPOS == "PROPN" || toks[k].Rel == "nsubj" && toks[toks[k].Head].UPOS == "VERB" {
			return false
		}
		k = toks[k].Head
		if x.lang.denials[a.low[k]] || x.phrasalDenial(a, s, k) {
			return true
		}
		// "There is no evidence that ...": a noun of evidence that "no"
		// or "little" determines (at extraction only).
		if !a.gold && x.lang.evidenceNouns[a.low[k]] {
			if d := childWith(toks, s, k, "det"); d >= 0 && (a.low[d] == "no" || a.low[d] == "little") {
				return true
			}
			if d := childWith(toks, s, k, "amod"); d >= 0 && a.low[d] == "little" {
				return true
			}
		}
		if toks[k].UPOS == "VERB" && (x.lang.speechVerbs[a.low[k]] || x.lang.reportVerbs[a.low[k]]) {
			return false
		}
	}
	return false
}

// deniedSubject reports whether a determiner of denial opens the noun
// phrase that holds r's subject, right before the verb that joins r's
// names: "No Norwegian aircraft attacked Swedish positions" denies the
// attack, whatever the parse makes of the verb (a reduced relative's
// participle). At extraction only.
func (x *Extractor) deniedSubject(a *analysis, r relation) bool {
	toks := a.toks
	s := a.sents[r.sent]
	if r.subj.last > r.obj.first {
		return false
	}
	j := r.subj.first - 1
	for j >= s.First && strings.HasPrefix(toks[j].Tag, "JJ") {
		j--
	}
	if j < s.First || toks[j].Tag != "DT" || !x.lang.denials[a.low[j]] {
		return false
	}
	// The phrase's nouns, then the verb group, then the object's words.
	k := r.subj.last
	for k < r.obj.first && (toks[k].Tag == "NN" || toks[k].Tag == "NNS") && a.byToken[k] < 0 {
		k++
	}
	verb := false
	for ; k < r.obj.first && (strings.HasPrefix(toks[k].Tag, "VB") || toks[k].Tag == "MD" || strings.HasPrefix(toks[k].Tag, "RB")); k++ {
		verb = verb || strings.HasPrefix(toks[k].Tag, "VB")
	}
	for ; k < r.obj.first; k++ {
		if t := toks[k].Tag; t != "DT" && !strings.HasPrefix(t, "JJ") && t != "IN" && t != "PRP$" {
			return false
		}
	}
	return verb
}

// contentClauseDenied reports whether verb v heads a clause that "that"
// opens after a noun of assertion.claims, and the finite verb group after
// the clause, which is that noun's predicate whatever the parse attaches it
// to, holds a word of assertion.denials: "Reports that Norway attacked
// Kiruna were denied by Oslo". The clause ends at the first finite verb
// after v; a comma, a conjunction or a word that opens another clause
// before it ends the search.
func (x *Extractor) contentClauseDenied(a *analysis, s Sentence, v int) bool {
	toks := a.toks
	m := childWith(toks, s, v, "mark")
	if m <= s.First || m > v || a.low[m] != "that" || toks[m-1].UPOS != "NOUN" || !x.lang.claimNouns[a.low[m-1]] {
		return false
	}
	for j := v + 1; j < s.Last; j++ {
		w := a.low[j]
		if w == "," || w == ";" || w == ":" || x.lang.clauseJoiners[w] || x.lang.relPronouns[w] || toks[j].UPOS == "SCONJ" || x.lang.subordinators[w] {
			return false
		}
		if !finiteVerb(toks[j].Tag) {
			continue
		}
		for q := j; q < s.Last && q < j+4; q++ {
			if x.lang.denials[a.low[q]] {
				return true
			}
			if q > j && !strings.HasPrefix(toks[q].Tag, "VB") && !strings.HasPrefix(toks[q].Tag, "RB") && !strings.HasPrefix(toks[q].Tag, "JJ") {
				break
			}
		}
		return false
	}
	return false
}

// noEvidence reports whether relation r, its words from lo on, is read in
// a clause that "that" opens right after a noun of assertion.evidence_nouns
// with "no" or "little" before it, however the parse hangs the clause:
// "Officials found no sign that the Nordland Front killed Karl Ek" (at
// extraction only).
func (x *Extractor) noEvidence(a *analysis, r relation, lo int) bool {
	if a.gold {
		return false
	}
	s := a.sents[r.sent]
	for j := lo - 1; j > s.First+1; j-- {
		switch a.low[j] {
		case ",", ";", ":":
			return false
		case "that":
			if !x.lang.evidenceNouns[a.low[j-1]] {
				return false
			}
			for d := j - 2; d >= s.First && d >= j-3; d-- {
				if a.low[d] == "no" || a.low[d] == "little" {
					return true
				}
			}
			return false
		}
	}
	return false
}

// phrasalDenial reports whether verb k with its particle is one of
// assertion.phrasal_denials ("ruled out"; at extraction only).
func (x *Extractor) phrasalDenial(a *analysis, s Sentence, k int) bool {
	if a.gold {
		return false
	}
	p := childWith(a.toks, s, k, "compound:prt")
	return p >= 0 && x.lang.phrasalDenials[a.low[k]+" "+a.low[p]]
}

// reportedPassive reports whether the verb both names of r hang from is
// the open complement of a passive participle of
// assertion.reported_passives: "Norway is said to have attacked Kiruna"
// (at extraction only).
func (x *Extractor) reportedPassive(a *analysis, r relation) bool {
	// The subject hangs from the participle ("Norway is said"), the
	// object from the complement's verb.
	v := phraseVerb(a.toks, r.obj)
	if a.gold || v < 0 || a.toks[v].UPOS != "VERB" || !isRel(a.toks[v].Rel, "xcomp") {
		return false
	}
	s := a.sents[r.sent]
	h := a.toks[v].Head
	return h >= s.First && h < s.Last && x.lang.reportedPassives[a.low[h]] && childWith(a.toks, s, h, "aux:pass") >= 0
}

// clearedByParse reports whether the act r was read off is what a word of
// assertion.exonerations clears someone of, in its own "of" or "in"
// phrase: the act's verb there ("Ek was acquitted of killing Berg") or the
// act's noun ("cleared of the murder of Berg", "exonerated in the killing
// of Berg"); or whether a charge or conviction (assertion.charges,
// assertion.convictions) that a word of assertion.false_charge modifies
// governs the act ("was wrongly convicted of killing Berg"). "Sweden
// mistakenly attacked Bergen" is still an attack, and "cleared in a ruling
// that found Holm killed Berg" clears someone else.
func (x *Extractor) clearedByParse(a *analysis, r relation) bool {
	toks := a.toks
	s := a.sents[r.sent]
	v := phraseVerb(toks, r.obj)
	if v < s.First || v >= s.Last {
		return false
	}
	ofIn := func(k int) bool {
		for j := s.First; j < s.Last; j++ {
			if toks[j].Head == k && (toks[j].Rel == "mark" || toks[j].Rel == "case") && (a.low[j] == "of" || a.low[j] == "in") {
				return true
			}
		}
		return false
	}
	// The phrase of the cleared one: the parser may hang "of" from the
	// word's object ("The court acquitted Ek of the murder of Berg"), not
	// from the word.
	clearedBy := func(h int) bool {
		if h < s.First || h >= s.Last {
			return false
		}
		if x.lang.exonerations[a.low[h]] {
			return true
		}
		g := toks[h].Head
		return toks[h].Rel == "obj" && g >= s.First && g < s.Last && x.lang.exonerations[a.low[g]]
	}
	if x.lang.exonerations[a.low[v]] {
		// The object hangs from an act's noun in the word's phrase.
		for h, step := spanHead(toks, r.obj), 0; step < 4 && h >= s.First && h != v; h, step = toks[h].Head, step+1 {
			if x.rules.events[a.low[h]] == r.typ && ofIn(h) && (toks[h].Head == v || toks[h].Head != h && clearedBy(toks[h].Head) && !x.lang.exonerations[a.low[toks[h].Head]]) {
				return true
			}
		}
		return false
	}
	if clearedBy(toks[v].Head) && ofIn(v) {
		return true
	}
	for k, step := v, 0; step < 2 && toks[k].Head >= s.First; step++ {
		h := toks[k].Head
		if x.lang.chargeCues[a.low[h]] || x.lang.allegationCues[a.low[h]] || x.lang.convictions[a.low[h]] {
			for j := s.First; j < s.Last; j++ {
				if toks[j].Head == h && toks[j].Rel == "advmod" && x.lang.falseCharge[a.low[j]] {
					return true
				}
			}
		}
		k = h
	}
	return false
}

// endedByParse reports whether what r states is over: a phrase of
// assertion.ended modifies a verb on the parse path between its names
// ("Karl Ek no longer leads the Nordland Front"), or, for an office or a
// membership (roleType), one of assertion.role_ended has for its verb
// what the subject does to the object (leaves: "Karl Ek resigned as head
// of Nordland Bank", "quit the Nordland Front"). A verb of another clause is not read: "Karl Ek, who no longer
// lives in Oslo, leads the Nordland Front" leads it.
func (x *Extractor) endedByParse(a *analysis, r relation) bool {
	s := a.sents[r.sent]
	path := a.relScratch().paths.path(a.toks, spanHead(a.toks, r.subj), spanHead(a.toks, r.obj))
	if len(path) == 0 {
		return false
	}
	if x.stoppedByParse(a, r) {
		return true
	}
	role := x.roleType(a, r)
	for i := s.First; i < s.Last; i++ {
		for _, ph := range x.lang.ended {
			if matchWords(a.toks[:s.Last], i, ph) && slices.Contains(path, a.toks[i+len(ph)-1].Head) {
				return true
			}
		}
		if !role {
			continue
		}
		for _, ph := range x.lang.roleEnded {
			if matchWords(a.toks[:s.Last], i, ph) && x.leaves(a, r, x.phraseVerbAt(a, s, i, len(ph))) {
				return true
			}
		}
	}
	return false
}

// leaves reports whether verb v is what the subject of r does to its
// object: the object's phrase hangs from v ("quit the Nordland Front",
// "resigned as head of Nordland Bank") and the subject is v's, or the
// name its relative clause describes, or the subject of the verb it is
// coordinated with ("joined the Front and later quit it"). "Karl Ek left
// Oslo and joined the Front" leaves Oslo, not the Front.
func (x *Extractor) leaves(a *analysis, r relation, v int) bool {
	toks := a.toks
	if v < 0 || phraseVerb(toks, r.obj) != v {
		return false
	}
	sv := phraseVerb(toks, r.subj)
	if sv == v || isRel(toks[v].Rel, "acl") && inSpan(toks[v].Head, r.subj) {
		return true
	}
	return toks[v].Rel == "conj" && sv == toks[v].Head && childWith(toks, a.sents[r.sent], v, "nsubj") < 0
}

// phraseVerbAt returns the verb of the n words at i: the first of them
// that is a verb ("resigned as", "was expelled from": "expelled"), or -1.
func (x *Extractor) phraseVerbAt(a *analysis, s Sentence, i, n int) int {
	for k := i; k < i+n && k < s.Last; k++ {
		if strings.HasPrefix(a.toks[k].Tag, "VB") && !x.lang.beForms[a.low[k]] {
			return k
		}
	}
	return -1
}

// roleType reports whether r states an office or a membership: a person
// (or a body) in an organization, by a type with role nouns that is no
// accusation (LEADS, MEMBER_OF, WORKS_FOR).
func (x *Extractor) roleType(a *analysis, r relation) bool {
	rt, ok := x.schema.Relation(r.typ)
	return ok && len(rt.Nouns) > 0 && !accusatory[r.typ] && x.isOrganization(a.entities[r.obj.ent].typ)
}

// plannedByParse reports whether the verb both names of r hang from is an
// infinitive ("to attack") that a verb of hypothetical_verbs governs in the
// parse, up to three steps up through complements and never through a
// coordination: "Al-Shabaab vowed on Monday to attack Kenya", where the
// words between keep "vowed" from standing just before "to".
func (x *Extractor) plannedByParse(a *analysis, r relation) bool {
	toks := a.toks
	v := phraseVerb(toks, r.obj)
	if v < 0 || toks[v].UPOS != "VERB" {
		return false
	}
	s := a.sents[r.sent]
	if m := childWith(toks, s, v, "mark"); m < 0 || a.low[m] != "to" {
		return false
	}
	for k, step := v, 0; step < 3 && toks[k].Head >= s.First; step++ {
		switch toks[k].Rel {
		case "xcomp", "ccomp", "advcl", "acl":
		default:
			return false
		}
		k = toks[k].Head
		if x.lang.hypotheticalVerbs[a.low[k]] {
			return true
		}
	}
	return false
}

// invertedCondition reports whether sentence s opens with an auxiliary of
// assertion.inversions before its subject ("Had Russia attacked Finland,
// NATO would have responded") and the relation ending at token hi lies
// in that condition, before its first comma.
func (x *Extractor) invertedCondition(a *analysis, s Sentence, hi int) bool {
	f := s.First
	if f+1 >= s.Last || !x.lang.inversions[a.low[f]] || !startsUpper(a.toks[f].Text) ||
		a.byToken[f+1] < 0 && !x.lang.determiners[a.low[f+1]] {
		return false
	}
	for k := f + 1; k < hi; k++ {
		if a.toks[k].Text == "," {
			return false
		}
	}
	return true
}

// actVerb returns the verb both names of r hang from in the parse, or -1:
// the verb their noun phrases depend on, a name being the phrase's head or
// a word inside it ("Israeli aircraft", "the first of a list").
func actVerb(toks []Token, r relation) int {
	v := phraseVerb(toks, r.subj)
	if v < 0 || v != phraseVerb(toks, r.obj) || toks[v].UPOS != "VERB" {
		return -1
	}
	return v
}

// stoppedByParse reports whether a verb of assertion.stopped ends what
// relation r says: its object is the act's noun r was read off ("Norway
// ended its support for the Nordland Front"), or its open complement is
// the verb that joins r's names ("Norway stopped supporting the Nordland
// Front"). "asked Norway to stop supporting" is not ended: the list holds
// the forms that say it happened. A state ends; an act that stopped was
// done ("Norway stopped attacking Kiruna" keeps the attack).
func (x *Extractor) stoppedByParse(a *analysis, r relation) bool {
	if accusatory[r.typ] {
		return false // "Norway stopped attacking Kiruna": the attacks were
	}
	toks := a.toks
	s := a.sents[r.sent]
	if noun, ok := strings.CutPrefix(r.rule, "event-noun/"); ok {
		for k := s.First; k < s.Last; k++ {
			if h := toks[k].Head; strings.HasPrefix(a.low[k], noun) && toks[k].Rel == "obj" && h >= s.First && x.lang.stopped[a.low[h]] {
				return true
			}
		}
		return false
	}
	for _, sp := range []span{r.subj, r.obj} {
		if v := phraseVerb(toks, sp); v >= 0 && toks[v].UPOS == "VERB" && (toks[v].Rel == "xcomp" || toks[v].Rel == "obj") {
			if h := toks[v].Head; h >= s.First && x.lang.stopped[a.low[h]] && toks[v].Tag == "VBG" {
				return true
			}
		}
	}
	return false
}

// advisedAgainst reports whether the verb that joins relation r's names is
// a gerund after "against": what one is warned, advised or votes against
// doing is not done ("Sweden warned Norway against supporting the Nordland
// Front").
func advisedAgainst(a *analysis, r relation) bool {
	toks := a.toks
	for _, sp := range []span{r.subj, r.obj} {
		if v := phraseVerb(toks, sp); v > a.sents[r.sent].First && toks[v].Tag == "VBG" && a.low[v-1] == "against" {
			return true
		}
	}
	return false
}

// phraseVerb returns the head of the noun phrase sp is, or is part of:
// the verb (or other word) the phrase depends on, or -1.
func phraseVerb(toks []Token, sp span) int {
	h := spanHead(toks, sp)
	for step := 0; step < 3 && toks[h].Head >= 0 && toks[toks[h].Head].UPOS != "VERB"; step++ {
		switch toks[h].Rel {
		case "conj", "amod", "compound", "nmod", "nmod:poss", "flat", "appos", "nummod":
			h = toks[h].Head
			continue
		}
		return -1
	}
	return toks[h].Head
}

// actDenied reports whether the act noun a relation was read off is the
// subject of a verb that a word of denial modifies: "Tomas Berglund's visit
// to Kenya never took place", "the attack on Bergen did not happen" (the
// cue follows both names, outside the span read above).
func (x *Extractor) actDenied(a *analysis, r relation) bool {
	s := a.sents[r.sent]
	g := a.toks[spanHead(a.toks, r.obj)].Head
	if g < s.First || g >= s.Last || r.rule != "event-noun/"+a.low[g] {
		return false
	}
	v := a.toks[g].Head
	if v < s.First || v >= s.Last || !isRel(a.toks[g].Rel, "nsubj") {
		return false
	}
	for k := v - 4; k <= v+2; k++ {
		if k >= s.First && k < s.Last && a.toks[k].Head == v && x.lang.negationCues[a.low[k]] {
			return true
		}
	}
	return false
}

// What a token's word is to assertion: the cue lists it is in, whether it
// is written in lowercase, whether it is "if" or "unless".
const (
	cueNegation = 1 << iota
	cueHypothetical
	cueHypotheticalVerb
	cueIntent
	cueAllegation
	cueLower
	cueOpener
	cueCharge
	cueAny = cueNegation | cueHypothetical | cueHypotheticalVerb | cueIntent | cueAllegation | cueCharge
)

// assertionCues returns what each token's word is to assertion, looked up
// once an article (assertion reads the words between a relation's names,
// and a long sentence holds many relations), and the tokens that are cues,
// in order.
func (a *analysis) assertionCues(lang *wordLists) ([]uint8, []int32) {
	if a.cues != nil {
		return a.cues, a.cueAt
	}
	lists := []struct {
		words map[string]bool
		bit   uint8
	}{{lang.negationCues, cueNegation}, {lang.hypotheticalCues, cueHypothetical}, {lang.hypotheticalVerbs, cueHypotheticalVerb}, {lang.intentWords, cueIntent}, {lang.allegationCues, cueAllegation}, {lang.chargeCues, cueCharge}}
	a.cues = make([]uint8, len(a.toks))
	for i, w := range a.low {
		var c uint8
		for _, l := range lists {
			if l.words[w] {
				c |= l.bit
			}
		}
		if a.toks[i].Text == w {
			c |= cueLower
		}
		if w == "if" || w == "unless" {
			c |= cueOpener
		}
		a.cues[i] = c
		if c&cueAny != 0 {
			a.cueAt = append(a.cueAt, int32(i))
		}
	}
	return a.cues, a.cueAt
}

func inSpan(i int, s span) bool { return i >= s.first && i < s.last }

// triggerOnPath reports whether the dependency path between a relation's
// two names passes through a word that says a violent act: a verb or noun
// of an accusatory type in the schema ("attacked", "assassin"), a word
// formed on one ("assassination", "bombing", "killings"), the start of one
// of their phrases ("claimed responsibility for the attack on"), or a word
// of shooting ("was shot by", "opened fire"). An accusation that no such
// word joins is two names near an accusing word, not a statement ("Maduro,
// the successor of Hugo Chávez, who died in 2013" says nobody killed
// Chávez). Which act it was is the rule's or the classifier's call: CoNLL04
// calls "Garfield was shot by Guiteau" a killing.
func (x *Extractor) triggerOnPath(a *analysis, r relation) bool {
	path := a.relScratch().paths.path(a.toks, spanHead(a.toks, r.subj), spanHead(a.toks, r.obj))
	if len(path) == 0 {
		return false
	}
	// "the attack on the Rolando Cafe by ETA": the parse may hang the
	// agent on the patient; the act's noun still governs the patient.
	s := a.sents[r.sent]
	if strings.HasPrefix(r.rule, "event-noun/") {
		g := a.toks[spanHead(a.toks, r.obj)].Head
		if g >= 0 && x.rules.events[a.low[g]] == r.typ {
			return true
		}
		// In the words: the act's noun, its preposition and the patient
		// ("The killing of Karl Ek by Anna Berg was filmed"), however the
		// parse hangs the patient (it may take "of" for a clause's mark).
		// At extraction only, as nounBetween.
		if p := r.obj.first - 1; !a.gold && p-1 > s.First && x.lang.prepositions[a.low[p]] && x.rules.events[a.low[p-1]] == r.typ {
			return true
		}
		// "The UK conducted strikes against ISIL": the parse may hang
		// the target on the verb that performs the act, whose object the
		// act's noun is.
		if g >= 0 && x.lang.lightVerbs[a.low[g]] {
			for k := s.First; k < s.Last; k++ {
				if x.lightVerbOf(a, s, k) == g && x.rules.events[a.low[k]] == r.typ {
					return true
				}
			}
		}
	}
	for _, k := range path {
		w := a.low[k]
		if x.lang.shootingWords[w] {
			return true
		}
		// "A Swedish missile hit Bergen": a verb of impact whose subject
		// is a weapon, or one that fires a weapon at the object (weaponRules).
		if (x.lang.impactVerbs[w] || x.lang.firingVerbs[w]) && strings.HasPrefix(r.rule, "weapon/") {
			return true
		}
		for _, t := range x.rules.verbs[w] {
			if accusatory[t.rel] {
				return true
			}
		}
		if rel, n := x.rules.nouns.longest(a.toks, k, s.Last, lower); n > 0 && accusatory[rel] {
			return true
		}
		if ts, n := x.rules.phrases.longest(a.toks, k, s.Last, lower); n > 0 {
			for _, t := range ts {
				if accusatory[t.rel] {
					return true
				}
			}
		}
		for _, stem := range x.rules.accusationStems {
			if strings.HasPrefix(w, stem) {
				return true
			}
		}
	}
	return false
}

// accusationStems are the stems of the accusatory types' verbs, four
// letters or more ("assassinat", "bomb", "kill").
func accusationStems(s *schemas.Schema) []string {
	var out []string
	for _, rt := range s.RelationTypes {
		if !accusatory[rt.Name] {
			continue
		}
		for _, v := range rt.Verbs {
			stem := strings.TrimSuffix(strings.ToLower(strings.Split(v, "|")[0]), "e")
			if len(stem) >= 4 {
				out = append(out, stem)
			}
		}
	}
	return out
}

// placesOnly reports whether relation type typ has only places for
// objects (LOCATED_IN, BASED_IN, LIVES_IN): where something is, which no
// one is charged with.
func (x *Extractor) placesOnly(typ string) bool {
	rt, ok := x.schema.Relation(typ)
	if !ok || len(rt.Object) == 0 {
		return false
	}
	for _, t := range rt.Object {
		if !x.isPlace(t) {
			return false
		}
	}
	return true
}
