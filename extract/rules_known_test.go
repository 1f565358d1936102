package extract

import (
	"slices"
	"testing"
)

// TestKnownContainment: places an article names are linked to the places
// the lists say contain them when the article names those too, in any
// sentence; a name the lists give to places in several countries is linked
// to a country only through a smaller place the article names.
func TestKnownContainment(t *testing.T) {
	x := testExtractor(t)
	tests := []struct {
		text      string
		want, not []string // "Subject TYPE Object rule-prefix"
	}{
		{
			// The two names never share a sentence.
			text: "Ferries stopped running in Osaka on Tuesday.\n\nThe storm is the strongest to hit Japan this year.",
			want: []string{"Osaka LOCATED_IN Japan known/"},
		},
		{
			// The lists know a Birmingham in Britain and two in the United
			// States: Britain alone does not say which.
			text: "Thousands marched in Birmingham on Sunday.\n\nThe United Kingdom sent a delegation to the talks.",
			not:  []string{"Birmingham LOCATED_IN United Kingdom"},
		},
		{
			text: "Thousands marched in Birmingham on Sunday.\n\nAlabama sent a delegation to the talks.",
			want: []string{"Birmingham LOCATED_IN Alabama known/"},
		},
		{
			// A capital is the place it names, whatever else shares its name.
			text: "The envoys met in Paris on Monday.\n\nThe United States sent its deputy secretary of state.",
			not:  []string{"Paris LOCATED_IN United States"},
		},
		{
			text: "The envoys met in Paris on Monday.\n\nFrance hosted the talks for a second year.",
			want: []string{"Paris LOCATED_IN France"},
		},
		{
			// A place named only by a demonym is not said to lie anywhere.
			text: "The bombing was blamed on the armed Basque separatist group ETA.\n\nSpain's interior minister flew to Bilbao.",
			not:  []string{"Basque Country LOCATED_IN Spain"},
		},
		{
			// A place the lists know nothing of is linked by nothing.
			text: "Rebels seized Qarat Zendu overnight.\n\nSyria's army said it would retake the town.",
			not:  []string{"Qarat Zendu LOCATED_IN Syria known/"},
		},
	}
	for _, tt := range tests {
		ex := x.Extract(&Document{ID: "t", Text: tt.text})
		checkRuleRelations(t, tt.text, ex, tt.want, tt.not)
		if len(ex.Entities) < 2 {
			t.Errorf("%q: %d entities, want both places", tt.text, len(ex.Entities))
		}
	}
}

// TestContainers: what the lists say contains a place, for linking.
func TestContainers(t *testing.T) {
	lx := testExtractor(t).lex
	for _, c := range []struct {
		name      string
		want, not []string
	}{
		{"Osaka", []string{"Japan"}, nil},
		{"Paris", []string{"France"}, []string{"Texas", "United States"}},
		{"Victoria", []string{"Seychelles"}, []string{"Chile", "Texas"}}, // a capital
		{"Birmingham", []string{"Alabama", "Michigan"}, []string{"United Kingdom", "United States"}},
		{"Manhattan", []string{"New York City", "United States"}, nil},
	} {
		got := lx.containers(c.name)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("containers(%q) = %q, want %q in it", c.name, got, w)
			}
		}
		for _, w := range c.not {
			if slices.Contains(got, w) {
				t.Errorf("containers(%q) = %q, want no %q", c.name, got, w)
			}
		}
	}
}

// TestElsewhere: the classifier's LOCATED_IN to a country is vetoed where
// the lists place the place in one other country.
func TestElsewhere(t *testing.T) {
	lx := testExtractor(t).lex
	for _, c := range []struct {
		inner, outer string
		want         bool
	}{
		{"Osaka", "Japan", false},
		{"Osaka", "China", true},
		{"Osaka", "Texas", false},        // no country: the lists do not say
		{"Victoria", "Australia", false}, // places of that name in many countries
		{"Qarat Zendu", "Syria", false},  // a place the lists do not know
	} {
		if got := lx.elsewhere(c.inner, c.outer); got != c.want {
			t.Errorf("elsewhere(%q, %q) = %v, want %v", c.inner, c.outer, got, c.want)
		}
	}
}
