// Package schemas holds kg's default news schema and gazetteers, embedded in the
// binary, and the code that loads and validates a schema from YAML.
//
// A schema says what the graph may contain: entity types with parents, relation
// types with the subject and object types they allow, and the trigger words that
// let the extractor find them.
package schemas

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unsafe"

	"gopkg.in/yaml.v3"
)

//go:embed news.yaml gazetteer/*.yaml
var files embed.FS

// The evidence lists (gazetteer/*.tsv) are embedded as strings, as the
// models are: the names read from them are substrings of the binary's
// read-only data, not of a copy on the heap (1.6 MB, 80,000 names).
// TestEvidenceListsEmbedded checks that every list is here.
var (
	//go:embed gazetteer/name-lists.tsv
	nameLists string
	//go:embed gazetteer/wordnet.tsv
	wordnetList string
	//go:embed gazetteer/world-places.tsv
	worldPlaces string
)

// evidenceLists are the built-in evidence lists by file name, in the order
// they are read (a name in several keeps the type of the first).
var evidenceLists = []struct {
	name string
	text *string
}{
	{"gazetteer/name-lists.tsv", &nameLists},
	{"gazetteer/wordnet.tsv", &wordnetList},
	{"gazetteer/world-places.tsv", &worldPlaces},
}

// The models are embedded as strings, not in files: a string's bytes stay in
// the binary's read-only data and are used in place (embed.FS would copy
// them); the syntax model is read without decoding, so only the pages a
// text needs are ever loaded.
var (
	//go:embed models/syntax.model
	syntaxModel string
	//go:embed models/ner.model
	nerModel string
	//go:embed models/rel.model
	relModel string
)

var models = map[string]*string{"syntax.model": &syntaxModel, "ner.model": &nerModel, "rel.model": &relModel}

// DefaultName is the file name the embedded default schema is reported under.
const DefaultName = "news.yaml (built in)"

// EntityType is one kind of node, such as Person or Country.
type EntityType struct {
	Name     string   `yaml:"name"`
	Parent   string   `yaml:"parent,omitempty"`
	Keywords []string `yaml:"keywords,omitempty"`
	// Prefixes are words that open a name of the type, whatever the rest of
	// it ("Rue de Rivoli", "Calle Mayor", "Camp Bastion"): head words that
	// come first.
	Prefixes []string `yaml:"prefixes,omitempty"`
	// Graph false keeps entities of the type (and its children) out of the
	// graph: extracted and scored, but not loaded (dates, amounts).
	Graph *bool `yaml:"graph,omitempty"`
}

// RelationType is one kind of edge, such as KILLED, with the types it joins and
// the words that trigger it.
type RelationType struct {
	Name    string   `yaml:"name"`
	Subject []string `yaml:"subject"`
	Object  []string `yaml:"object"`
	Verbs   []string `yaml:"verbs,omitempty"`
	Phrases []string `yaml:"phrases,omitempty"`
	Nouns   []string `yaml:"nouns,omitempty"`
	// Acts are nouns that name the relation's act, read with the object
	// after "of", "on", "against" or "for" and the subject as possessor or
	// after "by" ("Iraq's liberation of Tikrit", "the seizure of Mosul by
	// ISIL"); InverseActs take the object after "of" and the subject after
	// "to" ("the fall of Mosul to ISIL"). A verb's base and -ing form are
	// acts already for the types that read them so.
	Acts        []string `yaml:"acts,omitempty"`
	InverseActs []string `yaml:"inverse_acts,omitempty"`
	Preps       []string `yaml:"preps,omitempty"`
	Mutual      []string `yaml:"mutual,omitempty"`
	// Inverse are phrases with the relation's object before them and its
	// subject after ("Mosul fell to ISIL").
	Inverse    []string `yaml:"inverse,omitempty"`
	Symmetric  bool     `yaml:"symmetric,omitempty"`
	Confidence float64  `yaml:"confidence,omitempty"`
	// NotOnPath are words (verbs written as in Verbs, and their forms; a
	// noun and its plural) that, on the parse path between two names, say
	// the names stand in another relation: the relation classifier's guess
	// of this type for them is dropped ("studied at" names no employer,
	// "visited" no home).
	NotOnPath []string `yaml:"not_on_path,omitempty"`
	// NotAcrossVerbs drops the relation classifier's guess of this type
	// when the parse path between the two names goes from a verb (not one
	// of this type's verbs or phrase words) into its object or clausal
	// complement, or through a noun naming an act: "Ellwood welcomed the
	// Iraqi government's decision" says nothing of where Ellwood lives,
	// nor does "the bomber behind the Manchester bombing". For types a name's modifiers state
	// ("a Boston lawyer", "Britain's envoy"): homes, bases, employers.
	NotAcrossVerbs bool `yaml:"not_across_verbs,omitempty"`
	// PathWords are words (verbs as in Verbs, and their forms) that, on the
	// parse path between two names, make the relation classifier's guess of
	// a class that covers this type and another this type: a benchmark
	// label may join two types ("born in" and "lives in" are both
	// CoNLL04's Live_In), and "Illinois born Charlton Heston" is a birth.
	PathWords []string `yaml:"path_words,omitempty"`
	// PlacesOf are relation types whose act's place is, for the act's
	// subject, a place of this type: the place a verb of one of them says
	// the act happened ("in", "at": "Al-Shabaab attacked a base in Lamu")
	// is one where its subject operates, when the schema allows the pair.
	PlacesOf []string `yaml:"places_of,omitempty"`
	// Owned are nouns of a thing whose owner stands in this relation to
	// the place of its "in" or "of" phrase: the owner a possessive or a
	// possessive pronoun ("Karl Ek was shot outside his home in Bergen",
	// "the group's headquarters in Raqqa"); "home town" is "home".
	Owned []string `yaml:"owned,omitempty"`
}

