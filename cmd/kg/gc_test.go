package main

import (
	"runtime/debug"
	"sync"
	"testing"
)

// TestTuneGC: with GOGC unset kg lowers the collector's target to
// gcPercent once its models are loaded; a GOGC of the user's is left alone.
func TestTuneGC(t *testing.T) {
	for _, c := range []struct {
		gogc string
		want int
	}{
		{"", gcPercent},
		{"200", 100},
	} {
		t.Setenv("GOGC", c.gogc)
		old := debug.SetGCPercent(100)
		tuneGCOnce = sync.Once{}
		tuneGC()
		if got := debug.SetGCPercent(old); got != c.want {
			t.Errorf("GOGC=%q: the collector's target is %d, want %d", c.gogc, got, c.want)
		}
	}
}
