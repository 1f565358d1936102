package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// GoldEntity is an entity of a gold YAML file: one acceptable name, its type,
// and other names that count as it.
type GoldEntity struct {
	Name    string   `yaml:"name"`
	Type    string   `yaml:"type"`
	Aliases []string `yaml:"aliases"`
}

// GoldArticle is what a gold YAML file expects of one article: must items a
// solid extractor gets, should items that are harder, never items that are
// typing mistakes. Relations are [subject, TYPE, object] by name.
type GoldArticle struct {
	Entities struct {
		Must   []GoldEntity `yaml:"must"`
		Should []GoldEntity `yaml:"should"`
		Never  []GoldEntity `yaml:"never"`
	} `yaml:"entities"`
	Relations struct {
		Must   [][3]string `yaml:"must"`
		Should [][3]string `yaml:"should"`
	} `yaml:"relations"`
}

// ReadGold reads a gold YAML file: article file names (relative to the file)
// to what each should yield. A "corpus" key, if any, is not an article.
func ReadGold(path string) (map[string]GoldArticle, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read gold file: %w", err)
	}
	var raw map[string]yaml.Node
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	out := map[string]GoldArticle{}
	for name, node := range raw {
		if name == "corpus" {
			continue
		}
		var g GoldArticle
		if err := node.Decode(&g); err != nil {
			return nil, fmt.Errorf("%s:%d: article %s: %s", path, node.Line, name, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		out[name] = g
	}
	return out, nil
}

// GoldNames is every name an entity goes by, folded for comparison.
func GoldNames(name string, aliases []string) map[string]bool {
	m := map[string]bool{foldName(name): true}
	for _, a := range aliases {
		m[foldName(a)] = true
	}
	return m
}

func foldName(s string) string { return strings.ToLower(strings.ReplaceAll(s, "’", "'")) }

func overlap(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// GoldMatch finds what of a gold article an extraction reached.
type GoldMatch struct {
	MustEntities, ShouldEntities   []bool // found, per item
	MustRelations, ShouldRelations []bool
	// Never lists each never item present, as "name (type)".
	Never []string
}

// MatchGold compares an extraction with a gold article. An entity matches by
// any shared name and a type that is the gold type or narrower; a never item
// matches by name and a type that is its type or narrower.
func (x *Extractor) MatchGold(ex *Extraction, g GoldArticle) GoldMatch {
	var gm GoldMatch
	findEntity := func(ge GoldEntity) bool {
		want := GoldNames(ge.Name, ge.Aliases)
		for _, e := range ex.Entities {
			if overlap(want, GoldNames(e.Name, e.Aliases)) && x.schema.IsA(e.Type, ge.Type) {
				return true
			}
		}
		return false
	}
	goldNames := func(name string) map[string]bool {
		for _, list := range [][]GoldEntity{g.Entities.Must, g.Entities.Should} {
			for _, e := range list {
				if n := GoldNames(e.Name, e.Aliases); n[foldName(name)] {
					return n
				}
			}
		}
		return GoldNames(name, nil)
	}
	argNames := func(a Argument) map[string]bool {
		for _, e := range ex.Entities {
			if e.ID == a.ID {
				return GoldNames(e.Name, e.Aliases)
			}
		}
		return GoldNames(a.Name, nil)
	}
	findRelation := func(r [3]string) bool {
		subj, obj := goldNames(r[0]), goldNames(r[2])
		for _, rel := range ex.Relations {
			if rel.Type == r[1] && overlap(subj, argNames(rel.Subject)) && overlap(obj, argNames(rel.Object)) {
				return true
			}
		}
		return false
	}
	for _, e := range g.Entities.Must {
		gm.MustEntities = append(gm.MustEntities, findEntity(e))
	}
	for _, e := range g.Entities.Should {
		gm.ShouldEntities = append(gm.ShouldEntities, findEntity(e))
	}
	for _, r := range g.Relations.Must {
		gm.MustRelations = append(gm.MustRelations, findRelation(r))
	}
	for _, r := range g.Relations.Should {
		gm.ShouldRelations = append(gm.ShouldRelations, findRelation(r))
	}
	for _, ge := range g.Entities.Never {
		bad := GoldNames(ge.Name, ge.Aliases)
		for _, e := range ex.Entities {
			if !x.schema.IsA(e.Type, ge.Type) {
				continue
			}
			hit := bad[foldName(e.Name)]
			for _, m := range e.Mentions {
				hit = hit || bad[foldName(m.Text)]
			}
			if hit {
				gm.Never = append(gm.Never, fmt.Sprintf("%s (%s)", e.Name, e.Type))
			}
		}
	}
	return gm
}

// EvaluateGold scores the articles a gold YAML file describes. Recall counts
// must and should items; the only false positives are never items, since a
// gold file does not list everything an article names.
func (x *Extractor) EvaluateGold(path string) (*Report, error) {
	gold, err := ReadGold(path)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(gold))
	for n := range gold {
		names = append(names, n)
	}
	sort.Strings(names)
	rep := &Report{Benchmark: "gold " + filepath.Base(path), Sentences: len(names), Entities: map[string]*Score{}, Relations: map[string]*Score{}}
	score := func(m map[string]*Score, label string) *Score {
		if m[label] == nil {
			m[label] = &Score{}
		}
		return m[label]
	}
	for _, name := range names {
		g := gold[name]
		doc, err := ReadFile(filepath.Join(filepath.Dir(path), name), 0)
		if err != nil {
			return nil, fmt.Errorf("%s: article %s: %v", path, name, err)
		}
		gm := x.MatchGold(x.Extract(doc).ForGraph(), g)
		ents := append(append([]GoldEntity{}, g.Entities.Must...), g.Entities.Should...)
		for i, ok := range append(append([]bool{}, gm.MustEntities...), gm.ShouldEntities...) {
			s := score(rep.Entities, ents[i].Type)
			if ok {
				s.TP++
				s.Found++
			} else {
				s.FN++
				rep.Errors = append(rep.Errors, EvalError{"entity", "FN", ents[i].Type, ents[i].Name, name, ""})
			}
		}
		rels := append(append([][3]string{}, g.Relations.Must...), g.Relations.Should...)
		for i, ok := range append(append([]bool{}, gm.MustRelations...), gm.ShouldRelations...) {
			s := score(rep.Relations, rels[i][1])
			if ok {
				s.TP++
				s.Found++
			} else {
				s.FN++
				rep.Errors = append(rep.Errors, EvalError{"relation", "FN", rels[i][1], strings.Join(rels[i][:], " "), name, ""})
			}
		}
		for _, n := range gm.Never {
			score(rep.Entities, "never").FP++
			rep.Errors = append(rep.Errors, EvalError{"entity", "FP", "never", n, name, ""})
		}
	}
	rep.sumMicro()
	return rep, nil
}