// Benchmark maps a public benchmark's labels onto schema types.
type Benchmark struct {
	Entities  map[string][]string `yaml:"entities"`
	Relations map[string][]string `yaml:"relations"`
	// Signatures give a relation label's subject and object entity labels
	// (CoNLL04's Work_For joins Peop to Org). A schema relation is scored as
	// a label only when its arguments' labels match the label's signature:
	// LEADS is Work_For when it leads an organization, and no Work_For when
	// it leads a country.
	Signatures map[string][]string `yaml:"signatures,omitempty"`
	// Undirected lists relation labels whose two arguments may come in
	// either order (re3d's FightingAgainst: who fights whom is not kept).
	Undirected []string `yaml:"undirected,omitempty"`
	// Inverse lists relation labels whose arguments are the schema
	// relation's object and subject (Wikidata's P6, head of government,
	// runs from the country to the person who LEADS it).
	Inverse []string `yaml:"inverse,omitempty"`
}

// Roles name the schema's types and relations that the extractor's built-in
// rules reason about; a rule whose role a schema leaves out does not run.
type Roles struct {
	// Person: what titles, given names, speech verbs and role nouns mark;
	// "he" and "she" refer to it; a surname stands for it.
	Person string `yaml:"person,omitempty"`
	// Place: what "in X" marks; containment is read among its kinds.
	Place string `yaml:"place,omitempty"`
	// Organizations: what "it", "its", "they" and "the group" refer to, the
	// first preferred.
	Organizations []string `yaml:"organizations,omitempty"`
	// States: what "it" and "its" may refer to besides the organizations,
	// when more salient than any of them ("Canada reiterated its support").
	States []string `yaml:"states,omitempty"`
	// Weapon: what model designations near weapon words are ("GBU-43").
	Weapon string `yaml:"weapon,omitempty"`
	// People: what a demonym read as a people is ("Serbs").
	People string `yaml:"people,omitempty"`
	// Contains: the relation of "Kabul, Afghanistan" and "Afghanistan's
	// Nangarhar Province".
	Contains string `yaml:"contains,omitempty"`
	// PartOf: a role appositive of this relation needs no person as holder
	// ("its affiliate, ISIS-K").
	PartOf string `yaml:"part_of,omitempty"`
	// Nationality: the relation a nationality adjective states between a
	// person and a country ("the Polish journalist Anna Novak"); a person is
	// not said to live where their nationality is.
	Nationality string `yaml:"nationality,omitempty"`
	// Leads: the relation of a head to what it heads; a role noun of it
	// with a common noun before it heads that noun's body, not the name
	// before them ("Kenyan police chief X" leads the police, not Kenya).
	Leads string `yaml:"leads,omitempty"`
	// Member: the relation of a member to its body; a role noun of Leads
	// after a word of the language file's deputies ("vice president of
	// the National Assembly") states it instead of Leads.
	Member string `yaml:"member,omitempty"`
	// PlaceRanks orders kinds of place from small to large: a place lies
	// only in one of a larger or the same rank ("Region in Country"). A place
	// whose kind no rank lists may lie in any.
	PlaceRanks [][]string `yaml:"place_ranks,omitempty"`
	// NeverInItself are kinds of place that never lie in their own kind: a
	// city in a city, a country in a country.
	NeverInItself []string `yaml:"never_in_itself,omitempty"`
	// ConnectorHeads: types whose names may contain "of", "for" and "and"
	// ("Center for Strategic and International Studies").
	ConnectorHeads []string `yaml:"connector_heads,omitempty"`
}

