package extract

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestWriteJSON: an extraction written a part at a time is the JSON
// line a json.Encoder without HTML escaping writes for it whole.
func TestWriteJSON(t *testing.T) {
	x := testExtractor(t)
	cases := map[string]*Extraction{
		"empty":   {},
		"no rows": {Document: DocumentRef{ID: "e"}, Entities: []Entity{}, Relations: []Relation{}},
		"html":    x.Extract(&Document{ID: "h", Title: "<b>A & B</b>", Text: "Hamas <attacked> Israel & Egypt in \"Gaza\".\u2028 The end."}),
	}
	for _, n := range []string{"isis-k-kabul-airport-threat.txt", "us-designates-isis-k-leaders.md", "islamic-state-and-us-policy.txt"} {
		cases[n] = x.Extract(readExample(t, n))
	}
	for name, ex := range cases {
		t.Run(name, func(t *testing.T) {
			var want, got bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(ex); err != nil {
				t.Fatal(err)
			}
			if err := ex.WriteJSON(&got); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("WriteJSON wrote\n%s\nthe encoder\n%s", got.String(), want.String())
			}
		})
	}
	// WriteJSON writes these fields and no others: a field added to
	// Extraction must be added to it too.
	var fields []string
	for f := range reflect.TypeFor[Extraction]().Fields() {
		if tag := strings.Split(f.Tag.Get("json"), ",")[0]; tag != "-" {
			fields = append(fields, tag)
		}
	}
	if want := []string{"document", "entities", "relations"}; !slices.Equal(fields, want) {
		t.Errorf("Extraction's JSON fields are %v; WriteJSON writes %v", fields, want)
	}
}
