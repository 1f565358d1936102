package resolve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/schemas"
	"gopkg.in/yaml.v3"
)

// Corrections are an analyst's decisions about entities, kept in a YAML file
// beside the store and applied on every build, whatever the extractor makes
// of the articles next time (docs/corrections.md):
//
//	corrections:
//	  - merge: [Nicolas Maduro, Nicolás Maduro]       # one entity; the first names it
//	  - split: [George H. W. Bush, George W. Bush]    # never one entity
//	  - rename: {entity: Maduro government, to: Government of Venezuela}
//	  - retype: {entity: Barack Obama, to: Person}
//	  - reject: {entity: chief justice}                # not an entity: left out
//	  - reject: {fact: [Taliban, OPPOSES, ISIS-K]}     # not a fact: left out
//	  - alias: {entity: Islamic State, alias: Daesh}   # another name of it
//
// An entity is named by a name (every entity whose key has that folded
// name, of any type) or by its key ("person:nicolas-maduro").
type Corrections struct {
	Entries []Correction `yaml:"corrections"`
	// Path is the file read ("" for none).
	Path string `yaml:"-"`
	sum  string
	// byRef lists, for each name and key the entries name (raw and
	// folded), those entries; made on first use.
	byRef map[string][]int
}

// Correction is one entry; exactly one of its fields is set.
type Correction struct {
	Merge  []string `yaml:"merge,omitempty,flow"`
	Split  []string `yaml:"split,omitempty,flow"`
	Rename *Change  `yaml:"rename,omitempty"`
	Retype *Change  `yaml:"retype,omitempty"`
	Reject *Reject  `yaml:"reject,omitempty"`
	Alias  *Alias   `yaml:"alias,omitempty"`
}

// Change gives an entity a new name or type.
type Change struct {
	Entity string `yaml:"entity"`
	To     string `yaml:"to"`
}

// Reject takes an entity, or a fact (subject, relation type, object), out.
type Reject struct {
	Entity string   `yaml:"entity,omitempty"`
	Fact   []string `yaml:"fact,omitempty,flow"`
}

// Alias says a name is another name of an entity.
type Alias struct {
	Entity string `yaml:"entity"`
	Alias  string `yaml:"alias"`
}

// String renders an entry on one line, for messages.
func (c Correction) String() string {
	q := func(ss ...string) string {
		for i, s := range ss {
			ss[i] = fmt.Sprintf("%q", s)
		}
		return strings.Join(ss, " ")
	}
	switch {
	case c.Merge != nil:
		return "merge " + q(slices.Clone(c.Merge)...)
	case c.Split != nil:
		return "split " + q(slices.Clone(c.Split)...)
	case c.Rename != nil:
		return "rename " + q(c.Rename.Entity, c.Rename.To)
	case c.Retype != nil:
		return "retype " + q(c.Retype.Entity, c.Retype.To)
	case c.Alias != nil:
		return "alias " + q(c.Alias.Entity, c.Alias.Alias)
	case c.Reject != nil && c.Reject.Entity != "":
		return "reject " + q(c.Reject.Entity)
	case c.Reject != nil:
		return "reject fact " + q(slices.Clone(c.Reject.Fact)...)
	}
	return "(empty)"
}

// LoadCorrections reads a corrections file. A missing file is no error when
// optional (the default file beside a store): it gives no corrections.
func LoadCorrections(path string, optional bool, s *schemas.Schema) (*Corrections, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && optional {
		return &Corrections{Path: path}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("corrections file %s: %v", path, err)
	}
	c := &Corrections{Path: path}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("corrections file %s: %v (see docs/corrections.md for the format)", path, err)
	}
	c.Path = path
	for i, e := range c.Entries {
		if err := e.check(s); err != nil {
			return nil, fmt.Errorf("corrections file %s, entry %d: %v", path, i+1, err)
		}
	}
	sum := sha256.Sum256(data)
	c.sum = hex.EncodeToString(sum[:8])
	return c, nil
}

