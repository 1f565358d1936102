package extract

import (
	"strings"
	"sync"

	"github.com/kg/kg/schemas"
)

// wordLists are the word lists of the schema's language file
// (schemas/english.yaml, or the file its language entry names) as the rules
// read them. Each extractor holds its own, so that two with different files
// do not interfere. The fields keep the names the lists had as Go
// variables; newWordLists names the key each is read from.
type wordLists struct {
	// tokens (token.go)
	abbreviations, placeAbbreviations, titleAbbreviations, sentenceStarters map[string]bool
	// names (mention.go, recognize.go, resolve.go, triggers.go)
	notNames, nameParticles, nameConnectors, weaponContext, organizationNouns map[string]bool
	extraPersonNouns, bareTitles                                              []string
	aliasOpeners                                                              [][]string
	ended, roleEnded                                                          [][]string // assertion.go, endedByParse
	// places (resolve.go, recognize.go, relation.go, rules_adjacency.go, roads.go)
	locativePreps, nearPreps, pathPreps, directions, placeNouns, partOfPlace, amountWords map[string]bool
	// languages (language.go)
	languageNouns, languageVerbs, notLanguageBefore map[string]bool
	// clauses (relation.go, rules_verb.go, rules_noun.go, references.go)
	beForms, auxiliaries, relPronouns, prepositions, partitives, stateBodies, armedForces, pastRoles, deputies, nonStatePeople, considerVerbs map[string]bool
	descriptorNouns, coordinators, listing, clauseJoiners, subordinators, deathVerbs, otherPast                                               map[string]bool
	lightVerbs, impactVerbs, firingVerbs, affiliationVerbs, stopped                                                                           map[string]bool // with their forms
	// speech
	speechVerbs, reportVerbs map[string]bool
	// assertion (assertion.go)
	negationCues, denials, phrasalDenials, evidenceNouns, reportedPassives, exonerations, falseCharge, convictions, inversions, hypotheticalCues, hypotheticalVerbs, intentWords, claimNouns, confirmations, beliefVerbs, accusers, allegationCues, chargeCues, shootingWords map[string]bool
	// references (references.go, roles.go, rules_noun.go, recognize.go)
	orgPronouns, singularPronouns, personPronouns, malePronouns, femalePronouns, groupNouns, determiners, demonstratives map[string]bool
}

// newWordLists makes the sets of a language file. Every key of
// schemas.LanguageKeys is read, each into its field
// (TestBuiltinLanguageIsBefore).
func newWordLists(l *schemas.Language) *wordLists {
	w := &wordLists{}
	for _, s := range []struct {
		key string
		set *map[string]bool
	}{
		{"tokens.abbreviations", &w.abbreviations},
		{"tokens.place_abbreviations", &w.placeAbbreviations},
		{"tokens.title_abbreviations", &w.titleAbbreviations},
		{"tokens.sentence_starters", &w.sentenceStarters},
		{"names.not_names", &w.notNames},
		{"names.particles", &w.nameParticles},
		{"names.connectors", &w.nameConnectors},
		{"names.weapon_context", &w.weaponContext},
		{"names.organization_nouns", &w.organizationNouns},
		{"places.locative_prepositions", &w.locativePreps},
		{"places.near_prepositions", &w.nearPreps},
		{"places.path_prepositions", &w.pathPreps},
		{"places.directions", &w.directions},
		{"places.place_nouns", &w.placeNouns},
		{"places.part_of_place", &w.partOfPlace},
		{"places.amount_words", &w.amountWords},
		{"languages.nouns", &w.languageNouns},
		{"languages.verbs", &w.languageVerbs},
		{"languages.not_before", &w.notLanguageBefore},
		{"clauses.be_forms", &w.beForms},
		{"clauses.auxiliaries", &w.auxiliaries},
		{"clauses.relative_pronouns", &w.relPronouns},
		{"clauses.prepositions", &w.prepositions},
		{"clauses.partitives", &w.partitives},
		{"clauses.state_bodies", &w.stateBodies},
		{"clauses.armed_forces", &w.armedForces},
		{"clauses.past_roles", &w.pastRoles},
		{"clauses.deputies", &w.deputies},
		{"clauses.non_state_people", &w.nonStatePeople},
		{"clauses.consider_verbs", &w.considerVerbs},
		{"clauses.descriptor_nouns", &w.descriptorNouns},
		{"clauses.coordinators", &w.coordinators},
		{"clauses.listing", &w.listing},
		{"clauses.clause_joiners", &w.clauseJoiners},
		{"clauses.subordinators", &w.subordinators},
		{"clauses.death_verbs", &w.deathVerbs},
		{"clauses.other_past", &w.otherPast},
		{"clauses.impact_verbs", &w.impactVerbs},
		{"clauses.firing_verbs", &w.firingVerbs},
		{"assertion.stopped", &w.stopped},
		{"clauses.affiliation_verbs", &w.affiliationVerbs},
		{"clauses.light_verbs", &w.lightVerbs},
		{"speech.speech_verbs", &w.speechVerbs},
		{"speech.report_verbs", &w.reportVerbs},
		{"assertion.negation", &w.negationCues},
		{"assertion.denials", &w.denials},
		{"assertion.phrasal_denials", &w.phrasalDenials},
		{"assertion.evidence_nouns", &w.evidenceNouns},
		{"assertion.reported_passives", &w.reportedPassives},
		{"assertion.exonerations", &w.exonerations},
		{"assertion.false_charge", &w.falseCharge},
		{"assertion.convictions", &w.convictions},
		{"assertion.inversions", &w.inversions},
		{"assertion.hypothetical", &w.hypotheticalCues},
		{"assertion.hypothetical_verbs", &w.hypotheticalVerbs},
		{"assertion.intent", &w.intentWords},
		{"assertion.claims", &w.claimNouns},
		{"assertion.confirmations", &w.confirmations},
		{"assertion.belief_verbs", &w.beliefVerbs},
		{"assertion.accusers", &w.accusers},
		{"assertion.allegation", &w.allegationCues},
		{"assertion.charges", &w.chargeCues},
		{"assertion.shooting_words", &w.shootingWords},
		{"references.organization_pronouns", &w.orgPronouns},
		{"references.singular_pronouns", &w.singularPronouns},
		{"references.person_pronouns", &w.personPronouns},
		{"references.male_pronouns", &w.malePronouns},
		{"references.female_pronouns", &w.femalePronouns},
		{"references.group_nouns", &w.groupNouns},
		{"references.determiners", &w.determiners},
		{"references.demonstratives", &w.demonstratives},
	} {
		*s.set = setOf(l.Words(s.key)...)
	}
	w.extraPersonNouns = l.Words("names.person_nouns")
	w.bareTitles = l.Words("names.bare_titles")
	for _, phrase := range l.Words("names.alias_openers") {
		w.aliasOpeners = append(w.aliasOpeners, strings.Fields(phrase))
	}
	for _, phrase := range l.Words("assertion.ended") {
		w.ended = append(w.ended, strings.Fields(phrase))
	}
	for _, phrase := range l.Words("assertion.role_ended") {
		w.roleEnded = append(w.roleEnded, strings.Fields(phrase))
	}
	return w
}

// defaultWordLists are the built-in language file's lists, for the functions
// that run without an extractor: Tokenize and Segment, which tests and
// the benchmark readers call (the pipeline tokenizes with its extractor's
// words).
var defaultWordLists = sync.OnceValue(func() *wordLists { return newWordLists(schemas.DefaultLanguage()) })
