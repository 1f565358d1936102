package schemas

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

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
	// Within, for an evidence list's place, names the places that contain
	// it ("Aiken": "South Carolina", "S.C.", "United States").
	Within []string `yaml:"-"`
}

// EvidenceEntry is a name of an evidence list, its type, and for a place
// the places that contain it ("Aiken": "South Carolina", "S.C.", "United
// States").
type EvidenceEntry struct {
	Name, Type string
	Within     []string
}

// Gazetteer is every known name of the news domain, plus the signals used to
// recognize people's names.
type Gazetteer struct {
	Entries    []Entry
	Titles     []string
	GivenNames []string
	// Evidence lists are features for a learned recognizer only, never names
	// taken as entities by themselves: large generated lists (world cities,
	// census names) whose entries can also be ordinary words.
	Evidence      []EvidenceEntry
	EvidenceGiven []string
	Surnames      []string
	// MaleNames and FemaleNames are the given names the census makes
	// plainly one sex's (rows "male" and "female"): pronoun resolution
	// reads them, never the recognizer.
	MaleNames, FemaleNames []string
}

type gazetteerFile struct {
	Type       string   `yaml:"type"`
	Entries    []Entry  `yaml:"entries"`
	Titles     []string `yaml:"titles"`
	GivenNames []string `yaml:"given_names"`
}

// ResourceDigest is a SHA-256 of the built-in gazetteer and word-cluster
// files, names and bytes: what an extraction depends on besides the code and
// the models. The files are embedded, so it is computed once.
func ResourceDigest() []byte { return resourceDigest() }

var resourceDigest = sync.OnceValue(func() []byte {
	h := sha256.New()
	names, _ := fs.Glob(files, "gazetteer/*.yaml")
	sort.Strings(names)
	for _, name := range names {
		data, _ := files.ReadFile(name)
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
	}
	for _, l := range evidenceLists {
		fmt.Fprintf(h, "%s %d\n", l.name, len(*l.text))
		h.Write(readOnly(*l.text)) // io.WriteString would copy it
	}
	// The cluster table records its own digest (checked by its test).
	fmt.Fprintf(h, "clusters/words.bin %d\n", len(clusterData))
	h.Write(WordClusters().Digest())
	return h.Sum(nil)
})

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
		if err := g.add(s, path.Base(name), data, false); err != nil {
			return nil, err
		}
	}
	lines := 0
	for _, l := range evidenceLists {
		lines += strings.Count(*l.text, "\n") + 1
	}
	g.Evidence = make([]EvidenceEntry, 0, lines)
	for _, l := range evidenceLists {
		if err := g.addEvidence(s, path.Base(l.name), *l.text, false); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// addEvidence reads an evidence list: "type<TAB>name" a line, where type is an
// entity type, "given", "surname", "male" or "female" (a given name's sex), optionally followed by a tab and the
// names of the places that contain it, separated by "|"; # starts a comment.
func (g *Gazetteer) addEvidence(s *Schema, name string, text string, strict bool) error {
	// The lists are long (80,000 lines built in): room for every line is
	// made at once, not grown as they come.
	g.Evidence = slices.Grow(g.Evidence, strings.Count(text, "\n")+1)
	n := -1
	for line := range strings.Lines(text) {
		n++
		line = strings.TrimSuffix(line, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		typ, value, ok := strings.Cut(line, "\t")
		if !ok || value == "" {
			return fmt.Errorf("gazetteer %s:%d: want a type, a tab and a name", name, n+1)
		}
		switch typ {
		case "given":
			g.EvidenceGiven = append(g.EvidenceGiven, value)
		case "surname":
			g.Surnames = append(g.Surnames, value)
		case "male":
			g.MaleNames = append(g.MaleNames, value)
		case "female":
			g.FemaleNames = append(g.FemaleNames, value)
		default:
			var within []string
			if v, in, ok := strings.Cut(value, "\t"); ok {
				value = v
				for _, w := range strings.Split(in, "|") {
					if w != "" {
						within = append(within, w)
					}
				}
			}
			if value == "" {
				return fmt.Errorf("gazetteer %s:%d: want a type, a tab and a name", name, n+1)
			}
			if _, ok := s.Entity(typ); ok {
				g.Evidence = append(g.Evidence, EvidenceEntry{Name: value, Type: typ, Within: within})
			} else if strict {
				return fmt.Errorf("gazetteer %s:%d: type %q is not an entity type of schema %s", name, n+1, typ, s.Source)
			}
		}
	}
	return nil
}

// AddFile adds a user's gazetteer file: YAML like schemas/gazetteer/*.yaml
// (known names, titles, given names), or a .tsv evidence list (type, tab,
// name a line). Unlike the built-in files, an entry whose type the schema
// lacks is an error: the user wrote it for this schema.
func (g *Gazetteer) AddFile(s *Schema, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("cannot read gazetteer: %w", err)
	}
	if strings.HasSuffix(file, ".tsv") {
		return g.addEvidence(s, file, string(data), true)
	}
	return g.add(s, file, data, true)
}

func (g *Gazetteer) add(s *Schema, name string, data []byte, strict bool) error {
	var f gazetteerFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(strict)
	if err := dec.Decode(&f); err != nil && err.Error() != "EOF" {
		return fmt.Errorf("gazetteer %s: %s", name, yamlError(err))
	}
	for i, e := range f.Entries {
		if e.Type == "" {
			e.Type = f.Type
		}
		if e.Name == "" && strict {
			return fmt.Errorf("gazetteer %s: entry %d has no name", name, i+1)
		}
		if e.Type == "" && strict {
			return fmt.Errorf("gazetteer %s: entry %q has no type: give the file a type (type: Organization) or the entry one ({name: %s, type: Person}); the types are %s", name, e.Name, e.Name, strings.Join(s.entityNames(), ", "))
		}
		if _, ok := s.Entity(e.Type); !ok && strict {
			return fmt.Errorf("gazetteer %s: entry %q has type %q, which schema %s does not define", name, e.Name, e.Type, s.Source)
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

// entityNames lists the schema's entity types, in the schema's order.
func (s *Schema) entityNames() []string {
	out := make([]string, len(s.EntityTypes))
	for i, t := range s.EntityTypes {
		out[i] = t.Name
	}
	return out
}