// Schema is a validated schema. Use Load or Default to get one.
type Schema struct {
	Name          string               `yaml:"name"`
	Version       int                  `yaml:"version"`
	EntityTypes   []EntityType         `yaml:"entity_types"`
	RelationTypes []RelationType       `yaml:"relation_types"`
	Benchmarks    map[string]Benchmark `yaml:"benchmarks,omitempty"`
	// Roles say which types and relations the extractor's rules are about.
	Roles Roles `yaml:"roles,omitempty"`
	// LanguageFile names the schema's language file (word lists the rules
	// read, like schemas/english.yaml), a path relative to the schema's
	// folder; empty for the built-in english.yaml.
	LanguageFile string `yaml:"language,omitempty"`

	// Source names the file the schema came from, for messages.
	Source string `yaml:"-"`

	entities  map[string]*EntityType
	relations map[string]*RelationType
	language  *Language // LanguageFile read; nil for the built-in one
}

// Language returns the word lists the schema's extractor reads: the file
// its language entry names, or the built-in english.yaml.
func (s *Schema) Language() *Language {
	if s.language != nil {
		return s.language
	}
	return DefaultLanguage()
}

// Model returns a trained model file embedded in the binary ("ner.model"),
// or false when the binary has none of that name. The bytes are the
// binary's own, read-only: callers must not change them.
func Model(name string) ([]byte, bool) {
	s, ok := models[name]
	if !ok || *s == "" {
		return nil, false
	}
	return readOnly(*s), true
}

// readOnly returns the bytes of s without copying them: the caller must not
// change them.
func readOnly(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// Default returns the embedded news schema.
func Default() *Schema {
	data, err := files.ReadFile("news.yaml")
	if err != nil {
		panic("schemas: embedded news.yaml missing: " + err.Error())
	}
	s, err := Parse(DefaultName, data)
	if err != nil {
		panic("schemas: embedded news.yaml is invalid: " + err.Error())
	}
	return s
}

// Load reads and validates the schema file at path.
func Load(path string) (*Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read schema: %w", err)
	}
	return Parse(path, data)
}

