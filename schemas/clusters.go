package schemas

import (
	"bytes"
	"compress/gzip"
	"io"
	"strconv"
	"strings"
	"sync"
)

// ClusterLevels is how many granularities a word's clusters come in.
const ClusterLevels = 4

// WordClusters maps a lowercased word to its cluster at each granularity,
// coarse to fine: k-means clusters of GloVe word vectors (see
// scripts/clusters.py), read once from the embedded clusters/words.tsv.gz.
// Words in one cluster occur in similar contexts in a large news and
// encyclopedia text, so a surname or town the training data never saw shares
// a cluster with ones it did. The map is shared: callers must not change it.
// The list leaves out single letters, numbers and words with a period
// ("u.s.").
func WordClusters() map[string][ClusterLevels]uint16 {
	clusterOnce.Do(func() { clusterMap = readClusters() })
	return clusterMap
}

var (
	clusterOnce sync.Once
	clusterMap  map[string][ClusterLevels]uint16
)

func readClusters() map[string][ClusterLevels]uint16 {
	data, err := files.ReadFile("clusters/words.tsv.gz")
	if err != nil {
		panic("schemas: embedded clusters/words.tsv.gz: " + err.Error())
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		panic("schemas: embedded clusters/words.tsv.gz: " + err.Error())
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		panic("schemas: embedded clusters/words.tsv.gz: " + err.Error())
	}
	// The words are substrings of one string: no allocation per word.
	text := string(raw)
	m := make(map[string][ClusterLevels]uint16, strings.Count(text, "\n"))
	for line := range strings.Lines(text) {
		line = strings.TrimSuffix(line, "\n")
		word, rest, ok := strings.Cut(line, "\t")
		var c [ClusterLevels]uint16
		for i := range c {
			var field string
			field, rest, _ = strings.Cut(rest, "\t")
			n, err := strconv.ParseUint(field, 10, 16)
			if !ok || err != nil {
				panic("schemas: embedded clusters/words.tsv.gz: bad line " + strconv.Quote(line))
			}
			c[i] = uint16(n)
		}
		m[word] = c
	}
	return m
}
