package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// goldEntity and goldFile follow examples/articles/gold.yaml, the hand-written
// extraction expected from the example articles.
type goldEntity struct {
	Name    string   `yaml:"name"`
	Type    string   `yaml:"type"`
	Aliases []string `yaml:"aliases"`
}

type goldArticle struct {
	Entities struct {
		Must   []goldEntity `yaml:"must"`
		Should []goldEntity `yaml:"should"`
		Never  []goldEntity `yaml:"never"`
	} `yaml:"entities"`
	Relations struct {
		Must   [][3]string `yaml:"must"`
		Should [][3]string `yaml:"should"`
	} `yaml:"relations"`
}

func loadGold(t *testing.T) map[string]goldArticle {
	t.Helper()
	data, err := os.ReadFile("../examples/articles/gold.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]yaml.Node
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]goldArticle{}
	for name, node := range raw {
		if name == "corpus" {
			continue
		}
		var g goldArticle
		if err := node.Decode(&g); err != nil {
			t.Fatalf("gold.yaml %s: %v", name, err)
		}
		out[name] = g
	}
	return out
}

// names is every name an entity goes by, folded for comparison.
func names(name string, aliases []string) map[string]bool {
	m := map[string]bool{fold(name): true}
	for _, a := range aliases {
		m[fold(a)] = true
	}
	return m
}

func fold(s string) string { return strings.ToLower(strings.ReplaceAll(s, "’", "'")) }

func overlaps(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// goldNames finds the names a gold relation argument goes by, from the gold
// entity lists of the article.
func goldNames(g goldArticle, name string) map[string]bool {
	for _, list := range [][]goldEntity{g.Entities.Must, g.Entities.Should} {
		for _, e := range list {
			if n := names(e.Name, e.Aliases); n[fold(name)] {
				return n
			}
		}
	}
	return names(name, nil)
}

type goldScore struct{ mustOK, must, shouldOK, should int }

func scoreArticle(t *testing.T, x *Extractor, ex *Extraction, g goldArticle, strict bool) goldScore {
	var sc goldScore
	findEntity := func(ge goldEntity) bool {
		want := names(ge.Name, ge.Aliases)
		for _, e := range ex.Entities {
			if overlaps(want, names(e.Name, e.Aliases)) && x.schema.IsA(e.Type, ge.Type) {
				return true
			}
		}
		return false
	}
	findRelation := func(r [3]string) bool {
		subj, obj := goldNames(g, r[0]), goldNames(g, r[2])
		for _, rel := range ex.Relations {
			if rel.Type != r[1] {
				continue
			}
			if overlaps(subj, argNames(ex, rel.Subject)) && overlaps(obj, argNames(ex, rel.Object)) {
				return true
			}
		}
		return false
	}
	for _, ge := range g.Entities.Must {
		sc.must++
		if findEntity(ge) {
			sc.mustOK++
		} else if strict {
			t.Errorf("missing must entity %s (%s)", ge.Name, ge.Type)
		}
	}
	for _, r := range g.Relations.Must {
		sc.must++
		if findRelation(r) {
			sc.mustOK++
		} else if strict {
			t.Errorf("missing must relation %v", r)
		}
	}
	for _, ge := range g.Entities.Should {
		sc.should++
		if findEntity(ge) {
			sc.shouldOK++
		} else {
			t.Logf("should entity not reached: %s (%s)", ge.Name, ge.Type)
		}
	}
	for _, r := range g.Relations.Should {
		sc.should++
		if findRelation(r) {
			sc.shouldOK++
		} else {
			t.Logf("should relation not reached: %v", r)
		}
	}
	for _, ge := range g.Entities.Never {
		bad := names(ge.Name, ge.Aliases)
		for _, e := range ex.Entities {
			if bad[fold(e.Name)] && e.Type == ge.Type {
				t.Errorf("never item present: %s typed %s", e.Name, e.Type)
			}
			for _, m := range e.Mentions {
				if bad[fold(m.Text)] && e.Type == ge.Type {
					t.Errorf("never item present: mention %q of %s typed %s", m.Text, e.Name, e.Type)
				}
			}
		}
	}
	return sc
}

// argNames is every name of the entity a relation argument refers to.
func argNames(ex *Extraction, a Argument) map[string]bool {
	for _, e := range ex.Entities {
		if e.ID == a.ID {
			return names(e.Name, e.Aliases)
		}
	}
	return names(a.Name, nil)
}

// TestGold holds every must item of gold.yaml, fails on any never item, and
// logs how many should items are reached (go test -run TestGold -v).
func TestGold(t *testing.T) {
	x := testExtractor(t)
	gold := loadGold(t)
	var total goldScore
	for name, g := range gold {
		t.Run(name, func(t *testing.T) {
			doc := readExample(t, name)
			sc := scoreArticle(t, x, x.Extract(doc), g, true)
			t.Logf("must %d/%d, should %d/%d", sc.mustOK, sc.must, sc.shouldOK, sc.should)
			total.mustOK += sc.mustOK
			total.must += sc.must
			total.shouldOK += sc.shouldOK
			total.should += sc.should
		})
	}
	t.Logf("all articles: must %d/%d, should %d/%d", total.mustOK, total.must, total.shouldOK, total.should)
}

func readExample(t testing.TB, name string) *Document {
	t.Helper()
	path := filepath.Join("..", "examples", "articles", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A fixed identity keeps IDs the same on every machine.
	doc, err := Parse("examples/articles/"+name, "examples/articles/"+name, data)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