// nameRE is what a type name must look like: it becomes a Neo4j label or
// relationship type, so it is kept to letters, digits and underscores.
var nameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// Parse validates schema YAML; name is used in error messages. Every error names
// the file, the line and the problem.
func Parse(name string, data []byte) (*Schema, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %s", name, yamlError(err))
	}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: empty schema", name)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var s Schema
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%s: %s", name, yamlError(err))
	}
	s.Source = name
	lines := typeLines(root.Content[0])
	at := func(key string) string {
		if l, ok := lines[key]; ok {
			return fmt.Sprintf("%s:%d", name, l)
		}
		return name
	}
	if len(s.EntityTypes) == 0 {
		return nil, fmt.Errorf("%s: no entity_types", name)
	}
	s.entities = map[string]*EntityType{}
	for i := range s.EntityTypes {
		t := &s.EntityTypes[i]
		if !nameRE.MatchString(t.Name) {
			return nil, fmt.Errorf("%s: entity type %q: names must be letters, digits and _, starting with a letter", at("entity:"+t.Name), t.Name)
		}
		if _, dup := s.entities[t.Name]; dup {
			return nil, fmt.Errorf("%s: entity type %q is defined twice", at("entity:"+t.Name), t.Name)
		}
		s.entities[t.Name] = t
	}
	keywordOwner := map[string]string{}
	for _, t := range s.EntityTypes {
		for _, kw := range t.Keywords {
			if other, dup := keywordOwner[kw]; dup && other != t.Name {
				return nil, fmt.Errorf("%s: keyword %q is given to both %s and %s", at("entity:"+t.Name), kw, other, t.Name)
			}
			keywordOwner[kw] = t.Name
		}
	}
	for _, t := range s.EntityTypes {
		if t.Parent == "" {
			continue
		}
		if _, ok := s.entities[t.Parent]; !ok {
			return nil, fmt.Errorf("%s: entity type %q has unknown parent %q", at("entity:"+t.Name), t.Name, t.Parent)
		}
		seen := map[string]bool{t.Name: true}
		for p := t.Parent; p != ""; p = s.entities[p].Parent {
			if seen[p] {
				return nil, fmt.Errorf("%s: entity type %q: parent chain loops through %q", at("entity:"+t.Name), t.Name, p)
			}
			seen[p] = true
		}
	}
	s.relations = map[string]*RelationType{}
	for i := range s.RelationTypes {
		r := &s.RelationTypes[i]
		where := at("relation:" + r.Name)
		if !nameRE.MatchString(r.Name) {
			return nil, fmt.Errorf("%s: relation type %q: names must be letters, digits and _, starting with a letter", where, r.Name)
		}
		if _, dup := s.relations[r.Name]; dup {
			return nil, fmt.Errorf("%s: relation type %q is defined twice", where, r.Name)
		}
		if len(r.Subject) == 0 || len(r.Object) == 0 {
			return nil, fmt.Errorf("%s: relation type %q needs subject and object types", where, r.Name)
		}
		for _, ty := range append(append([]string{}, r.Subject...), r.Object...) {
			if _, ok := s.entities[ty]; !ok {
				return nil, fmt.Errorf("%s: relation type %q names unknown entity type %q", where, r.Name, ty)
			}
		}
		if r.Confidence < 0 || r.Confidence > 1 {
			return nil, fmt.Errorf("%s: relation type %q: confidence %v is outside 0..1", where, r.Name, r.Confidence)
		}
		if r.Confidence == 0 {
			r.Confidence = 0.6
		}
		s.relations[r.Name] = r
	}
	for _, r := range s.RelationTypes {
		for _, of := range r.PlacesOf {
			if _, ok := s.relations[of]; !ok {
				return nil, fmt.Errorf("%s: relation type %q: places_of names unknown relation type %q", at("relation:"+r.Name), r.Name, of)
			}
		}
	}
	if s.Roles.isZero() {
		s.Roles = s.defaultRoles()
	}
	if err := s.checkRoles(); err != nil {
		return nil, err
	}
	for bname, b := range s.Benchmarks {
		for label, tys := range b.Entities {
			for _, ty := range tys {
				if _, ok := s.entities[ty]; !ok {
					return nil, fmt.Errorf("%s: benchmark %s maps %s to unknown entity type %q", name, bname, label, ty)
				}
			}
		}
		for label, rels := range b.Relations {
			for _, rel := range rels {
				if _, ok := s.relations[rel]; !ok {
					return nil, fmt.Errorf("%s: benchmark %s maps %s to unknown relation type %q", name, bname, label, rel)
				}
			}
		}
		for _, list := range [][]string{b.Undirected, b.Inverse} {
			for _, label := range list {
				if _, ok := b.Relations[label]; !ok {
					return nil, fmt.Errorf("%s: benchmark %s lists %s as undirected or inverse, but its relations do not map it", name, bname, label)
				}
			}
		}
		for label, sig := range b.Signatures {
			if _, ok := b.Relations[label]; !ok {
				return nil, fmt.Errorf("%s: benchmark %s has a signature for %s, which its relations do not map", name, bname, label)
			}
			if len(sig) != 2 {
				return nil, fmt.Errorf("%s: benchmark %s: the signature of %s needs two entity labels, [subject, object]; it has %d", name, bname, label, len(sig))
			}
			for _, el := range sig {
				if _, ok := b.Entities[el]; !ok {
					return nil, fmt.Errorf("%s: benchmark %s: the signature of %s names %q, which is not one of its entity labels", name, bname, label, el)
				}
			}
		}
	}
	if s.LanguageFile != "" {
		var err error
		if s.language, err = loadLanguageOf(name, root.Content[0], s.LanguageFile); err != nil {
			return nil, err
		}
	}
	return &s, nil
}

