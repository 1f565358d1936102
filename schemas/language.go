package schemas

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// The built-in language file: English word lists the extractor's rules read.
//
//go:embed english.yaml
var englishYAML string

// DefaultLanguageName is the name the built-in language file is reported under.
const DefaultLanguageName = "english.yaml (built in)"

// languageKeys are the keys every language file has, as group.key, in the
// built-in file's order. Package extract reads each of them (its words.go).
var languageKeys = []string{
	"tokens.abbreviations", "tokens.place_abbreviations", "tokens.title_abbreviations", "tokens.sentence_starters",
	"names.not_names", "names.particles", "names.connectors", "names.weapon_context",
	"names.bare_titles", "names.person_nouns", "names.alias_openers", "names.organization_nouns",
	"places.locative_prepositions", "places.near_prepositions", "places.path_prepositions", "places.directions", "places.place_nouns",
	"places.part_of_place", "places.amount_words",
	"languages.nouns", "languages.verbs", "languages.not_before",
	"clauses.be_forms", "clauses.auxiliaries", "clauses.relative_pronouns", "clauses.prepositions",
	"clauses.partitives", "clauses.state_bodies", "clauses.armed_forces", "clauses.deputies", "clauses.past_roles", "clauses.non_state_people", "clauses.consider_verbs", "clauses.descriptor_nouns", "clauses.coordinators",
	"clauses.listing", "clauses.clause_joiners", "clauses.death_verbs", "clauses.subordinators", "clauses.other_past", "clauses.impact_verbs", "clauses.firing_verbs", "clauses.affiliation_verbs", "clauses.light_verbs",
	"speech.speech_verbs", "speech.report_verbs",
	"assertion.negation", "assertion.denials", "assertion.phrasal_denials", "assertion.evidence_nouns", "assertion.exonerations", "assertion.false_charge", "assertion.convictions", "assertion.ended", "assertion.stopped", "assertion.role_ended", "assertion.inversions", "assertion.hypothetical", "assertion.hypothetical_verbs", "assertion.intent",
	"assertion.claims", "assertion.confirmations", "assertion.belief_verbs", "assertion.accusers", "assertion.reported_passives", "assertion.allegation", "assertion.charges", "assertion.shooting_words",
	"references.organization_pronouns", "references.singular_pronouns", "references.person_pronouns", "references.male_pronouns", "references.female_pronouns",
	"references.group_nouns", "references.determiners", "references.demonstratives",
}

// LanguageKeys returns the keys a language file must have, as group.key
// ("speech.speech_verbs"), in the built-in file's order.
func LanguageKeys() []string { return append([]string(nil), languageKeys...) }

// Language is a language file: the word lists (prepositions, speech verbs,
// pronouns, ...) that the extractor's rules read, apart from the schema's
// trigger words and the gazetteers. schemas/english.yaml is the built-in
// one; a schema names its own with `language: FILE`.
type Language struct {
	// Source names the file, for messages.
	Source string
	// Digest is the SHA-256 of the file's bytes, in hex.
	Digest string
	lists  map[string][]string
}

// Words returns the list under key (group.key), in the file's order. Every
// key of LanguageKeys is present in a Language that parsed.
func (l *Language) Words(key string) []string { return l.lists[key] }

// DefaultLanguage returns the built-in language file, parsed once.
func DefaultLanguage() *Language { return defaultLanguage() }

var defaultLanguage = sync.OnceValue(func() *Language {
	l, err := ParseLanguage(DefaultLanguageName, readOnly(englishYAML))
	if err != nil {
		panic("schemas: embedded english.yaml is invalid: " + err.Error())
	}
	return l
})

// LoadLanguage reads and checks the language file at path.
func LoadLanguage(path string) (*Language, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read language file: %w", err)
	}
	return ParseLanguage(path, data)
}

// ParseLanguage checks a language file; name is used in messages. The file
// is a mapping of groups, each a mapping of keys, each a list of words
// (see schemas/english.yaml). Every error is one line naming the file,
// the line where there is one, and the key.
func ParseLanguage(name string, data []byte) (*Language, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %s", name, yamlError(err))
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: a language file is groups of word lists (tokens:, names:, ...), like schemas/english.yaml", name)
	}
	known := make(map[string]bool, len(languageKeys))
	for _, k := range languageKeys {
		known[k] = true
	}
	sum := sha256.Sum256(data)
	l := &Language{Source: name, Digest: hex.EncodeToString(sum[:]), lists: make(map[string][]string, len(languageKeys))}
	doc := root.Content[0]
	for i := 0; i+1 < len(doc.Content); i += 2 {
		g, group := doc.Content[i].Value, doc.Content[i+1]
		if group.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s:%d: %s must hold keys of word lists, like schemas/english.yaml", name, doc.Content[i].Line, g)
		}
		for j := 0; j+1 < len(group.Content); j += 2 {
			key, list := g+"."+group.Content[j].Value, group.Content[j+1]
			at := fmt.Sprintf("%s:%d", name, group.Content[j].Line)
			switch {
			case !known[key]:
				return nil, fmt.Errorf("%s: unknown key %s; the keys are those of schemas/english.yaml", at, key)
			case l.lists[key] != nil:
				return nil, fmt.Errorf("%s: key %s given twice", at, key)
			case list.Kind != yaml.SequenceNode:
				return nil, fmt.Errorf("%s: %s must be a list of words, like [\"said\", \"says\"]", at, key)
			}
			words := make([]string, 0, len(list.Content))
			for _, w := range list.Content {
				if w.Kind != yaml.ScalarNode || w.Tag == "!!null" || strings.TrimSpace(w.Value) == "" {
					return nil, fmt.Errorf("%s:%d: %s must be a list of words; item %d is not a word", name, w.Line, key, len(words)+1)
				}
				words = append(words, w.Value)
			}
			l.lists[key] = words
		}
	}
	for _, k := range languageKeys {
		if l.lists[k] == nil {
			return nil, fmt.Errorf("%s: missing key %s (every key of schemas/english.yaml is needed; an empty list is [])", name, k)
		}
	}
	return l, nil
}
