package neo4j

import (
	"context"
	"sync"
	"testing"

	"github.com/kg/kg/internal/graphtest"
)

// TestConcurrentWriters: two stores loading overlapping corpora at the same
// time, three writers each and small transactions (so that writers meet on
// the same facts and entities, and deadlock now and then), end with the
// graph one load of the union makes, aggregates and all.
func TestConcurrentWriters(t *testing.T) {
	corpus := synthetic(120, 20, 90) // 2,400 relation mentions among 90 entities: facts repeat
	cfg := testConfig(t)
	cfg.TxRows, cfg.Writers = 60, 3
	a, b := testStore(t, cfg), testStore(t, cfg)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, job := range []struct {
		st  *Store
		exs []int
	}{{a, []int{0, 80}}, {b, []int{40, 120}}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := job.st.Write(context.Background(), graphtest.Contributions(corpus[job.exs[0]:job.exs[1]]...))
			for _, o := range out {
				if err == nil && o.Err != nil {
					err = o.Err
				}
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got := snapshot(t, a)
	checkAggregates(t, a)
	clearGraph(t)
	if _, err := a.Write(context.Background(), graphtest.Contributions(corpus...)); err != nil {
		t.Fatal(err)
	}
	if want := snapshot(t, a); got != want {
		t.Errorf("concurrent loads differ from one load of the union:\n%s", firstDiff(got, want))
	}
}
