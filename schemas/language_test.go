package schemas

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestDefaultLanguage checks that the built-in language file has every key,
// in LanguageKeys' order, and no empty list.
func TestDefaultLanguage(t *testing.T) {
	l := DefaultLanguage()
	if l.Source != DefaultLanguageName {
		t.Errorf("Source = %q, want %q", l.Source, DefaultLanguageName)
	}
	var keys []string
	group := ""
	for _, line := range strings.Split(englishYAML, "\n") {
		if g, ok := strings.CutSuffix(line, ":"); ok && g != "" && !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "#") {
			group = g
		}
		if key, _, ok := strings.Cut(line, ": ["); ok && strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "  #") {
			keys = append(keys, group+"."+strings.TrimSpace(key))
		}
	}
	if !slices.Equal(keys, LanguageKeys()) {
		t.Errorf("english.yaml's keys are\n%q\nLanguageKeys\n%q", keys, LanguageKeys())
	}
	for _, k := range LanguageKeys() {
		if len(l.Words(k)) == 0 {
			t.Errorf("%s is empty", k)
		}
	}
}

// TestParseLanguageErrors checks that a bad language file is refused with
// one line naming the file, the line and the key.
func TestParseLanguageErrors(t *testing.T) {
	// full is every key with one word, so that one change makes each case.
	var full strings.Builder
	group := ""
	for _, k := range languageKeys {
		g, key, _ := strings.Cut(k, ".")
		if g != group {
			full.WriteString(g + ":\n")
			group = g
		}
		full.WriteString("  " + key + ": [w]\n")
	}
	if _, err := ParseLanguage("full.yaml", []byte(full.String())); err != nil {
		t.Fatalf("a file of every key: %v", err)
	}
	line := func(key string) int {
		for i, l := range strings.Split(full.String(), "\n") {
			if strings.HasPrefix(l, "  "+key+":") {
				return i + 1
			}
		}
		t.Fatalf("no key %s", key)
		return 0
	}
	speech := line("speech_verbs")
	tests := []struct {
		name, old, new, want string
	}{
		{"missing key", "  speech_verbs: [w]\n", "", "my.yaml: missing key speech.speech_verbs (every key of schemas/english.yaml is needed; an empty list is [])"},
		{"unknown key", "  speech_verbs: [w]\n", "  speech_verbs: [w]\n  speach_verbs: [w]\n", "my.yaml:" + strconv.Itoa(speech+1) + ": unknown key speech.speach_verbs; the keys are those of schemas/english.yaml"},
		{"key twice", "  speech_verbs: [w]\n", "  speech_verbs: [w]\n  speech_verbs: [v]\n", "my.yaml:" + strconv.Itoa(speech+1) + ": key speech.speech_verbs given twice"},
		{"not a list", "  speech_verbs: [w]\n", "  speech_verbs: said\n", "my.yaml:" + strconv.Itoa(speech) + `: speech.speech_verbs must be a list of words, like ["said", "says"]`},
		{"a list in the list", "  speech_verbs: [w]\n", "  speech_verbs: [said, [says]]\n", "my.yaml:" + strconv.Itoa(speech) + ": speech.speech_verbs must be a list of words; item 2 is not a word"},
		{"an empty word", "  speech_verbs: [w]\n", "  speech_verbs: [said, \"\"]\n", "my.yaml:" + strconv.Itoa(speech) + ": speech.speech_verbs must be a list of words; item 2 is not a word"},
		{"a null", "  speech_verbs: [w]\n", "  speech_verbs:\n    - said\n    - ~\n", "my.yaml:" + strconv.Itoa(speech+2) + ": speech.speech_verbs must be a list of words; item 2 is not a word"},
		{"a group that is a list", "speech:\n  speech_verbs: [w]\n  report_verbs: [w]\n", "speech: [said]\n", "my.yaml:" + strconv.Itoa(speech-1) + ": speech must hold keys of word lists, like schemas/english.yaml"},
		{"not YAML", "  speech_verbs: [w]\n", "  speech_verbs: [w\n", "my.yaml: line *"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Count(full.String(), tt.old) != 1 {
				t.Fatalf("%q is not once in the file", tt.old)
			}
			_, err := ParseLanguage("my.yaml", []byte(strings.Replace(full.String(), tt.old, tt.new, 1)))
			if err == nil {
				t.Fatal("accepted")
			}
			if prefix, ok := strings.CutSuffix(tt.want, "*"); ok && strings.HasPrefix(err.Error(), prefix) {
				// a YAML syntax error: the parser's own words
			} else if err.Error() != tt.want {
				t.Errorf("error\n %s\nwant\n %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is more than one line: %q", err)
			}
		})
	}
	if _, err := ParseLanguage("my.yaml", []byte("- a\n- b\n")); err == nil || !strings.HasPrefix(err.Error(), "my.yaml: a language file is groups of word lists") {
		t.Errorf("a list for a file: %v", err)
	}
}

// TestSchemaLanguage checks a schema's language entry: a path beside the
// schema file, read with it; a schema without one reads the built-in file;
// a missing file is an error naming the schema's line and the path.
func TestSchemaLanguage(t *testing.T) {
	news, err := os.ReadFile("news.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := Default().Language(); got != DefaultLanguage() {
		t.Errorf("the news schema reads %s, want the built-in file", got.Source)
	}
	dir := t.TempDir()
	edited := strings.Replace(englishYAML, `speech_verbs: ["said",`, `speech_verbs: ["grumbled", "said",`, 1)
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	write := func(name, entry string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, append(news, entry...), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	s, err := Load(write("s.yaml", "\nlanguage: mine.yaml\n"))
	if err != nil {
		t.Fatal(err)
	}
	l := s.Language()
	if l.Source != filepath.Join(dir, "mine.yaml") || l.Words("speech.speech_verbs")[0] != "grumbled" {
		t.Errorf("language %s, speech verbs %q; want %s's, grumbled first", l.Source, l.Words("speech.speech_verbs"), filepath.Join(dir, "mine.yaml"))
	}
	if l.Digest == DefaultLanguage().Digest {
		t.Error("the edited file has the built-in file's digest")
	}
	if s.Fingerprint() != Default().Fingerprint() {
		t.Error("the language entry changed the schema's fingerprint; the extractor's version stands for the words")
	}
	lines := strings.Count(string(news), "\n")
	_, err = Load(write("bad.yaml", "\nlanguage: nothing.yaml\n"))
	want := filepath.Join(dir, "bad.yaml") + ":" + strconv.Itoa(lines+2) + ": language: no file " + filepath.Join(dir, "nothing.yaml") + " (a path relative to the schema's folder)"
	if err == nil || err.Error() != want {
		t.Errorf("a missing language file: %v, want %s", err, want)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte(strings.Replace(englishYAML, "  report_verbs:", "  report_verb:", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(write("broken-schema.yaml", "\nlanguage: broken.yaml\n"))
	if err == nil || !strings.HasPrefix(err.Error(), filepath.Join(dir, "broken.yaml")+":") || !strings.Contains(err.Error(), "unknown key speech.report_verb;") {
		t.Errorf("a broken language file: %v, want its name, line and key", err)
	}
}
