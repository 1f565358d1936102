// Package extract turns a news article into an Extraction: the entities it
// names and the relations between them, each relation with the sentence that
// supports it and the rule that found it.
//
// The pipeline runs small stages over one token-indexed structure: tokenize and
// segment, tag parts of speech (prose), tag and parse (kg's own model,
// extract/syntax), find mentions (gazetteer, titles,
// proper-noun chunks), type them (head words, context), resolve them within the
// article (aliases, acronyms, surnames, demonyms, "the group"), then read
// relations off schema-driven patterns and keep what the schema allows.
// Extraction is pure: the same document always gives the same output.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kg/kg/extract/syntax"
	"github.com/kg/kg/schemas"
)

// Extraction is what one article says.
type Extraction struct {
	Document  DocumentRef `json:"document"`
	Entities  []Entity    `json:"entities"`
	Relations []Relation  `json:"relations"`
	// Resolution is set when corpus resolution (package resolve) rewrote
	// the extraction: the entities as the extractor keyed them, opaque to
	// everyone else. Stores keep it with the article so that the corpus can
	// be resolved again. It is not part of the output.
	Resolution []byte `json:"-"`
}

// DocumentRef identifies the article an Extraction came from.
type DocumentRef struct {
	ID        string `json:"id"`
	Path      string `json:"path"`
	Title     string `json:"title"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	SHA256    string `json:"sha256"`
	// Tokens counts the words and marks of the body, for throughput figures.
	Tokens int `json:"tokens"`
	// Extractor is the version of the extractor that made the extraction
	// (Extractor.Version): stores re-extract an article another version made.
	Extractor string `json:"extractor,omitempty"`
	// Source is the absolute path of the file the article was read from
	// (empty for standard input), so that a store can tell when it is gone.
	// It is set by whoever read the file and is not part of the output.
	Source string `json:"-"`
}

// Entity is one real-world thing the article names, with every name it used.
type Entity struct {
	// ID is the entity's key in the graph: the same entity in two articles has
	// the same ID.
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	// Labels is the type's chain in the schema, most general first.
	Labels   []string  `json:"labels"`
	Aliases  []string  `json:"aliases"`
	Mentions []Mention `json:"mentions"`
}

// Mention is one place the article names an entity. Offsets count Unicode code
// points into the document text, End exclusive.
type Mention struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Demonym marks a reference by an adjective or people's name
	// ("Pakistani", "Afghans") rather than by the entity's own name.
	Demonym bool `json:"demonym,omitempty"`
}

// Argument is the subject or object of a relation: the entity and the words
// that stand for it in the evidence sentence.
type Argument struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Type   string   `json:"type"`
	Labels []string `json:"labels"`
	Text   string   `json:"text"`
	Start  int      `json:"start"`
	End    int      `json:"end"`
	// ReadFrom is the pronoun or reference the relation was read off
	// ("its", "the group") when Text shows the name the same sentence
	// gives the entity instead; nil otherwise.
	ReadFrom *Mention `json:"read_from,omitempty"`
}

// Evidence is the sentence a relation was read from, which holds both its
// arguments. A relation the article implies across sentences (rules
// "inferred/", by containment, and "known/", by the place lists and two
// places the article names) stands on the sentence of its subject; its
// object's offsets point into another sentence.
type Evidence struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Relation is one fact: subject, type, object, and why the extractor believes it.
type Relation struct {
	Type       string   `json:"type"`
	Subject    Argument `json:"subject"`
	Object     Argument `json:"object"`
	Evidence   Evidence `json:"evidence"`
	Confidence float64  `json:"confidence"`
	// Rule names the pattern and trigger word that produced the relation.
	Rule string `json:"rule"`
	// Assertion says how the text states it: asserted, alleged, negated or
	// hypothetical (see assertion.go). Only what InGraph allows reaches
	// the graph.
	Assertion string `json:"assertion"`
}

// Extractor runs the pipeline. Make one with New and share it: it holds the
// tagger model and the compiled schema, and is safe for concurrent use.
type Extractor struct {
	schema *schemas.Schema
	roles  schemas.Roles // what the rules reason about (schema.Roles)
	lex    *lexicon
	// prose is prose's tagger, loaded on first use: only the comparisons of
	// ProseTags use it.
	prose  func() *tagger
	syntax *syntax.Model // kg's own tagger and dependency parser
	rules  *ruleSet
	// lang are the word lists of the schema's language file (wordlists.go).
	lang *wordLists
	ner  *NERModel // nil: mentions come from the rules alone
	rel  *RelModel // nil: relations come from the rules alone
	// version identifies what this extractor makes of a text: the code's
	// extraction version, its models, gazetteers, word clusters and
	// language file.
	version string
}

// codeVersion changes whenever the pipeline's code, or the built-in
// language file schemas/english.yaml, changes what it extracts from the
// same text with the same models; stores re-extract on a change.
const codeVersion = "kg-extract-111"

// Version identifies what the extractor makes of a text: its code version,
// the built-in gazetteer and word clusters, the models and gazetteer files
// it loaded, and the schema's language file when it is not the built-in
// one. The same version on the same text gives the same
// extraction, so a store can skip articles it has.
func (x *Extractor) Version() string { return x.version }

// Options change what NewWith builds.
type Options struct {
	// Models is a folder of model files written by kg train (ner.model,
	// rel.model) to use instead of the built-in ones; a file it lacks falls
	// back to the built-in model.
	Models string
	// NoModels leaves the learned stages out: rules and gazetteers only.
	NoModels bool
	// Gazetteers are the user's own gazetteer files, added to the built-in
	// ones (see schemas.Gazetteer.AddFile).
	Gazetteers []string
}

// New builds an Extractor for schema s with the default gazetteer and the
// built-in models. It loads kg's models, which takes a moment: do it once per
// process.
func New(s *schemas.Schema) (*Extractor, error) { return NewWith(s, Options{}) }

// NewWith builds an Extractor with options. Its parts (gazetteers and
// lexicon, tagger and parser, recognizer, relation classifier) do not depend
// on each other: each is read on its own goroutine, so that starting takes
// the longest one's time rather than their sum. Errors are reported in
// that order.
func NewWith(s *schemas.Schema, opt Options) (*Extractor, error) {
	x := &Extractor{schema: s, roles: s.Roles, prose: sync.OnceValue(newTagger)}
	// The language file's word lists (and the triggers, tokenized by them)
	// are read while the gazetteers load, which wait for them only to
	// tokenize their names.
	langRead := make(chan struct{})
	go func() {
		x.lang = newWordLists(s.Language())
		x.rules = newRuleSet(s, x.lang)
		close(langRead)
	}()
	const parts = 5
	var (
		wg     sync.WaitGroup
		errs   [parts]error
		digest [parts][]byte // what each part read, hashed into the version
	)
	run := func(i int, f func() ([]byte, error)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := sha256.New()
			data, err := f()
			h.Write(data)
			digest[i], errs[i] = h.Sum(nil), err
		}()
	}
	run(0, func() ([]byte, error) {
		g, err := schemas.DefaultGazetteer(s)
		if err != nil {
			return nil, err
		}
		var files []byte
		for _, f := range opt.Gazetteers {
			if err := g.AddFile(s, f); err != nil {
				return nil, err
			}
			data, _ := os.ReadFile(f)
			files = append(files, data...)
		}
		<-langRead
		x.lex = newLexicon(s, g, x.lang)
		return files, nil
	})
	run(1, func() ([]byte, error) {
		d := schemas.ResourceDigest()
		// The built-in language file's words are the code's, which
		// codeVersion stands for (TestBuiltinLanguageVersion); another
		// file's are hashed in, so that stores re-extract when it changes.
		if l := s.Language(); l.Digest != schemas.DefaultLanguage().Digest {
			d = append(slices.Clip(d), l.Digest...)
		}
		return d, nil
	})
	// The parser is no optional stage: it is loaded with or without NoModels.
	run(2, func() ([]byte, error) {
		data, name, ok, err := modelFile(opt.Models, "syntax.model")
		if err != nil {
			return nil, err
		} else if !ok {
			return nil, fmt.Errorf("no syntax.model: the binary was built without its tagger and parser")
		}
		if x.syntax, err = syntax.Read(data, schemas.WordClusters()); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if strings.HasSuffix(name, builtIn) {
			// Its recorded digest (checked by TestBuiltinSyntaxDigest) stands
			// for it: hashing it all would read every page of it.
			return []byte(x.syntax.Meta.Digest), nil
		}
		return data, nil
	})
	if !opt.NoModels {
		run(3, func() ([]byte, error) {
			data, name, ok, err := modelFile(opt.Models, "ner.model")
			if err != nil || !ok {
				return nil, err
			}
			if x.ner, err = ReadNERModel(data); err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			return data, x.checkClasses(name)
		})
		run(4, func() ([]byte, error) {
			data, name, ok, err := modelFile(opt.Models, "rel.model")
			if err != nil || !ok {
				return nil, err
			}
			if x.rel, err = ReadRelModel(data); err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			if err := x.rel.fitSchema(s); err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			return data, nil
		})
	}
	wg.Wait()
	<-langRead
	ver := sha256.New()
	ver.Write([]byte(codeVersion))
	for i := range parts {
		if errs[i] != nil {
			return nil, errs[i]
		}
		ver.Write(digest[i])
	}
	x.version = codeVersion + "+" + hex.EncodeToString(ver.Sum(nil)[:6])
	return x, nil
}

// builtIn ends the name of a model read from the binary.
const builtIn = " (built in)"

// modelFile reads a model from dir, else from the binary.
func modelFile(dir, name string) ([]byte, string, bool, error) {
	if dir != "" {
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err == nil {
			return data, path, true, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, path, false, fmt.Errorf("cannot read model: %w", err)
		}
	}
	data, ok := schemas.Model(name)
	return data, name + builtIn, ok, nil
}

// checkClasses refuses a model whose classes name types the schema lacks:
// it was trained for another schema.
func (x *Extractor) checkClasses(name string) error {
	for _, c := range x.ner.Classes {
		for _, t := range c.Types {
			if _, ok := x.schema.Entity(t); !ok {
				return fmt.Errorf("%s was trained for schema %q and names entity type %q, which schema %s does not define; train one for this schema with kg train", name, x.ner.Meta.Schema, t, x.schema.Source)
			}
		}
	}
	return nil
}

// Schema returns the schema the extractor enforces.
func (x *Extractor) Schema() *schemas.Schema { return x.schema }

// analysis is the shared, token-indexed structure the stages annotate.
type analysis struct {
	doc *Document
	// gold: the text is an annotated corpus's, read to train on (analyze).
	// Its annotation marks whole words, so a hyphenated word is not split
	// into names (splitNamePairs): CoNLL04 leaves the "U.S." of
	// "U.S.-backed" unmarked, which would teach the recognizer that a
	// country's name there is none.
	gold     bool
	toks     []Token
	low      []string // each token's text, lowercased with plain quotes (lower)
	sents    []Sentence
	mentions []mention
	// byToken maps a token to the mention covering it, or -1.
	byToken  []int
	entities []*entity
	// sentSpans are each sentence's entity spans, references resolved.
	sentSpans [][]span
	// described holds, per entity, the group nouns the article described it
	// by ("The Houthis, an Iran-aligned movement"), for "the movement".
	described map[int]map[string]bool
	// relations are what the relations stage found.
	relations []relation
	// rel is the relation classifier's scratch (relScratch).
	rel *relScratch
	// cues are what each token is to assertion, cueAt the tokens that are
	// cues (assertionCues).
	cues  []uint8
	cueAt []int32
}

// Extract runs the whole pipeline on one document.
func (x *Extractor) Extract(doc *Document) *Extraction {
	a, rels := x.run(doc)
	return x.output(a, rels)
}

// run runs the pipeline's stages (stages.go) on a document.
func (x *Extractor) run(doc *Document) (*analysis, []relation) {
	a := &analysis{doc: doc}
	x.runStages(a, "", nil)
	return a, a.relations
}

// lowered computes lower(t.Text) of every token once.
func lowered(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = lower(t.Text)
	}
	return out
}

// annotate indexes the mentions by token, types them by context, and
// resolves them into entities.
func (x *Extractor) annotate(a *analysis) {
	a.byToken = make([]int, len(a.toks))
	for i := range a.byToken {
		a.byToken[i] = -1
	}
	for mi, m := range a.mentions {
		if m.Shadow {
			continue
		}
		for k := m.First; k < m.Last; k++ {
			a.byToken[k] = mi
		}
	}
	x.typeByContext(a)
	x.linkAliases(a)
	x.resolve(a)
	x.resolveReferences(a)
}

// offsets converts byte offsets into code point offsets in constant time,
// from the rune count at the first rune boundary of every 256-byte block.
type offsets struct {
	text   string
	cpByte []int
	cpRune []int
}

const offsetBlock = 256

func newOffsets(text string) *offsets {
	n := len(text)/offsetBlock + 1
	o := &offsets{text: text, cpByte: make([]int, 0, n), cpRune: make([]int, 0, n)}
	runes := 0
	for b := range text {
		for len(o.cpByte)*offsetBlock <= b {
			o.cpByte = append(o.cpByte, b)
			o.cpRune = append(o.cpRune, runes)
		}
		runes++
	}
	o.cpByte = append(o.cpByte, len(text))
	o.cpRune = append(o.cpRune, runes)
	return o
}

// at returns the code point offset of byte offset b, a rune boundary.
func (o *offsets) at(b int) int {
	i := min(b/offsetBlock, len(o.cpByte)-1)
	for i > 0 && o.cpByte[i] > b {
		i--
	}
	return o.cpRune[i] + utf8.RuneCountInString(o.text[o.cpByte[i]:b])
}

func (x *Extractor) output(a *analysis, rels []relation) *Extraction {
	doc := a.doc
	ex := &Extraction{
		Document: DocumentRef{ID: doc.ID, Path: doc.Path, Title: doc.Title, URL: doc.URL,
			Published: doc.Published, SHA256: doc.SHA256, Tokens: len(a.toks), Extractor: x.version},
		Entities:  make([]Entity, 0, len(a.entities)),
		Relations: make([]Relation, 0, len(rels)),
	}
	off := newOffsets(doc.Text)
	// Each type's chain of labels, made once and shared by the entities and
	// arguments of the type (a text dense with relations has many).
	chains := map[string][]string{}
	labels := func(typ string) []string {
		l, ok := chains[typ]
		if !ok {
			l = x.schema.Labels(typ)
			chains[typ] = l
		}
		return l
	}
	for _, e := range a.entities {
		if e.dropped {
			continue
		}
		out := Entity{ID: e.id, Name: e.name, Type: e.typ, Labels: labels(e.typ), Aliases: e.aliases}
		for _, mi := range e.mentions {
			m := a.mentions[mi]
			s, t := a.toks[m.First].Start, a.toks[m.Last-1].End
			out.Mentions = append(out.Mentions, Mention{Text: doc.Text[s:t], Start: off.at(s), End: off.at(t), Demonym: m.Demonym && !m.Named})
		}
		if out.Aliases == nil {
			out.Aliases = []string{}
		}
		ex.Entities = append(ex.Entities, out)
	}
	sort.SliceStable(ex.Entities, func(i, j int) bool {
		return ex.Entities[i].Mentions[0].Start < ex.Entities[j].Mentions[0].Start
	})
	for _, r := range rels {
		sent := a.sents[r.sent]
		arg := func(read span) Argument {
			sp := a.shownBy(read, r.sent)
			e := a.entities[sp.ent]
			s, t := a.toks[sp.first].Start, a.toks[sp.last-1].End
			out := Argument{ID: e.id, Name: e.name, Type: e.typ, Labels: labels(e.typ),
				Text: doc.Text[s:t], Start: off.at(s), End: off.at(t)}
			if sp != read {
				rs, rt := a.toks[read.first].Start, a.toks[read.last-1].End
				out.ReadFrom = &Mention{Text: doc.Text[rs:rt], Start: off.at(rs), End: off.at(rt)}
			}
			return out
		}
		subj, obj := arg(r.subj), arg(r.obj)
		from, to := evidenceSpan(a.toks, sent, r.subj, r.obj)
		ev := Evidence{Text: doc.Text[from:to], Start: off.at(from), End: off.at(to)}
		ex.Relations = append(ex.Relations, Relation{Type: r.typ, Subject: subj, Object: obj, Evidence: ev,
			Confidence: r.conf, Rule: r.rule, Assertion: x.assertion(a, r)})
	}
	sort.SliceStable(ex.Relations, func(i, j int) bool {
		ri, rj := ex.Relations[i], ex.Relations[j]
		if ri.Evidence.Start != rj.Evidence.Start {
			return ri.Evidence.Start < rj.Evidence.Start
		}
		if ri.Subject.Start != rj.Subject.Start {
			return ri.Subject.Start < rj.Subject.Start
		}
		return ri.Type+ri.Object.ID < rj.Type+rj.Object.ID
	})
	return ex
}

// maxEvidence bounds the evidence of a relation, in bytes: a "sentence" of a
// text without sentence breaks can be the whole text.
const maxEvidence = 1000

// shownBy is the span an argument is shown by: a pronoun's or a reference's
// ("its support for Iraq", "the group") is shown by the entity's name where
// the same sentence gives it ("The UK remains steadfast in its support of
// Iraq": the UK), which is what a reader looks for; the relation was read
// off the pronoun all the same.
func (a *analysis) shownBy(sp span, si int) span {
	if !sp.coref || si < 0 || si >= len(a.sentSpans) {
		return sp
	}
	for _, o := range a.sentSpans[si] {
		if o.ent == sp.ent && !o.coref && !o.demonym {
			return o
		}
	}
	return sp
}

// evidenceSpan is the byte span of a relation's evidence: its sentence, or,
// when that is over maxEvidence, the tokens from a little before the first
// argument to a little after the last.
func evidenceSpan(toks []Token, s Sentence, a, b span) (int, int) {
	if s.End-s.Start <= maxEvidence {
		return s.Start, s.End
	}
	first, last := max(s.First, min(a.first, b.first)-12), min(s.Last, max(a.last, b.last)+12)
	return toks[first].Start, toks[last-1].End
}

// Key builds an entity's graph key from its type and name, so that the same
// entity named the same way in two articles meets in one node: the most general
// type (a Country and a City are both Locations) and the name folded to
// lowercase letters and digits: "location:united-states".
func Key(s *schemas.Schema, typ, name string) string {
	root := typ
	if labels := s.Labels(typ); len(labels) > 0 {
		root = labels[0]
	}
	sl := slug(name)
	if len(sl) > maxSlug {
		// Index entries have a size limit; a long name keeps a unique key.
		sum := sha256.Sum256([]byte(sl))
		cut := maxSlug
		for cut > 0 && !utf8.RuneStart(sl[cut]) {
			cut--
		}
		sl = sl[:cut] + "-" + hex.EncodeToString(sum[:6])
	}
	return strings.ToLower(root) + ":" + sl
}

// maxSlug bounds the name part of a key, in bytes.
const maxSlug = 200

// slug is the name part of a key: the name folded to lowercase letters and
// digits. (NameKey folds further, for resolution across articles: keys stay
// as the models were trained with.)
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r == '\'' || r == '’' || r == '.' {
			continue // U.S. and US, Da'esh and Daesh fold together
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// String renders an extraction's counts, for logs.
func (e *Extraction) String() string {
	return fmt.Sprintf("%s: %d entities, %d relations", e.Document.Path, len(e.Entities), len(e.Relations))
}
