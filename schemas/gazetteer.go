package schemas

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Entry is one known entity of a gazetteer: its canonical name, its type, the
// other names it goes by, and the adjectives that refer to it ("Pakistani").
type Entry struct {
	Name      string   `yaml:"name"`
	Type      string   `yaml:"type,omitempty"`
	Aliases   []string `yaml:"aliases,omitempty"`
	Demonyms  []string `yaml:"demonyms,omitempty"`
	Capital   string   `yaml:"capital,omitempty"`
	LocatedIn string   `yaml:"located_in,omitempty"`
}

// Gazetteer is every known name of the news domain, plus the signals used to
// recognize people's names.
type Gazetteer struct {
	Entries    []Entry
	Titles     []string
	GivenNames []string
}

type gazetteerFile struct {
	Type       string   `yaml:"type"`
	Entries    []Entry  `yaml:"entries"`
	Titles     []string `yaml:"titles"`
	GivenNames []string `yaml:"given_names"`
}

// DefaultGazetteer loads the embedded gazetteer files and checks their types
// against s.
func DefaultGazetteer(s *Schema) (*Gazetteer, error) {
	names, err := fs.Glob(files, "gazetteer/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	g := &Gazetteer{}
	for _, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if err := g.add(s, path.Base(name), data); err != nil {
			return nil, err
		}
	}
	return g, nil
}

func (g *Gazetteer) add(s *Schema, name string, data []byte) error {
	var f gazetteerFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return fmt.Errorf("gazetteer %s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	for _, e := range f.Entries {
		if e.Type == "" {
			e.Type = f.Type
		}
		if _, ok := s.Entity(e.Type); !ok {
			// A user's schema may not have every type the news gazetteer knows;
			// entries of types it lacks are simply not used.
			continue
		}
		g.Entries = append(g.Entries, e)
		if e.Capital != "" {
			if _, ok := s.Entity("City"); ok {
				g.Entries = append(g.Entries, Entry{Name: e.Capital, Type: "City", LocatedIn: e.Name})
			}
		}
	}
	g.Titles = append(g.Titles, f.Titles...)
	g.GivenNames = append(g.GivenNames, f.GivenNames...)
	return nil
}
