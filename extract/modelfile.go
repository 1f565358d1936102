package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
)

// A model file is a magic line naming the kind and format, a line of JSON
// saying what the model is and was trained from, then the weights in
// little-endian binary, and last a trailer of eight bytes: the CRC-32 (IEEE)
// of all that comes before it and its length, both little-endian uint32, as
// gzip ends a stream. The file is not compressed: the weights compress by a
// fifth only, and decompressing them was a third of starting kg's CPU time.
// Files written gzipped by an earlier kg are still read. writeModel and
// readModel handle the envelope; each model writes and reads its own
// weights.

// writeModel writes a model file: magic, head as JSON, body's bytes, then
// the trailer.
func writeModel(w io.Writer, magic string, head any, body func(*bufio.Writer)) error {
	data, err := json.Marshal(head)
	if err != nil {
		return err
	}
	sum := crc32.NewIEEE()
	n := &countWriter{w: io.MultiWriter(w, sum)}
	bw := bufio.NewWriter(n)
	bw.WriteString(magic)
	bw.Write(data)
	bw.WriteByte('\n')
	body(bw)
	if err := bw.Flush(); err != nil {
		return err
	}
	var trailer [8]byte
	binary.LittleEndian.PutUint32(trailer[:], sum.Sum32())
	binary.LittleEndian.PutUint32(trailer[4:], uint32(n.n))
	_, err = w.Write(trailer[:])
	return err
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// readModel opens a model file of the given kind ("entity model"), decodes
// its head into head, and returns its weights (modelBody), read in place
// (or, from a gzipped file, decoded as they are decompressed, never held
// whole beside what they are decoded into).
func readModel(data []byte, magic, kind string, head any) (*modelBody, error) {
	body, _, err := readModelOf(data, []string{magic}, kind, head)
	return body, err
}

// readModelOf is readModel for a kind of model written in several formats
// over time: it returns which of magics the file starts with.
func readModelOf(data []byte, magics []string, kind string, head any) (*modelBody, int, error) {
	var b *modelBody
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil || len(data) < 4 {
			return nil, 0, fmt.Errorf("%s: corrupt (bad gzip header)", kind)
		}
		// gzip ends with the uncompressed size (mod 2^32); deflate does not
		// compress more than about 1000 to 1, so a larger size is corrupt.
		size := int(binary.LittleEndian.Uint32(data[len(data)-4:]))
		if size > 1032*len(data) {
			return nil, 0, fmt.Errorf("%s: corrupt (gzip size)", kind)
		}
		b = &modelBody{r: bufio.NewReaderSize(zr, 64<<10), left: size, kind: kind}
	} else {
		n := len(data) - 8
		if n < 0 || !startsWithAny(data, magics) {
			return nil, 0, fmt.Errorf("not a kg %s (bad header)", kind)
		}
		le := binary.LittleEndian
		if int(le.Uint32(data[n+4:])) != n || crc32.ChecksumIEEE(data[:n]) != le.Uint32(data[n:]) {
			return nil, 0, fmt.Errorf("%s: corrupt or truncated (size or checksum)", kind)
		}
		b = &modelBody{rest: data[:n], left: n, kind: kind}
	}
	line, err := b.line()
	version := slices.Index(magics, string(line))
	if err != nil || version < 0 {
		return nil, 0, fmt.Errorf("not a kg %s (bad header)", kind)
	}
	js, err := b.line()
	if err != nil || b.left < 0 {
		return nil, 0, fmt.Errorf("%s: truncated header", kind)
	}
	if err := json.Unmarshal(js, head); err != nil {
		return nil, 0, fmt.Errorf("%s header: %v", kind, err)
	}
	return b, version, nil
}

// startsWithAny reports whether data starts with one of prefixes.
func startsWithAny(data []byte, prefixes []string) bool {
	for _, p := range prefixes {
		if bytes.HasPrefix(data, []byte(p)) {
			return true
		}
	}
	return false
}

// modelBody is the weights of a model file: the bytes that follow its head,
// read in place (rest) or as they are decompressed (r, a gzipped file).
type modelBody struct {
	r    *bufio.Reader
	rest []byte
	left int // bytes to come (gzip: by the size it records)
	kind string
}

// Len is how many bytes are left.
func (b *modelBody) Len() int { return b.left }

// line returns the next line, its newline included.
func (b *modelBody) line() ([]byte, error) {
	if b.r != nil {
		line, err := b.r.ReadBytes('\n')
		b.left -= len(line)
		return line, err
	}
	i := bytes.IndexByte(b.rest, '\n')
	if i < 0 {
		return nil, io.ErrUnexpectedEOF
	}
	line := b.rest[:i+1]
	b.rest, b.left = b.rest[i+1:], b.left-(i+1)
	return line, nil
}

// next returns the next k bytes (k at most 64 KiB), valid until the next
// call, or false when the file ends before them.
func (b *modelBody) next(k int) ([]byte, bool) {
	if k > b.left {
		return nil, false
	}
	if b.r == nil {
		p := b.rest[:k]
		b.rest, b.left = b.rest[k:], b.left-k
		return p, true
	}
	p, err := b.r.Peek(k)
	if err != nil {
		return nil, false
	}
	b.r.Discard(k)
	b.left -= k
	return p, true
}

// end checks that the weights end where the file does (and, for a gzipped
// file, where gzip's recorded size says, with its checksum right).
func (b *modelBody) end() error {
	if b.r == nil {
		if b.left != 0 {
			return fmt.Errorf("%s: corrupt (%d bytes after the weights)", b.kind, b.left)
		}
		return nil
	}
	if n, err := b.r.Discard(b.left); err != nil || n != b.left {
		return fmt.Errorf("%s truncated", b.kind)
	}
	b.left = 0
	if _, err := b.r.ReadByte(); err != io.EOF {
		return fmt.Errorf("%s: corrupt (size or checksum)", b.kind)
	}
	return nil
}