func (e Correction) check(s *schemas.Schema) error {
	set := 0
	for _, b := range []bool{e.Merge != nil, e.Split != nil, e.Rename != nil, e.Retype != nil, e.Reject != nil, e.Alias != nil} {
		if b {
			set++
		}
	}
	if set != 1 {
		return errors.New("give exactly one of merge, split, rename, retype, reject, alias")
	}
	switch {
	case e.Merge != nil && len(e.Merge) < 2, e.Split != nil && len(e.Split) != 2:
		return errors.New("merge takes two or more entities, split two: [A, B]")
	case e.Rename != nil && (e.Rename.Entity == "" || e.Rename.To == ""):
		return errors.New("rename takes {entity: NAME, to: NEW NAME}")
	case e.Retype != nil && (e.Retype.Entity == "" || e.Retype.To == ""):
		return errors.New("retype takes {entity: NAME, to: TYPE}")
	case e.Alias != nil && (e.Alias.Entity == "" || e.Alias.Alias == ""):
		return errors.New("alias takes {entity: NAME, alias: OTHER NAME}")
	case e.Reject != nil && (e.Reject.Entity == "") == (len(e.Reject.Fact) == 0):
		return errors.New("reject takes {entity: NAME} or {fact: [SUBJECT, TYPE, OBJECT]}")
	case e.Reject != nil && len(e.Reject.Fact) > 0 && len(e.Reject.Fact) != 3:
		return errors.New("reject's fact is [SUBJECT, TYPE, OBJECT]")
	}
	if e.Retype != nil {
		if _, ok := s.Entity(e.Retype.To); !ok {
			return fmt.Errorf("retype to %q: the schema has no such entity type", e.Retype.To)
		}
	}
	if e.Reject != nil && len(e.Reject.Fact) == 3 {
		if _, ok := s.Relation(e.Reject.Fact[1]); !ok {
			return fmt.Errorf("reject fact: the schema has no relation type %q", e.Reject.Fact[1])
		}
	}
	return nil
}

// naming lists the entries that name a key or a folded name (c may be nil).
func (c *Corrections) naming(key, rest string) []int {
	if c == nil || len(c.Entries) == 0 {
		return nil
	}
	if c.byRef == nil {
		c.byRef = map[string][]int{}
		for i, e := range c.Entries {
			for _, r := range e.refs() {
				if n := len(c.byRef[r]); n == 0 || c.byRef[r][n-1] != i {
					c.byRef[r] = append(c.byRef[r], i)
				}
			}
		}
	}
	if key == rest {
		return c.byRef[key]
	}
	return append(slices.Clone(c.byRef[key]), c.byRef[rest]...)
}

// refs are the folded names (and keys) an entry names.
func (c Correction) refs() []string {
	var names []string
	switch {
	case c.Merge != nil:
		names = c.Merge
	case c.Split != nil:
		names = c.Split
	case c.Rename != nil:
		names = []string{c.Rename.Entity}
	case c.Retype != nil:
		names = []string{c.Retype.Entity}
	case c.Alias != nil:
		names = []string{c.Alias.Entity, c.Alias.Alias}
	case c.Reject != nil && c.Reject.Entity != "":
		names = []string{c.Reject.Entity}
	case c.Reject != nil:
		names = []string{c.Reject.Fact[0], c.Reject.Fact[2]}
	}
	out := make([]string, 0, 2*len(names))
	for _, n := range names {
		out = append(out, n, extract.NameKey(n))
	}
	return out
}

// Fingerprint identifies the file's content ("" for none).
func (c *Corrections) Fingerprint() string {
	if c == nil {
		return ""
	}
	return c.sum
}

// Append adds an entry to the corrections file at path (created if
// missing), keeping what is there.
func Append(path string, e Correction, s *schemas.Schema) error {
	if err := e.check(s); err != nil {
		return err
	}
	c, err := LoadCorrections(path, true, s)
	if err != nil {
		return err
	}
	c.Entries = append(c.Entries, e)
	var buf bytes.Buffer
	buf.WriteString("# kg corrections: applied on every build (docs/corrections.md)\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(c); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("corrections file %s: %v", path, err)
	}
	return os.Rename(tmp, path)
}

// fixes is the corrections resolved against one corpus's keys.
type fixes struct {
	nodes     map[string]*node
	merges    [][]string
	names     map[string]string // key -> name (rename)
	types     map[string]string // key -> type (retype)
	rejected  map[string]bool   // keys
	facts     [][3][]string     // subject keys, type, object keys
	lead      map[string]int    // key -> order of the merge entry naming it first
	touchedKs map[string]bool
	unmatched []string
}

// refer finds the keys a correction's entity reference stands for: the
// key itself, or the keys with that folded name (byRest).
func refer(ref string, nodes map[string]*node, byRest map[string][]string) []string {
	if _, ok := nodes[ref]; ok {
		return []string{ref}
	}
	out := slices.Clone(byRest[extract.NameKey(ref)])
	slices.Sort(out)
	return out
}

