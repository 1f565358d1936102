package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kg/kg/schemas"
)

// TestBuiltinLanguageIsBefore checks that the built-in language file gives
// exactly the word lists package extract held as Go variables before they
// moved to schemas/english.yaml (testdata/language/before.golden.json: each
// variable's name, which is its wordLists field's, the key it moved to and
// its words in order): the file's list under each key, in order, and the
// extractor's field read from it. After a deliberate change to the file,
// rerun with -update and read the diff.
func TestBuiltinLanguageIsBefore(t *testing.T) {
	type list struct {
		Key   string   `json:"key"`
		Words []string `json:"words"`
	}
	path := filepath.Join("testdata", "language", "before.golden.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]list
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	l := schemas.DefaultLanguage()
	if *update {
		for name, w := range want {
			want[name] = list{w.Key, l.Words(w.Key)}
		}
		data, err := json.MarshalIndent(want, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	keys := map[string]bool{}
	for _, w := range want {
		keys[w.Key] = true
	}
	for _, k := range schemas.LanguageKeys() {
		if !keys[k] {
			t.Errorf("key %s is not in %s", k, path)
		}
	}
	v := reflect.ValueOf(newWordLists(l)).Elem()
	if v.NumField() != len(want) {
		t.Errorf("wordLists has %d fields, %s %d lists", v.NumField(), path, len(want))
	}
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		w, ok := want[name]
		if !ok {
			t.Errorf("field %s is not in %s", name, path)
			continue
		}
		if got := l.Words(w.Key); !slices.Equal(got, w.Words) {
			t.Errorf("%s:\n got %q\nwant %q", w.Key, got, w.Words)
		}
		if got := fieldWords(v.Field(i)); !slices.Equal(got, sorted(w.Words)) {
			t.Errorf("field %s holds %q, want %q (%s)", name, got, sorted(w.Words), w.Key)
		}
	}
}

// fieldWords are the words of a wordLists field, sorted: a set's, a
// list's, or a list of phrases' joined by spaces.
func fieldWords(f reflect.Value) []string {
	var words []string
	switch f.Kind() {
	case reflect.Map:
		for _, k := range f.MapKeys() {
			words = append(words, k.String())
		}
	case reflect.Slice:
		for j := range f.Len() {
			e := f.Index(j)
			if e.Kind() != reflect.Slice {
				words = append(words, e.String())
				continue
			}
			var phrase []string
			for k := range e.Len() {
				phrase = append(phrase, e.Index(k).String())
			}
			words = append(words, strings.Join(phrase, " "))
		}
	}
	return sorted(words)
}

// sorted returns the distinct words of list, sorted.
func sorted(list []string) []string {
	out := slices.Clone(list)
	sort.Strings(out)
	return slices.Compact(out)
}

// builtinLanguageSHA256 is the SHA-256 of schemas/english.yaml that
// codeVersion stands for: the built-in file is not hashed into the
// extractor's version, so a change to it must bump codeVersion.
const builtinLanguageSHA256 = "1b1bf85af11f736f9e87615bc29e199b508c228f52eec8c049fa3b63d3513f69"

// TestBuiltinLanguageVersion fails when schemas/english.yaml changes
// without codeVersion: bump codeVersion (stores then re-extract) and record
// the file's new SHA-256 above.
func TestBuiltinLanguageVersion(t *testing.T) {
	if got := schemas.DefaultLanguage().Digest; got != builtinLanguageSHA256 {
		t.Errorf("schemas/english.yaml changed (SHA-256 %s, recorded %s): bump codeVersion in extractor.go (now %s) and record the new SHA-256 in builtinLanguageSHA256", got, builtinLanguageSHA256, codeVersion)
	}
}

// languageExtractor builds an extractor whose schema is the news schema
// with a language entry naming the built-in language file as edit leaves it.
func languageExtractor(t *testing.T, edit func(string) string, opt Options) *Extractor {
	t.Helper()
	dir := t.TempDir()
	lang, err := os.ReadFile("../schemas/english.yaml")
	if err != nil {
		t.Fatal(err)
	}
	news, err := os.ReadFile("../schemas/news.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "my-english.yaml"), []byte(edit(string(lang))), 0o644); err != nil {
		t.Fatal(err)
	}
	schema := filepath.Join(dir, "my-news.yaml")
	if err := os.WriteFile(schema, append(news, "\nlanguage: my-english.yaml\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := schemas.Load(schema)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Language().Source, filepath.Join(dir, "my-english.yaml"); got != want {
		t.Fatalf("the schema's language file is %s, want %s", got, want)
	}
	x, err := NewWith(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// replaceOnce returns an edit that replaces old with new in the file, and
// fails the test when old is not in it exactly once.
func replaceOnce(t *testing.T, old, new string) func(string) string {
	return func(s string) string {
		if n := strings.Count(s, old); n != 1 {
			t.Fatalf("%q is %d times in schemas/english.yaml, want once", old, n)
		}
		return strings.Replace(s, old, new, 1)
	}
}

// summary is what a test reads of an extraction: the entities with their
// types, and the relations with how the text states them.
func summary(ex *Extraction) string {
	var out []string
	for _, e := range ex.Entities {
		out = append(out, e.Name+"/"+e.Type)
	}
	for _, r := range ex.Relations {
		out = append(out, r.Subject.Name+" "+r.Type+" "+r.Object.Name+" "+r.Assertion)
	}
	return strings.Join(out, "; ")
}

// TestEditedLanguage checks that a user's language file is what the
// extractor reads: the same words as the built-in file extract the same and
// keep the built-in version; each edit changes what a sentence gives, and
// the version.
func TestEditedLanguage(t *testing.T) {
	tests := []struct {
		name       string
		old, new   string
		noModels   bool
		text       string
		before     string // with the built-in words
		afterwards string // with the edited file
	}{
		{
			name: "a speech verb added types its speaker", noModels: true,
			old: `speech_verbs: ["said",`, new: `speech_verbs: ["grumbled", "said",`,
			text:   "Zorblax Quintel grumbled on Monday.",
			before: "", afterwards: "Zorblax Quintel/Person",
		},
		{
			name: "a negation cue taken out",
			old:  `"not", "n't", "never", `, new: `"not", "n't", `,
			text:       "The Nordland Front never attacked Kirkuk.",
			before:     "Nordland Front/Organization; Kirkuk/City; Nordland Front ATTACKED Kirkuk negated",
			afterwards: "Nordland Front/Organization; Kirkuk/City; Nordland Front ATTACKED Kirkuk asserted",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{NoModels: tt.noModels}
			builtin, err := NewWith(schemas.Default(), opt)
			if err != nil {
				t.Fatal(err)
			}
			same := languageExtractor(t, func(s string) string { return s }, opt)
			edited := languageExtractor(t, replaceOnce(t, tt.old, tt.new), opt)
			doc := &Document{ID: "t", Text: tt.text}
			for _, c := range []struct {
				name string
				x    *Extractor
				want string
			}{{"built-in", builtin, tt.before}, {"a copy of the built-in file", same, tt.before}, {"the edited file", edited, tt.afterwards}} {
				if got := summary(c.x.Extract(doc)); got != c.want {
					t.Errorf("%q with %s: %q, want %q", tt.text, c.name, got, c.want)
				}
			}
			if same.Version() != builtin.Version() {
				t.Errorf("a copy of the built-in file changed the version: %s, built in %s", same.Version(), builtin.Version())
			}
			if edited.Version() == builtin.Version() {
				t.Errorf("the edited file kept the built-in version %s", builtin.Version())
			}
		})
	}
}

// TestLanguageDigest checks that a language file's digest is its bytes'.
func TestLanguageDigest(t *testing.T) {
	data, err := os.ReadFile("../schemas/english.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got := schemas.DefaultLanguage().Digest; got != hex.EncodeToString(sum[:]) {
		t.Errorf("built-in digest %s, the file's SHA-256 %x", got, sum)
	}
}
