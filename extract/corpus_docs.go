package extract

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Document-level corpus formats: whole documents with entity mentions and
// relations between them, scored as a graph would use them.
const (
	FormatRe3d       = "re3d"       // a re3d source folder: documents.json, entities.json, relations.json
	FormatReDocRED   = "redocred"   // DocRED / Re-DocRED JSON: an array of {title, sents, vertexSet, labels}
	FormatWikiEvents = "wikievents" // WikiEvents JSON lines, with coref_*.jsonlines beside it
)

// GoldDoc is one annotated document for document-level scoring. Offsets are
// Unicode code point offsets into Text, end exclusive, as in an Extraction.
type GoldDoc struct {
	ID   string
	Text string
	// Mentions are the annotated entity mentions, named or not.
	Mentions []GoldMention
	// Facts are the annotated relations between mentions or entities.
	Facts []GoldFact
}

// GoldMention is one annotated mention of an entity.
type GoldMention struct {
	Start, End int
	// Label is the corpus's entity label ("Person", "PER", "GPE").
	Label string
	// Entity groups the mentions of one entity (a coreference cluster);
	// -1 when the corpus gives none.
	Entity int
	// Named is true for a name ("Tobias Ellwood", "ISIS"), false for a
	// description or a pronoun ("the rebels", "we").
	Named bool
}

// GoldFact is one annotated relation. Head and Tail list the mentions, by
// index into Mentions, that may stand for each argument: the argument span
// itself (re3d) or every mention of its entity (Re-DocRED, WikiEvents).
type GoldFact struct {
	Head, Tail []int
	// Label is the corpus's relation label ("FightingAgainst", "P131").
	Label string
}

// named reports whether a gold argument's words are a name rather than a
// description or a pronoun: some word other than a function word starts
// with a capital letter, and where the mention opens a sentence its first
// word counts only when it is all capitals or has a capital inside
// ("ISIS", "McChrystal"), since any first word is capitalized.
func named(text string, sentenceInitial bool) bool {
	words := strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '/' })
	for i, w := range words {
		w = strings.Trim(w, "\"'“”‘’()[],.;:")
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || !unicode.IsUpper(r) || functionWord[strings.ToLower(w)] {
			continue
		}
		if i == 0 && sentenceInitial && !innerCapital(w) {
			continue
		}
		return true
	}
	return false
}

// functionWord are capitalized words that make no name by themselves.
var functionWord = setOf("the", "a", "an", "this", "that", "these", "those", "we", "they", "he", "she", "it",
	"i", "you", "our", "their", "his", "her", "its", "my", "your", "us", "them", "him", "who", "which",
	"some", "all", "both", "each", "other", "another", "such", "of", "and", "or", "in", "on", "at", "for")

func innerCapital(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// startsSentence reports whether the code point offset at opens a sentence
// of text: nothing but spaces, quotes or brackets since the start, a line
// break or a sentence's final punctuation.
func startsSentence(runes []rune, at int) bool {
	for i := at - 1; i >= 0; i-- {
		switch r := runes[i]; {
		case r == '\n':
			return true
		case unicode.IsSpace(r) || strings.ContainsRune("\"'“‘([", r):
			continue
		default:
			return strings.ContainsRune(".!?:;", r)
		}
	}
	return true
}

// ReadDocs reads a document-level corpus. part selects documents where the
// format has fixed parts (Re-DocRED: "dev" is its last 100 documents,
// "train" the others, "" or "all" every one).
func ReadDocs(path, format, part string) ([]GoldDoc, error) {
	switch format {
	case FormatRe3d:
		return readRe3d(path)
	case FormatReDocRED:
		return readReDocRED(path, part)
	case FormatWikiEvents:
		return readWikiEvents(path)
	}
	return nil, fmt.Errorf("%s: unknown document corpus format %q: use %s, %s or %s", path, format, FormatRe3d, FormatReDocRED, FormatWikiEvents)
}

// DetectDocFormat guesses a document-level format from a path: a folder
// holding documents.json is re3d, a .jsonl file WikiEvents.
func DetectDocFormat(path string) string {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		if _, err := os.Stat(filepath.Join(path, "documents.json")); err == nil {
			return FormatRe3d
		}
		return ""
	}
	if strings.HasSuffix(strings.ToLower(path), ".jsonl") {
		return FormatWikiEvents
	}
	return ""
}

