package schemas

import (
	"bufio"
	"crypto/sha256"
	_ "embed" // clusterData
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/kg/kg/internal/inplace"
)

// ClusterLevels is how many granularities a word's clusters come in.
const ClusterLevels = 4

// clusterSizes are the levels' numbers of clusters, coarse to fine.
var clusterSizes = [ClusterLevels]int{64, 256, 1024, 4096}

// Clusters maps a lowercased word to its cluster at each granularity, coarse
// to fine: k-means clusters of GloVe word vectors (see scripts/clusters.py).
// Words in one cluster occur in similar contexts in a large news and
// encyclopedia text, so a surname or town the training data never saw shares
// a cluster with ones it did. The list leaves out single letters, numbers
// and words with a period ("u.s.").
//
// The table is stored as it is used (clusters/words.bin, made from
// clusters/words.tsv.gz by BuildClusters), so reading it decodes nothing:
// each word's 64-bit FNV-1a hash picks one of 2^bits buckets by its high
// bits, and the bucket's 64-bit entries hold the hash's next 28 bits above
// the word's four cluster numbers (6, 8, 10 and 12 bits). 45 bits of hash
// tell the 341,479 words apart (BuildClusters refuses two that share them);
// a word not in the list matches one of them about once in 50 million.
type Clusters struct {
	bits   uint
	start  []uint32 // 2^bits+1: first entry of each bucket
	entry  []uint64
	digest []byte
}

// The table's header: magic, bucket bits and word count (uint32), and the
// SHA-256 of the rest, which identifies the table without reading it.
const (
	clusterMagic  = "kg clusters 1\n\x00\x00" // 16 bytes
	clusterHead   = 16 + 8 + 32
	clusterFPBits = 28
)

// Digest is the SHA-256 of the table's buckets and entries, recorded when it
// was built.
func (c *Clusters) Digest() []byte { return c.digest }

// clusterWidths are the bits of each level's number in an entry.
var clusterWidths = [ClusterLevels]uint{6, 8, 10, 12}

// Get returns word's clusters, coarse to fine.
func (c *Clusters) Get(word string) ([ClusterLevels]uint16, bool) {
	h := hashWord(word)
	b := h >> (64 - c.bits)
	fp := h >> (64 - c.bits - clusterFPBits) & (1<<clusterFPBits - 1)
	for _, e := range c.entry[c.start[b]:c.start[b+1]] {
		if e>>36 == fp {
			var out [ClusterLevels]uint16
			shift := uint(36)
			for i, w := range clusterWidths {
				shift -= w
				out[i] = uint16(e >> shift & (1<<w - 1))
			}
			return out, true
		}
	}
	return [ClusterLevels]uint16{}, false
}

// Len is the number of words in the table.
func (c *Clusters) Len() int { return len(c.entry) }

// hashWord is 64-bit FNV-1a.
func hashWord(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

//go:embed clusters/words.bin
var clusterData string

// WordClusters returns the built-in word clusters, shared: read in place
// from the binary's own bytes.
func WordClusters() *Clusters { return wordClusters() }

var wordClusters = sync.OnceValue(func() *Clusters {
	c, err := ReadClusters(unsafe.Slice(unsafe.StringData(clusterData), len(clusterData)))
	if err != nil {
		panic("schemas: embedded clusters/words.bin: " + err.Error())
	}
	return c
})

// ReadClusters reads a table written by BuildClusters, using data's arrays
// in place where the machine allows (data must then not change).
func ReadClusters(data []byte) (*Clusters, error) {
	le := binary.LittleEndian
	if len(data) < clusterHead || string(data[:16]) != clusterMagic {
		return nil, fmt.Errorf("not a kg cluster table")
	}
	bits, n := le.Uint32(data[16:]), le.Uint32(data[20:])
	nb := 1<<bits + 1
	if bits < 4 || bits > 24 || len(data) != clusterHead+4*nb+4*(nb%2)+8*int(n) {
		return nil, fmt.Errorf("cluster table of a wrong size")
	}
	c := &Clusters{bits: uint(bits), digest: data[24:clusterHead]}
	off := clusterHead + 4*nb + 4*(nb%2)
	c.start = inplace.Ints[uint32](data[clusterHead : clusterHead+4*nb])
	c.entry = inplace.Ints[uint64](data[off:])
	if c.start[0] != 0 || c.start[nb-1] != n {
		return nil, fmt.Errorf("corrupt cluster table")
	}
	for i := 1; i < nb; i++ {
		if c.start[i] < c.start[i-1] {
			return nil, fmt.Errorf("corrupt cluster table")
		}
	}
	return c, nil
}

// BuildClusters reads clusters/words.tsv.gz's lines (a word and its four
// cluster numbers, tab-separated) and returns the table ReadClusters reads.
func BuildClusters(tsv io.Reader) ([]byte, error) {
	type word struct {
		h     uint64
		entry uint64
	}
	var words []word
	sc := bufio.NewScanner(tsv)
	for sc.Scan() {
		line := sc.Text()
		w, rest, ok := strings.Cut(line, "\t")
		fields := strings.Split(rest, "\t")
		if !ok || len(fields) != ClusterLevels {
			return nil, fmt.Errorf("bad line %q", line)
		}
		var e uint64
		for i, f := range fields {
			n, err := strconv.Atoi(f)
			if err != nil || n < 0 || n >= clusterSizes[i] {
				return nil, fmt.Errorf("bad line %q", line)
			}
			e = e<<clusterWidths[i] | uint64(n)
		}
		words = append(words, word{hashWord(w), e})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	bits := uint(4)
	for bits < 24 && len(words)>>bits > 4 {
		bits++
	}
	slices.SortFunc(words, func(a, b word) int {
		if a.h>>(64-bits-clusterFPBits) < b.h>>(64-bits-clusterFPBits) {
			return -1
		}
		if a.h>>(64-bits-clusterFPBits) > b.h>>(64-bits-clusterFPBits) {
			return 1
		}
		return 0
	})
	nb := 1<<bits + 1
	le := binary.LittleEndian
	out := make([]byte, clusterHead)
	copy(out, clusterMagic)
	le.PutUint32(out[16:], uint32(bits))
	le.PutUint32(out[20:], uint32(len(words)))
	k := 0
	for b := range nb {
		for k < len(words) && int(words[k].h>>(64-bits)) < b {
			k++
		}
		out = le.AppendUint32(out, uint32(k))
	}
	if nb%2 != 0 {
		out = le.AppendUint32(out, 0) // the entries start at a multiple of 8
	}
	for i, w := range words {
		fp := w.h >> (64 - bits - clusterFPBits) & (1<<clusterFPBits - 1)
		if i > 0 && w.h>>(64-bits-clusterFPBits) == words[i-1].h>>(64-bits-clusterFPBits) {
			return nil, fmt.Errorf("two words share %d bits of hash: make clusterFPBits larger", bits+clusterFPBits)
		}
		out = le.AppendUint64(out, fp<<36|w.entry)
	}
	sum := sha256.Sum256(out[clusterHead:])
	copy(out[24:], sum[:])
	return out, nil
}