// loadLanguageOf reads the language file a schema names, a path relative to
// the schema file's folder.
func loadLanguageOf(schema string, doc *yaml.Node, file string) (*Language, error) {
	path := file
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(schema), file)
	}
	l, err := LoadLanguage(path)
	if errors.Is(err, fs.ErrNotExist) {
		at := schema
		for i := 0; i+1 < len(doc.Content); i += 2 {
			if doc.Content[i].Value == "language" {
				at = fmt.Sprintf("%s:%d", schema, doc.Content[i].Line)
			}
		}
		return nil, fmt.Errorf("%s: language: no file %s (a path relative to the schema's folder)", at, path)
	}
	return l, err
}

// yamlError makes yaml.v3's message one line: "line 4: field colour not found".
func yamlError(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg := te.Errors[0]
		msg = strings.Replace(msg, " in type schemas.Schema", "", 1)
		if i := strings.Index(msg, " in type schemas."); i >= 0 {
			msg = msg[:i]
		}
		if len(te.Errors) > 1 {
			msg += fmt.Sprintf(" (and %d more)", len(te.Errors)-1)
		}
		return msg
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// typeLines records the line of each entity and relation type, keyed
// "entity:Name" or "relation:NAME", so errors can point at them.
func typeLines(doc *yaml.Node) map[string]int {
	lines := map[string]int{}
	if doc.Kind != yaml.MappingNode {
		return lines
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		key, val := doc.Content[i].Value, doc.Content[i+1]
		prefix := map[string]string{"entity_types": "entity:", "relation_types": "relation:"}[key]
		if prefix == "" || val.Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range val.Content {
			for j := 0; j+1 < len(item.Content); j += 2 {
				if item.Content[j].Value == "name" {
					// A later duplicate overwrites: it is the one to point at.
					lines[prefix+item.Content[j+1].Value] = item.Line
				}
			}
		}
	}
	return lines
}

// Entity returns the entity type called name.
func (s *Schema) Entity(name string) (*EntityType, bool) {
	t, ok := s.entities[name]
	return t, ok
}

// Relation returns the relation type called name.
func (s *Schema) Relation(name string) (*RelationType, bool) {
	r, ok := s.relations[name]
	return r, ok
}

// Labels returns the type chain of an entity type, most general first:
// Labels("Country") is [Location Country].
func (s *Schema) Labels(typ string) []string {
	var chain []string
	for t, ok := s.entities[typ]; ok; t, ok = s.entities[t.Parent] {
		chain = append([]string{t.Name}, chain...)
		if t.Parent == "" {
			break
		}
	}
	return chain
}

// Fingerprint identifies the schema's content: two schemas with the same
// types, triggers, roles and mappings have the same one, whatever file they
// came from. A store records it on every article, so that a changed schema
// makes the articles extract again.
func (s *Schema) Fingerprint() string {
	data, err := json.Marshal(struct {
		Name      string
		Version   int
		Entities  []EntityType
		Relations []RelationType
		Bench     map[string]Benchmark
		Roles     Roles
	}{s.Name, s.Version, s.EntityTypes, s.RelationTypes, s.Benchmarks, s.Roles})
	if err != nil {
		panic("schemas: fingerprint: " + err.Error())
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}

// InGraph reports whether entities of type typ are loaded into the graph:
// unless the type or an ancestor says graph: false.
func (s *Schema) InGraph(typ string) bool {
	for t, ok := s.entities[typ]; ok; t, ok = s.entities[t.Parent] {
		if t.Graph != nil && !*t.Graph {
			return false
		}
		if t.Parent == "" {
			break
		}
	}
	return true
}

// IsA reports whether typ is want or a descendant of it.
func (s *Schema) IsA(typ, want string) bool {
	for t, ok := s.entities[typ]; ok; t, ok = s.entities[t.Parent] {
		if t.Name == want {
			return true
		}
		if t.Parent == "" {
			break
		}
	}
	return false
}

// Allows reports whether a relation of type rel may join a subject of type subj
// to an object of type obj.
func (s *Schema) Allows(rel, subj, obj string) bool {
	r, ok := s.relations[rel]
	if !ok {
		return false
	}
	return s.anyIsA(subj, r.Subject) && s.anyIsA(obj, r.Object)
}

func (s *Schema) anyIsA(typ string, wants []string) bool {
	for _, w := range wants {
		if s.IsA(typ, w) {
			return true
		}
	}
	return false
}

// MayAllow reports whether a relation of type rel may join a subject of type
// subj, or of a narrower kind of it, to an object of type obj or of a
// narrower kind of it: CITIZEN_OF may join a Person to a Location, since
// some locations are countries.
func (s *Schema) MayAllow(rel, subj, obj string) bool {
	r, ok := s.relations[rel]
	if !ok {
		return false
	}
	return s.mayBe(subj, r.Subject) && s.mayBe(obj, r.Object)
}

// mayBe says whether typ is, or has a narrower kind that is, one of wants.
func (s *Schema) mayBe(typ string, wants []string) bool {
	for _, w := range wants {
		if s.IsA(typ, w) || s.IsA(w, typ) {
			return true
		}
	}
	return false
}

// AllowsSubject reports whether typ may be the subject of relation rel.
func (s *Schema) AllowsSubject(rel, typ string) bool {
	r, ok := s.relations[rel]
	return ok && s.anyIsA(typ, r.Subject)
}

// AllowsObject reports whether typ may be the object of relation rel.
func (s *Schema) AllowsObject(rel, typ string) bool {
	r, ok := s.relations[rel]
	return ok && s.anyIsA(typ, r.Object)
}

// checkRoles makes sure the roles name types and relations the schema has.
func (s *Schema) checkRoles() error {
	r := s.Roles
	types := append([]string{r.Person, r.Place, r.Weapon, r.People}, r.Organizations...)
	types = append(types, r.States...)
	types = append(types, r.ConnectorHeads...)
	types = append(types, r.NeverInItself...)
	for _, rank := range r.PlaceRanks {
		types = append(types, rank...)
	}
	for _, t := range types {
		if _, ok := s.entities[t]; t != "" && !ok {
			return fmt.Errorf("%s: roles name unknown entity type %q", s.Source, t)
		}
	}
	for _, rel := range []string{r.Contains, r.PartOf, r.Nationality, r.Leads, r.Member} {
		if _, ok := s.relations[rel]; rel != "" && !ok {
			return fmt.Errorf("%s: roles name unknown relation type %q", s.Source, rel)
		}
	}
	return nil
}

func (r Roles) isZero() bool {
	return r.Person == "" && r.Place == "" && r.Weapon == "" && r.People == "" && r.Contains == "" && r.PartOf == "" && r.Nationality == "" &&
		len(r.Organizations) == 0 && len(r.States) == 0 && len(r.PlaceRanks) == 0 && len(r.ConnectorHeads) == 0 && len(r.NeverInItself) == 0
}

// defaultRoles gives a schema without a roles section the roles of the news
// schema's type names it has, so a schema written before roles existed keeps
// its rules.
func (s *Schema) defaultRoles() Roles {
	has := func(name string) string {
		if _, ok := s.entities[name]; ok {
			return name
		}
		if _, ok := s.relations[name]; ok {
			return name
		}
		return ""
	}
	some := func(names ...string) []string {
		var out []string
		for _, n := range names {
			if has(n) != "" {
				out = append(out, n)
			}
		}
		return out
	}
	r := Roles{Person: has("Person"), Place: has("Location"), Organizations: some("Organization", "Group"), States: some("Country"),
		Weapon: has("Weapon"), People: has("Group"), Contains: has("LOCATED_IN"), PartOf: has("PART_OF"),
		Nationality: has("CITIZEN_OF"), Leads: has("LEADS"), Member: has("MEMBER_OF"),
		ConnectorHeads: some("Organization", "Facility"), NeverInItself: some("City", "Country")}
	for _, rank := range [][]string{{"Facility"}, {"City"}, {"Region", "Country"}} {
		if got := some(rank...); len(got) > 0 {
			r.PlaceRanks = append(r.PlaceRanks, got)
		}
	}
	return r
}

// Is reports whether typ is the role's type or narrower; an unset role
// matches nothing.
func (s *Schema) Is(typ, role string) bool { return role != "" && s.IsA(typ, role) }
