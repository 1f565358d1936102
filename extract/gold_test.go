package extract

import (
	"os"
	"path/filepath"
	"testing"
)

func loadGold(t *testing.T) map[string]GoldArticle {
	t.Helper()
	g, err := ReadGold("../examples/articles/gold.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

type goldScore struct{ mustOK, must, shouldOK, should int }

// scoreArticle counts what an extraction reached of a gold article; strict
// makes every missing must item and every never item (subtypes included) an
// error.
func scoreArticle(t *testing.T, x *Extractor, ex *Extraction, g GoldArticle, strict bool) goldScore {
	var sc goldScore
	gm := x.MatchGold(ex, g)
	for i, ok := range gm.MustEntities {
		sc.must++
		if ok {
			sc.mustOK++
		} else if strict {
			t.Errorf("missing must entity %s (%s)", g.Entities.Must[i].Name, g.Entities.Must[i].Type)
		}
	}
	for i, ok := range gm.MustRelations {
		sc.must++
		if ok {
			sc.mustOK++
		} else if strict {
			t.Errorf("missing must relation %v", g.Relations.Must[i])
		}
	}
	for i, ok := range gm.ShouldEntities {
		sc.should++
		if ok {
			sc.shouldOK++
		} else {
			t.Logf("should entity not reached: %s (%s)", g.Entities.Should[i].Name, g.Entities.Should[i].Type)
		}
	}
	for i, ok := range gm.ShouldRelations {
		sc.should++
		if ok {
			sc.shouldOK++
		} else {
			t.Logf("should relation not reached: %v", g.Relations.Should[i])
		}
	}
	for _, n := range gm.Never {
		t.Errorf("never item present: %s", n)
	}
	return sc
}

// shouldFloor is how many should items of gold.yaml the extractor reaches
// at least: a change that loses one fails TestGold, so that a golden update
// cannot hide it; raise it when a change reaches more.
const shouldFloor = 26

// TestGold holds every must item of gold.yaml, fails on any never item, and
// logs how many should items are reached (go test -run TestGold -v), failing
// below shouldFloor.
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
	if total.shouldOK < shouldFloor {
		t.Errorf("should items reached: %d, fewer than %d (shouldFloor); the not-reached ones are logged above (-v)", total.shouldOK, shouldFloor)
	}
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
