package extract

import (
	"testing"
	"time"
)

// TestCollectorKeepCost: filtering one sentence's relations costs what that
// sentence holds, not what the whole article's index holds (keep walked the
// whole index on every sentence: time quadratic in the article's length).
func TestCollectorKeepCost(t *testing.T) {
	k := &collector{seen: map[string]int{}}
	const earlier = 200000
	for i := 0; i < earlier; i++ {
		r := relation{typ: "LEADS", subj: span{ent: i}, obj: span{ent: i + 1}, sent: i}
		k.seen[seenKey(r.subj.ent, r.typ, r.obj.ent, r.sent)] = len(k.out)
		k.out = append(k.out, r)
	}
	begin := time.Now()
	for s := 0; s < 300; s++ {
		start := len(k.out)
		for j := 0; j < 2; j++ {
			r := relation{typ: []string{"LEADS", "CONTAINS"}[j], subj: span{ent: j}, obj: span{ent: j + 2}, sent: earlier + s}
			k.seen[seenKey(r.subj.ent, r.typ, r.obj.ent, r.sent)] = len(k.out)
			k.out = append(k.out, r)
		}
		k.keep(start, func(r relation) bool { return r.typ == "CONTAINS" })
	}
	if d := time.Since(begin); d > 250*time.Millisecond {
		t.Errorf("300 sentences' filters took %s beside an index of %d relations", d, earlier)
	}
	if len(k.out) != earlier+300 || len(k.seen) != earlier+300 {
		t.Fatalf("%d relations, %d indexed", len(k.out), len(k.seen))
	}
	for i, r := range k.out {
		if k.seen[seenKey(r.subj.ent, r.typ, r.obj.ent, r.sent)] != i {
			t.Fatalf("relation %d indexed at %d", i, k.seen[seenKey(r.subj.ent, r.typ, r.obj.ent, r.sent)])
		}
	}
}
