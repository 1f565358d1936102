package extract

import (
	"slices"
	"testing"
)

// words' shortcut for names of letters and spaces splits them as Tokenize
// does; other names go through Tokenize.
func TestWordsAsTokenize(t *testing.T) {
	for _, phrase := range []string{"New York", "Boko  Haram", "al Qaeda", "Abu", "", "AIKEN", "O'Neill", "St. Louis", "Guinea-Bissau", "U.S.", "can't", "Côte d'Ivoire", "x\ty"} {
		var want []string
		for _, tok := range Tokenize(phrase) {
			want = append(want, lower(tok.Text))
		}
		if got := defaultWordLists().words(phrase, lower); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Errorf("words(%q) = %q, want %q", phrase, got, want)
		}
	}
}
