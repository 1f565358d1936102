package syntax

// Scores are tagging and attachment accuracies over words.
type Scores struct {
	Words          int
	XPOS, UPOS     int // words with the gold tag
	UAS, LAS       int // words with the gold head (and relation)
	LASUniversal   int // gold head and relation without its subtype ("obl" for "obl:tmod")
	Sentences      int
	ExactSentences int // every head and relation right
}

// Add counts the words of one sentence against its gold analysis.
func (s *Scores) Add(gold Sentence, a Analysis) {
	exact := true
	for i, w := range gold.Words {
		s.Words++
		if a.XPOS[i] == w.XPOS {
			s.XPOS++
		}
		if a.UPOS[i] == w.UPOS {
			s.UPOS++
		}
		if a.Head[i] == w.Head {
			s.UAS++
			if a.Rel[i] == w.Rel {
				s.LAS++
			} else {
				exact = false
			}
			if universal(a.Rel[i]) == universal(w.Rel) {
				s.LASUniversal++
			}
		} else {
			exact = false
		}
	}
	s.Sentences++
	if exact {
		s.ExactSentences++
	}
}

func universal(rel string) string {
	for i := 0; i < len(rel); i++ {
		if rel[i] == ':' {
			return rel[:i]
		}
	}
	return rel
}

// Rate returns k out of the words, 0 when there are none.
func (s *Scores) Rate(k int) float64 {
	if s.Words == 0 {
		return 0
	}
	return float64(k) / float64(s.Words)
}

// Evaluate tags and parses the gold sentences' words and scores the result.
func Evaluate(m *Model, gold []Sentence) Scores {
	var s Scores
	forms := make([]string, 0, 64)
	for _, g := range gold {
		forms = forms[:0]
		for _, w := range g.Words {
			forms = append(forms, w.Form)
		}
		s.Add(g, m.Analyze(forms))
	}
	return s
}
