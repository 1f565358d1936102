// Rule family "phrase": multi-word triggers of the schema, mutual ones both
// ways, inverse ones object first.

package extract

import (
	"strings"
)

// phraseRules: multi-word triggers, allowing an adverb inside ("clashed openly
// with"); mutual ones hold both ways.
func (x *Extractor) phraseRules(c *clause, si int, emit emitFunc) {
	for k := c.s.First; k < c.s.Last; k++ {
		n := &x.rules.phrases
		var found []phraseTrigger
		end := -1
		skipped := false
		for j := k; j < c.s.Last && n.next != nil; j++ {
			nx := n.next[c.word(j)]
			if nx == nil && !skipped && j > k && strings.HasSuffix(c.word(j), "ly") {
				skipped = true
				continue
			}
			if nx == nil {
				break
			}
			n = nx
			if n.ok {
				found, end = n.val, j+1
			}
		}
		if found == nil || c.a.byToken[k] >= 0 {
			continue
		}
		for _, t := range found {
			rt, _ := x.schema.Relation(t.rel)
			if t.inverse {
				// The object before, the subjects after: "Mosul fell to
				// ISIL", "Kherson is under the control of Russia".
				obj, ok := c.argLeft(k, func(typ string) bool { return x.schema.AllowsObject(t.rel, typ) })
				if !ok {
					continue
				}
				for _, subj := range c.agentsRight(end, t.rel) {
					emit(t.rel, subj, obj, si, rt.Confidence, "phrase-inverse/"+t.phrase)
				}
				continue
			}
			subjs := c.subjectsLeft(k, t.rel)
			for _, obj := range c.objectsRight(end, t.rel) {
				for _, subj := range subjs {
					emit(t.rel, subj, obj, si, rt.Confidence, "phrase/"+t.phrase)
					if t.mutual {
						emit(t.rel, obj, subj, si, rt.Confidence, "phrase-mutual/"+t.phrase)
					}
				}
			}
		}
		if end > k {
			k = end - 1
		}
	}
}