// prepare resolves the corrections against the corpus's keys and marks the
// pairs splits keep apart; c may be nil.
func (c *Corrections) prepare(s *schemas.Schema, nodes map[string]*node, cl *clusters, m *Mapping) *fixes {
	f := &fixes{nodes: nodes, names: map[string]string{}, types: map[string]string{}, rejected: map[string]bool{},
		lead: map[string]int{}, touchedKs: map[string]bool{}}
	if c == nil {
		return f
	}
	byRest := map[string][]string{}
	for k, n := range nodes {
		f := extract.NameKey(n.rest)
		byRest[f] = append(byRest[f], k)
	}
	// find reports a reference that names nothing.
	find := func(e Correction, ref string) []string {
		ks := refer(ref, nodes, byRest)
		if len(ks) == 0 {
			f.unmatched = append(f.unmatched, fmt.Sprintf("%s: no entity %q in the store", e, ref))
		}
		return ks
	}
	for i, e := range c.Entries {
		switch {
		case e.Merge != nil:
			var all []string
			for _, ref := range e.Merge {
				ks := find(e, ref)
				all = append(all, ks...)
			}
			if len(all) > 1 {
				f.merges = append(f.merges, all)
				if _, ok := f.lead[all[0]]; !ok {
					f.lead[all[0]] = i
				}
			}
		case e.Split != nil:
			a, b := find(e, e.Split[0]), find(e, e.Split[1])
			for _, x := range a {
				for _, y := range b {
					cl.apart[pair(x, y)] = true
				}
			}
		case e.Rename != nil:
			ks := find(e, e.Rename.Entity)
			for _, k := range ks {
				f.names[k] = e.Rename.To
			}
		case e.Retype != nil:
			ks := find(e, e.Retype.Entity)
			for _, k := range ks {
				f.types[k] = e.Retype.To
			}
			// Every entity of that name becomes one of the new type.
			if len(ks) > 1 {
				f.merges = append(f.merges, ks)
			}
		case e.Reject != nil && e.Reject.Entity != "":
			ks := find(e, e.Reject.Entity)
			for _, k := range ks {
				f.rejected[k] = true
			}
		case e.Reject != nil:
			sk, ok := find(e, e.Reject.Fact[0]), find(e, e.Reject.Fact[2])
			f.facts = append(f.facts, [3][]string{sk, {e.Reject.Fact[1]}, ok})
		case e.Alias != nil:
			ks := find(e, e.Alias.Entity)
			if len(ks) == 0 {
				continue
			}
			// The alias joins whatever bears it as a name, now or later.
			for _, k := range byRest[extract.NameKey(e.Alias.Alias)] {
				if nodes[k].root == nodes[ks[0]].root && k != ks[0] {
					f.merges = append(f.merges, []string{ks[0], k})
				}
			}
			m.pending = append(m.pending, [2]string{nodes[ks[0]].root + ":" + extract.NameKey(e.Alias.Alias), ks[0]})
		}
	}
	m.Unmatched = f.unmatched
	return f
}

// apply joins what merges name, whatever the articles say, and notes the
// sets corrections touch.
func (f *fixes) apply(c *clusters) {
	for _, ks := range f.merges {
		for _, k := range ks[1:] {
			c.join(ks[0], k, true)
		}
	}
	for _, m := range [](map[string]string){f.names, f.types} {
		for k := range m {
			f.touchedKs[c.find(k)] = true
		}
	}
	for k := range f.lead {
		f.touchedKs[c.find(k)] = true
	}
}

func (f *fixes) touched(root string) bool { return f.touchedKs[root] }

// target applies renames, retypes and the lead of a merge to a set's
// canonical entity.
func (f *fixes) target(members []string, t *Target) {
	lead, li := "", -1
	for _, k := range members {
		if i, ok := f.lead[k]; ok && (li < 0 || i < li) {
			lead, li = k, i
		}
	}
	if lead != "" {
		t.Key, t.Name, t.Type = lead, f.nodes[lead].name(), f.nodes[lead].typ()
	}
	for _, k := range members {
		if typ, ok := f.types[k]; ok {
			t.Type = typ
		}
	}
	for _, k := range members {
		if n, ok := f.names[k]; ok {
			t.Name = n
		}
	}
}
