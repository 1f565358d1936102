package schemas

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite clusters/words.bin from clusters/words.tsv.gz")

// readTSV reads clusters/words.tsv.gz, the clusters' source.
func readTSV(t testing.TB) []byte {
	t.Helper()
	f, err := os.Open("clusters/words.tsv.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestClusterTable: the embedded table is what BuildClusters makes of
// words.tsv.gz (go test ./schemas -run ClusterTable -update rewrites it),
// and it gives every word of the list its clusters.
func TestClusterTable(t *testing.T) {
	tsv := readTSV(t)
	built, err := BuildClusters(bytes.NewReader(tsv))
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("clusters/words.bin", built, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("wrote clusters/words.bin: run the test again without -update to check it")
		return
	}
	if !bytes.Equal(built, []byte(clusterData)) {
		t.Fatal("clusters/words.bin is not what BuildClusters makes of clusters/words.tsv.gz; rerun with -update")
	}
	if sum := sha256.Sum256(built[clusterHead:]); !bytes.Equal(WordClusters().Digest(), sum[:]) {
		t.Error("the table's recorded digest is not that of its contents")
	}
	c := WordClusters()
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	n := 0
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		got, ok := c.Get(f[0])
		for i := range ClusterLevels {
			want, _ := strconv.Atoi(f[i+1])
			if !ok || int(got[i]) != want {
				t.Fatalf("%q: %v %v, want %v", f[0], got, ok, f[1:])
			}
		}
		n++
	}
	if n < 300000 || c.Len() != n {
		t.Fatalf("table of %d words, list of %d; want the 341,479 of the GloVe list", c.Len(), n)
	}
	for _, w := range []string{"Kabul", "zzqxv", "u.s.", ""} {
		if _, ok := c.Get(w); ok {
			t.Errorf("%q has clusters; the list's words are lowercase, without periods", w)
		}
	}
	if _, err := ReadClusters(built[:len(built)-8]); err == nil {
		t.Error("a truncated table was read")
	}
	if _, err := BuildClusters(strings.NewReader("word\t1\t2\t3\n")); err == nil {
		t.Error("a line of three clusters was accepted")
	}
}

// TestWordClusters checks that the levels come from one vector space: words
// that share a fine cluster share a coarser one far more often than chance
// (1 in 1,024) would have them.
func TestWordClusters(t *testing.T) {
	c := WordClusters()
	sc := bufio.NewScanner(bytes.NewReader(readTSV(t)))
	fine := map[uint16]uint16{}
	same, total := 0, 0
	for sc.Scan() {
		w, _, _ := strings.Cut(sc.Text(), "\t")
		k, _ := c.Get(w)
		if mid, ok := fine[k[3]]; ok {
			total++
			if mid == k[2] {
				same++
			}
		} else {
			fine[k[3]] = k[2]
		}
	}
	if same*5 < total {
		t.Errorf("only %d of %d words share their fine cluster's coarser cluster", same, total)
	}
}

// BenchmarkReadClusters measures reading the embedded word clusters, which
// every process that extracts does once.
func BenchmarkReadClusters(b *testing.B) {
	data := []byte(clusterData)
	for b.Loop() {
		if c, err := ReadClusters(data); err != nil || c.Len() == 0 {
			b.Fatal("no clusters", err)
		}
	}
}