// readJSONLines decodes every line of a JSON-lines file into a new T.
func readJSONLines[T any](path string, each func(T)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot read corpus: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return fmt.Errorf("%s:%d: %v", path, line, err)
		}
		each(v)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readRe3d reads one re3d source folder (mongoexport JSON lines): each
// entity is a mention, and each relation joins its two argument spans.
func readRe3d(dir string) ([]GoldDoc, error) {
	type span struct{ start, end int }
	var order []string
	docs := map[string]*GoldDoc{}
	index := map[string]map[span]int{} // doc -> span -> mention
	err := readJSONLines(filepath.Join(dir, "documents.json"), func(d struct {
		ID   string `json:"_id"`
		Text string `json:"text"`
	}) {
		if docs[d.ID] == nil {
			order = append(order, d.ID)
			docs[d.ID] = &GoldDoc{ID: d.ID, Text: d.Text}
			index[d.ID] = map[span]int{}
		}
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is not a re3d source folder: it has no documents.json", dir)
	}
	if err != nil {
		return nil, err
	}
	runes := map[string][]rune{}
	mention := func(doc string, start, end int, label string) (int, bool) {
		d := docs[doc]
		if d == nil {
			return 0, false
		}
		if runes[doc] == nil {
			runes[doc] = []rune(d.Text)
		}
		rs := runes[doc]
		if start < 0 || end > len(rs) || start >= end {
			return 0, false
		}
		if i, ok := index[doc][span{start, end}]; ok {
			if d.Mentions[i].Label == "" {
				d.Mentions[i].Label = label
			}
			return i, true
		}
		text := string(rs[start:end])
		m := GoldMention{Start: start, End: end, Label: label, Entity: -1,
			Named: named(text, startsSentence(rs, start))}
		d.Mentions = append(d.Mentions, m)
		index[doc][span{start, end}] = len(d.Mentions) - 1
		return len(d.Mentions) - 1, true
	}
	err = readJSONLines(filepath.Join(dir, "entities.json"), func(e struct {
		Doc   string `json:"documentId"`
		Begin int    `json:"begin"`
		End   int    `json:"end"`
		Type  string `json:"type"`
	}) {
		mention(e.Doc, e.Begin, e.End, e.Type)
	})
	if err != nil {
		return nil, err
	}
	type factKey struct {
		h, t  int
		label string
	}
	seen := map[string]map[factKey]bool{}
	err = readJSONLines(filepath.Join(dir, "relations.json"), func(r struct {
		Doc         string `json:"documentId"`
		SourceBegin int    `json:"sourceBegin"`
		SourceEnd   int    `json:"sourceEnd"`
		TargetBegin int    `json:"targetBegin"`
		TargetEnd   int    `json:"targetEnd"`
		Type        string `json:"type"`
	}) {
		h, ok1 := mention(r.Doc, r.SourceBegin, r.SourceEnd, "")
		t, ok2 := mention(r.Doc, r.TargetBegin, r.TargetEnd, "")
		if !ok1 || !ok2 {
			return
		}
		k := factKey{h, t, r.Type}
		if seen[r.Doc] == nil {
			seen[r.Doc] = map[factKey]bool{}
		}
		if seen[r.Doc][k] {
			return
		}
		seen[r.Doc][k] = true
		d := docs[r.Doc]
		d.Facts = append(d.Facts, GoldFact{Head: []int{h}, Tail: []int{t}, Label: r.Type})
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(order)
	out := make([]GoldDoc, 0, len(order))
	for _, id := range order {
		out = append(out, *docs[id])
	}
	return out, nil
}

// ReDocREDDevDocs is how many documents, counted from the end of Re-DocRED's
// dev file, form kg's development part: never trained on, tuned on.
const ReDocREDDevDocs = 100

// readReDocRED reads DocRED-style JSON. Each document's sentences are
// joined with a line break and their tokens with spaces; every entity of
// vertexSet is a named entity whose mentions are its cluster.
func readReDocRED(path, part string) ([]GoldDoc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read corpus: %w", err)
	}
	var raw []struct {
		Title     string     `json:"title"`
		Sents     [][]string `json:"sents"`
		VertexSet [][]struct {
			Pos    [2]int `json:"pos"`
			SentID int    `json:"sent_id"`
			Type   string `json:"type"`
		} `json:"vertexSet"`
		Labels []struct {
			H int    `json:"h"`
			T int    `json:"t"`
			R string `json:"r"`
		} `json:"labels"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: not DocRED JSON (an array of {title, sents, vertexSet, labels}): %v", path, err)
	}
	lo, hi := 0, len(raw)
	switch part {
	case "", "all":
	case "dev":
		lo = max(0, len(raw)-ReDocREDDevDocs)
	case "train":
		hi = max(0, len(raw)-ReDocREDDevDocs)
	default:
		return nil, fmt.Errorf("unknown part %q of %s: use dev (its last %d documents), train (the others) or all", part, path, ReDocREDDevDocs)
	}
	out := make([]GoldDoc, 0, hi-lo)
	for n := lo; n < hi; n++ {
		r := raw[n]
		d := GoldDoc{ID: fmt.Sprintf("%s#%d %s", filepath.Base(path), n+1, r.Title)}
		var b strings.Builder
		cp := 0
		starts := make([][]int, len(r.Sents)) // sentence -> token -> [start, end) code points
		for s, toks := range r.Sents {
			if s > 0 {
				b.WriteByte('\n')
				cp++
			}
			starts[s] = make([]int, 2*len(toks))
			for i, t := range toks {
				if i > 0 {
					b.WriteByte(' ')
					cp++
				}
				starts[s][2*i] = cp
				b.WriteString(t)
				cp += utf8.RuneCountInString(t)
				starts[s][2*i+1] = cp
			}
		}
		d.Text = b.String()
		clusters := make([][]int, len(r.VertexSet))
		for e, ms := range r.VertexSet {
			for _, m := range ms {
				if m.SentID < 0 || m.SentID >= len(starts) || m.Pos[0] < 0 || m.Pos[1] > len(starts[m.SentID])/2 || m.Pos[0] >= m.Pos[1] {
					return nil, fmt.Errorf("%s: document %d (%s): entity %d has a mention outside its sentence", path, n+1, r.Title, e)
				}
				span := starts[m.SentID]
				d.Mentions = append(d.Mentions, GoldMention{Start: span[2*m.Pos[0]], End: span[2*m.Pos[1]-1], Label: m.Type, Entity: e, Named: true})
				clusters[e] = append(clusters[e], len(d.Mentions)-1)
			}
		}
		for _, l := range r.Labels {
			if l.H < 0 || l.H >= len(clusters) || l.T < 0 || l.T >= len(clusters) {
				return nil, fmt.Errorf("%s: document %d (%s): relation %s joins entity %d and %d, but it has %d", path, n+1, r.Title, l.R, l.H, l.T, len(clusters))
			}
			d.Facts = append(d.Facts, GoldFact{Head: clusters[l.H], Tail: clusters[l.T], Label: l.R})
		}
		out = append(out, d)
	}
	return out, nil
}

// wikiEventsRoles are the event arguments that make a relation, as
// "event type prefix/subject role/object role" -> relation label.
var wikiEventsRoles = []struct{ event, subj, obj, label string }{
	{"Conflict.Attack", "Attacker", "Target", "Attack"},
	{"Life.Die", "Killer", "Victim", "Kill"},
	{"Life.Injure", "Injurer", "Victim", "Injure"},
}

// readWikiEvents reads WikiEvents JSON lines and the coreference clusters
// in coref_<name>.jsonlines beside them. A document's text is rebuilt with
// each sentence at the offset of its first token. Attack, Die and Injure
// events give a relation between each pair of their attacker (killer,
// injurer) and target (victim) arguments' entities.
func readWikiEvents(path string) ([]GoldDoc, error) {
	type record struct {
		DocID    string            `json:"doc_id"`
		RawSents []json.RawMessage `json:"sentences"`
		Mentions []struct {
			ID    string `json:"id"`
			Start int    `json:"start"`
			End   int    `json:"end"`
			Type  string `json:"entity_type"`
		} `json:"entity_mentions"`
		Events []struct {
			Type string `json:"event_type"`
			Args []struct {
				Entity string `json:"entity_id"`
				Role   string `json:"role"`
			} `json:"arguments"`
		} `json:"event_mentions"`
	}
	coref := map[string][][]string{}
	base := filepath.Base(path)
	corefPath := filepath.Join(filepath.Dir(path), "coref_"+strings.TrimSuffix(base, filepath.Ext(base))+".jsonlines")
	if _, err := os.Stat(corefPath); err == nil {
		err := readJSONLines(corefPath, func(c struct {
			Doc      string     `json:"doc_key"`
			Clusters [][]string `json:"clusters"`
		}) {
			coref[c.Doc] = c.Clusters
		})
		if err != nil {
			return nil, err
		}
	}
	var out []GoldDoc
	var bad error
	err := readJSONLines(path, func(r record) {
		if bad != nil {
			return
		}
		d, err := wikiEventsDoc(r.DocID, r.RawSents, func(each func(id string, start, end int, label string)) {
			for _, m := range r.Mentions {
				each(m.ID, m.Start, m.End, m.Type)
			}
		}, coref[r.DocID])
		if err != nil {
			bad = fmt.Errorf("%s: document %s: %w", path, r.DocID, err)
			return
		}
		for _, ev := range r.Events {
			for _, role := range wikiEventsRoles {
				if !strings.HasPrefix(ev.Type, role.event+".") && ev.Type != role.event {
					continue
				}
				for _, a := range ev.Args {
					for _, b := range ev.Args {
						if a.Role == role.subj && b.Role == role.obj {
							d.addFact(a.Entity, b.Entity, role.label)
						}
					}
				}
			}
		}
		out = append(out, d.GoldDoc)
	})
	if err == nil {
		err = bad
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// wikiDoc is a WikiEvents document being read: mention ids to indexes.
type wikiDoc struct {
	GoldDoc
	ids      map[string]int
	clusters map[int][]int // entity -> mentions
	seen     map[string]bool
}

func (d *wikiDoc) addFact(subj, obj, label string) {
	h, ok1 := d.ids[subj]
	t, ok2 := d.ids[obj]
	if !ok1 || !ok2 {
		return
	}
	he, te := d.Mentions[h].Entity, d.Mentions[t].Entity
	if he == te {
		return
	}
	key := fmt.Sprintf("%d|%d|%s", he, te, label)
	if d.seen[key] {
		return
	}
	d.seen[key] = true
	d.Facts = append(d.Facts, GoldFact{Head: d.clusters[he], Tail: d.clusters[te], Label: label})
}

func wikiEventsDoc(id string, rawSents []json.RawMessage, mentions func(func(id string, start, end int, label string)), clusters [][]string) (*wikiDoc, error) {
	// A sentence is [[[token, start, end], ...], text].
	type tok struct{ start, end int }
	var sents [][]tok
	var text []rune
	for n, raw := range rawSents {
		var pair []json.RawMessage
		if err := json.Unmarshal(raw, &pair); err != nil || len(pair) != 2 {
			return nil, fmt.Errorf("sentence %d is not [tokens, text]", n)
		}
		var toks [][3]any
		var stext string
		if err := json.Unmarshal(pair[0], &toks); err != nil {
			return nil, fmt.Errorf("sentence %d: %v", n, err)
		}
		if err := json.Unmarshal(pair[1], &stext); err != nil {
			return nil, fmt.Errorf("sentence %d: %v", n, err)
		}
		var ts []tok
		for _, t := range toks {
			s, ok1 := t[1].(float64)
			e, ok2 := t[2].(float64)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("sentence %d: a token without offsets", n)
			}
			ts = append(ts, tok{int(s), int(e)})
		}
		sents = append(sents, ts)
		if len(ts) == 0 {
			continue
		}
		at := ts[0].start
		for len(text) < at {
			if len(text) > 0 && text[len(text)-1] != '\n' && len(text) == at-1 {
				text = append(text, '\n')
			} else {
				text = append(text, ' ')
			}
		}
		if len(text) > at {
			text = text[:at] // overlapping sentences: the later one wins
		}
		text = append(text, []rune(stext)...)
	}
	d := &wikiDoc{GoldDoc: GoldDoc{ID: id, Text: string(text)}, ids: map[string]int{}, clusters: map[int][]int{}, seen: map[string]bool{}}
	cluster := map[string]int{}
	for c, ids := range clusters {
		for _, m := range ids {
			cluster[m] = c
		}
	}
	next := len(clusters)
	var all []tok
	for _, ts := range sents {
		all = append(all, ts...)
	}
	var bad error
	mentions(func(mid string, start, end int, label string) {
		if bad != nil {
			return
		}
		// start and end index the document's tokens, the sentences' in turn.
		if start < 0 || end > len(all) || start >= end {
			bad = fmt.Errorf("mention %s lies outside the document's %d tokens", mid, len(all))
			return
		}
		s, e := all[start].start, all[end-1].end
		if e > len(text) {
			bad = fmt.Errorf("mention %s lies outside the text", mid)
			return
		}
		c, ok := cluster[mid]
		if !ok {
			c = next
			next++
		}
		initial := startsSentence(text, s)
		m := GoldMention{Start: s, End: e, Label: label, Entity: c, Named: named(string(text[s:e]), initial)}
		d.Mentions = append(d.Mentions, m)
		d.ids[mid] = len(d.Mentions) - 1
		d.clusters[c] = append(d.clusters[c], len(d.Mentions)-1)
	})
	return d, bad
}

// TrainingDocs turns whole annotated documents into training items for the
// entity recognizer: each document one item, its text whole, its entities the
// gold mentions that are names (a description such as "the rebels" is no
// name for kg to find, nor is a title such as "Foreign Office Minister",
// which re3d marks as a Person: a mention ending in one of the lexicon's
// titles), in byte offsets. Where named mentions overlap, the shorter stays
// ("U.S." within "U.S. forces"). A gold relation joins every pair of kept
// mentions that stand for its two arguments (for Re-DocRED, every mention
// of each entity), in both orders for the benchmark's undirected labels.
func (x *Extractor) TrainingDocs(docs []GoldDoc, benchmark string) []Annotated {
	undirected := map[string]bool{}
	for _, l := range x.schema.Benchmarks[benchmark].Undirected {
		undirected[l] = true
	}
	endsInTitle := func(text string) bool {
		toks := Tokenize(text)
		for i := range toks {
			if _, n := x.lex.titles.longest(toks, i, len(toks), exact); n > 0 && i+n == len(toks) {
				return true
			}
		}
		return false
	}
	out := make([]Annotated, 0, len(docs))
	for _, d := range docs {
		bytesAt := cpToByte(d.Text)
		type indexed struct {
			GoldMention
			i int
		}
		ms := make([]indexed, 0, len(d.Mentions))
		for i, m := range d.Mentions {
			if m.Named && m.Label != "" && m.Start >= 0 && m.End < len(bytesAt) && m.Start < m.End &&
				!endsInTitle(d.Text[bytesAt[m.Start]:bytesAt[m.End]]) {
				ms = append(ms, indexed{m, i})
			}
		}
		sort.SliceStable(ms, func(i, j int) bool {
			if li, lj := ms[i].End-ms[i].Start, ms[j].End-ms[j].Start; li != lj {
				return li < lj
			}
			return ms[i].Start < ms[j].Start
		})
		var kept []indexed
		for _, m := range ms {
			free := true
			for _, k := range kept {
				if m.Start < k.End && k.Start < m.End {
					free = false
					break
				}
			}
			if free {
				kept = append(kept, m)
			}
		}
		sort.Slice(kept, func(i, j int) bool { return kept[i].Start < kept[j].Start })
		a := Annotated{ID: d.ID, Text: d.Text}
		entity := map[int]int{} // gold mention -> kept entity
		for _, m := range kept {
			entity[m.i] = len(a.Entities)
			a.Entities = append(a.Entities, GoldSpan{Start: bytesAt[m.Start], End: bytesAt[m.End], Label: m.Label})
		}
		seen := map[GoldRelation]bool{}
		add := func(h, t int, label string) {
			r := GoldRelation{Head: h, Tail: t, Label: label}
			if h != t && !seen[r] {
				seen[r] = true
				a.Relations = append(a.Relations, r)
			}
		}
		// An argument is the kept name it is, or else the kept names its
		// span overlaps: re3d's arguments often take in more words than the
		// entity ("the city of Mosul" for "Mosul"), and a pair of names left
		// without its relation would teach that they are unrelated.
		standsFor := func(gm int) []int {
			if e, ok := entity[gm]; ok {
				return []int{e}
			}
			var out []int
			g := d.Mentions[gm]
			for _, m := range kept {
				if m.Start < g.End && g.Start < m.End {
					out = append(out, entity[m.i])
				}
			}
			return out
		}
		for _, f := range d.Facts {
			for _, hm := range f.Head {
				for _, tm := range f.Tail {
					for _, h := range standsFor(hm) {
						for _, t := range standsFor(tm) {
							add(h, t, f.Label)
							if undirected[f.Label] {
								add(t, h, f.Label)
							}
						}
					}
				}
			}
		}
		out = append(out, a)
	}
	return out
}
