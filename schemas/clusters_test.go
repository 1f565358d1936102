package schemas

import (
	"sort"
	"testing"
)

// TestWordClusters checks that the embedded cluster file is read whole, that
// every cluster number is within its level's size, and that the levels come
// from one vector space: words that share a fine cluster share a coarser one
// far more often than chance (1 in 1,024) would have them.
func TestWordClusters(t *testing.T) {
	m := WordClusters()
	if len(m) < 300000 {
		t.Fatalf("WordClusters has %d words, want the 341,479 of the GloVe list", len(m))
	}
	sizes := [ClusterLevels]uint16{64, 256, 1024, 4096}
	for w, c := range m {
		for i, n := range c {
			if n >= sizes[i] {
				t.Fatalf("%q: level %d cluster %d, want < %d", w, i, n, sizes[i])
			}
		}
	}
	for _, w := range []string{"the", "kabul", "taliban", "biddeford", "said"} {
		if _, ok := m[w]; !ok {
			t.Errorf("WordClusters lacks %q", w)
		}
	}
	if _, ok := m["Kabul"]; ok {
		t.Errorf("WordClusters has a capitalized word; its words are lowercase")
	}
	// Of the words sharing a 4096-cluster with another word, many share
	// its 1024-cluster too (39% in the committed file).
	words := make([]string, 0, len(m))
	for w := range m {
		words = append(words, w)
	}
	sort.Strings(words)
	fine := map[uint16]uint16{}
	same, total := 0, 0
	for _, w := range words {
		c := m[w]
		if mid, ok := fine[c[3]]; ok {
			total++
			if mid == c[2] {
				same++
			}
		} else {
			fine[c[3]] = c[2]
		}
	}
	if same*5 < total {
		t.Errorf("only %d of %d words share their fine cluster's coarser cluster", same, total)
	}
}

// BenchmarkReadClusters measures reading the embedded word clusters, which
// every process that extracts does once.
func BenchmarkReadClusters(b *testing.B) {
	for b.Loop() {
		if len(readClusters()) == 0 {
			b.Fatal("no clusters")
		}
	}
}
