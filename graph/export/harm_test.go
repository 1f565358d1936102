package export

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/kg/kg/extract"
	"github.com/kg/kg/graph"
	"github.com/kg/kg/schemas"
)

// TestDotLongName: a name longer than Graphviz's 16,384-byte limit on a
// quoted string is cut in its label and kept whole in its tooltip, written
// in pieces DOT joins; Graphviz draws it.
func TestDotLongName(t *testing.T) {
	requireTool(t, []string{"dot", "-V"}, "apt-get install graphviz (.ci/run does)")
	s := schemas.Default()
	long := "Hamas " + strings.Repeat("Brigade of the Long Name ", 1000)
	mk := func(name, typ string) (extract.Entity, extract.Argument) {
		key := extract.Key(s, typ, name)
		return extract.Entity{ID: key, Name: name, Type: typ, Labels: s.Labels(typ), Aliases: []string{}, Mentions: []extract.Mention{{Text: name}}},
			extract.Argument{ID: key, Name: name, Type: typ, Labels: s.Labels(typ), Text: name}
	}
	e1, a1 := mk(long, "Organization")
	e2, a2 := mk("Gaza", "Location")
	ex := &extract.Extraction{Document: extract.DocumentRef{ID: "long", Path: "long.txt", Title: "Long", SHA256: "sha-long"},
		Entities:  []extract.Entity{e1, e2},
		Relations: []extract.Relation{{Type: "OPERATES_IN", Subject: a1, Object: a2, Evidence: extract.Evidence{Text: long + " is active in Gaza."}, Confidence: 0.8, Rule: "test"}}}
	g := selectLocal(t, localWith(t, ex), graph.Selection{})
	dot := export(t, "dot", g)[""]
	// The label is cut ("…" at dotLabelBytes), the tooltip is whole.
	found := false
	for _, line := range strings.Split(dot.String(), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), `"`+e1.ID+`" [`) {
			continue
		}
		found = true
		label, _, _ := strings.Cut(strings.TrimPrefix(line[strings.Index(line, "label="):], `label="`), `", shape=`)
		if len(label) > dotLabelBytes+len("…") || !strings.HasSuffix(label, "…") {
			t.Errorf("the long name's label is not cut to %d bytes: %d bytes", dotLabelBytes, len(label))
		}
	}
	if !found {
		t.Fatalf("no node line for %s in the DOT output", e1.ID)
	}
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = dot
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	svg, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("dot: %v: %s", err, stderr.String())
	}
	if n := bytes.Count(svg, []byte(`class="node"`)); n != 2 {
		t.Errorf("dot drew %d nodes", n)
	}
	if !bytes.Contains(svg, []byte(strings.TrimSpace(long))) {
		t.Error("the SVG lacks the whole name (in the tooltip)")
	}
}
