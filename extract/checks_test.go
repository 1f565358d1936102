package extract

import (
	"regexp"
	"testing"
)

// Checks that fail when what they check is missing, shared by the pipeline's
// tests.

// mustParse parses an article of the tests' own text, failing the test on
// an error.
func mustParse(t *testing.T, path, source, text string) *Document {
	t.Helper()
	doc, err := Parse(path, source, []byte(text))
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return doc
}

// entityNamed is the entity of ex with this name; a missing one fails the
// test, so that a check of its mentions or aliases cannot pass without it.
func entityNamed(t *testing.T, ex *Extraction, name string) (Entity, bool) {
	t.Helper()
	for _, e := range ex.Entities {
		if e.Name == name {
			return e, true
		}
	}
	t.Errorf("no entity %q among %v", name, entitySet(ex))
	return Entity{}, false
}

var relationText = regexp.MustCompile(`^(.+) ([A-Z][A-Z_]*) (.+)$`)

// foundArguments checks that ex has both entities of each relation (written
// "Subject TYPE Object"): a relation left out because its names were missed
// shows nothing about the rule that should leave it out.
func foundArguments(t *testing.T, text string, ex *Extraction, rels []string) {
	t.Helper()
	names := entitySet(ex)
	for _, rel := range rels {
		m := relationText.FindStringSubmatch(rel)
		if m == nil {
			t.Errorf("%q: %q is not written \"Subject TYPE Object\"", text, rel)
			continue
		}
		for _, name := range []string{m[1], m[3]} {
			if names[name] == "" {
				t.Errorf("%q: no entity %q, so the absence of %q shows nothing (entities %v)", text, name, rel, names)
			}
		}
	}
}
