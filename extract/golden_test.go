package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGoldenExamples compares the full extraction of each example article with
// testdata/golden/<article>.json. After a deliberate change, rerun with -update
// and read the diff.
func TestGoldenExamples(t *testing.T) {
	x := testExtractor(t)
	entries, err := os.ReadDir("../examples/articles")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !Supported(e.Name()) {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			got, err := json.MarshalIndent(x.Extract(readExample(t, e.Name())), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./extract -run TestGoldenExamples -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("extraction of %s differs from %s; rerun with -update and review the diff", e.Name(), path)
			}
		})
	}
}

// TestOffsets checks the output contract on the examples: every mention,
// argument and evidence offset counts code points and selects its text.
func TestOffsets(t *testing.T) {
	x := testExtractor(t)
	for _, name := range []string{"isis-k-kabul-airport-threat.txt", "us-designates-isis-k-leaders.md", "islamic-state-and-us-policy.txt"} {
		doc := readExample(t, name)
		checkOffsets(t, doc, x.Extract(doc))
	}
}

func checkOffsets(t *testing.T, doc *Document, ex *Extraction) {
	t.Helper()
	runes := []rune(doc.Text)
	sel := func(s, e int) string {
		if s < 0 || e > len(runes) || s > e {
			return "<out of range>"
		}
		return string(runes[s:e])
	}
	for _, e := range ex.Entities {
		if len(e.Mentions) == 0 {
			t.Errorf("entity %s has no mentions", e.Name)
		}
		if len(e.Labels) == 0 || e.Labels[len(e.Labels)-1] != e.Type {
			t.Errorf("entity %s: labels %v do not end in its type %s", e.Name, e.Labels, e.Type)
		}
		for _, m := range e.Mentions {
			if got := sel(m.Start, m.End); got != m.Text {
				t.Errorf("mention %q at [%d,%d) selects %q", m.Text, m.Start, m.End, got)
			}
		}
	}
	for _, r := range ex.Relations {
		for i, a := range []Argument{r.Subject, r.Object} {
			if got := sel(a.Start, a.End); got != a.Text {
				t.Errorf("%s argument %q at [%d,%d) selects %q", r.Type, a.Text, a.Start, a.End, got)
			}
			implied := strings.HasPrefix(r.Rule, "inferred/") || strings.HasPrefix(r.Rule, "known/")
			if (a.Start < r.Evidence.Start || a.End > r.Evidence.End) && !(implied && i == 1) {
				t.Errorf("%s argument %q lies outside its evidence", r.Type, a.Text)
			}
		}
		if got := sel(r.Evidence.Start, r.Evidence.End); got != r.Evidence.Text {
			t.Errorf("evidence at [%d,%d) selects %q, not %q", r.Evidence.Start, r.Evidence.End, got, r.Evidence.Text)
		}
		if r.Confidence <= 0 || r.Confidence > 1 || r.Rule == "" {
			t.Errorf("%s: confidence %v, rule %q", r.Type, r.Confidence, r.Rule)
		}
	}
}

// FuzzExtract runs the pipeline on arbitrary text: it must not panic, and its
// output must keep the offset contract.
// go test ./extract -run '^$' -fuzz FuzzExtract -fuzztime 60s
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"", ".", "U.S.", "\"", "(", "ISIS-K's", "’s", "President", "Mr. X said.", "a, or B,", "X (", "the group's",
		"Known as ISIS-K, the group is a branch of the Islamic State in Iraq and Syria (ISIS).",
		"Sanaullah Ghafari, also known as Shahab al-Muhajir, is the group's current overall emir.",
		"in Afghanistan’s Nangarhar Province", "\u00e9\u0301 Caf\u00e9 — “Quote” … ISIL/ISIS",
		"---\ntitle: x\n---\nBody.", "Kabul, Afghanistan, ", "its leader, ", "by . by by was killed by",
	} {
		f.Add(s)
	}
	x := testExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := Parse("fuzz", "fuzz", []byte(text))
		if err != nil {
			return // binary and invalid UTF-8 are refused, which is right
		}
		checkOffsets(t, doc, x.Extract(doc))
	})
}
