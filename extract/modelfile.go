package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// Model files are gzipped: a magic line naming the kind and format, a line
// of JSON saying what the model is and was trained from, then the weights in
// little-endian binary. writeModel and readModel handle the envelope; each
// model writes and reads its own weights.

// writeModel writes a model file: magic, head as JSON, then body's bytes.
func writeModel(w io.Writer, magic string, head any, body func(*bufio.Writer)) error {
	data, err := json.Marshal(head)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	bw.Write(data)
	bw.WriteByte('\n')
	body(bw)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// readModel opens a model file of the given kind ("entity model"), decodes
// its head into head, and returns its weights as a stream (modelBody): they
// are decoded as they are decompressed, never held whole beside what they
// are decoded into.
func readModel(data []byte, magic, kind string, head any) (*modelBody, error) {
	body, _, err := readModelOf(data, []string{magic}, kind, head)
	return body, err
}

// readModelOf is readModel for a kind of model written in several formats
// over time: it returns which of magics the file starts with.
func readModelOf(data []byte, magics []string, kind string, head any) (*modelBody, int, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, 0, fmt.Errorf("not a kg %s (not gzip)", kind)
	}
	// gzip ends with the uncompressed size (mod 2^32); deflate does not
	// compress more than about 1000 to 1, so a larger size is corrupt.
	size := int(binary.LittleEndian.Uint32(data[len(data)-4:]))
	if size > 1032*len(data) {
		return nil, 0, fmt.Errorf("%s: corrupt (not gzip)", kind)
	}
	b := &modelBody{r: bufio.NewReaderSize(zr, 64<<10), zr: zr, left: size, kind: kind}
	line, err := b.r.ReadBytes('\n')
	b.left -= len(line)
	version := slices.Index(magics, string(line))
	if err != nil || version < 0 {
		return nil, 0, fmt.Errorf("not a kg %s (bad header)", kind)
	}
	js, err := b.r.ReadBytes('\n')
	b.left -= len(js)
	if err != nil || b.left < 0 {
		return nil, 0, fmt.Errorf("%s: truncated header", kind)
	}
	if err := json.Unmarshal(js, head); err != nil {
		return nil, 0, fmt.Errorf("%s header: %v", kind, err)
	}
	return b, version, nil
}

// modelBody is the weights of a model file as they are decompressed.
type modelBody struct {
	r    *bufio.Reader
	zr   *gzip.Reader
	left int // bytes to come, by the size gzip records
	kind string
}

// Len is how many bytes are left.
func (b *modelBody) Len() int { return b.left }

// next returns the next k bytes (k at most 64 KiB), valid until the next
// call, or false when the file ends before them.
func (b *modelBody) next(k int) ([]byte, bool) {
	if k > b.left {
		return nil, false
	}
	p, err := b.r.Peek(k)
	if err != nil {
		return nil, false
	}
	b.r.Discard(k)
	b.left -= k
	return p, true
}

// end reads what is left and checks that the file ends where gzip's
// recorded size says and that its checksum is right.
func (b *modelBody) end() error {
	if n, err := b.r.Discard(b.left); err != nil || n != b.left {
		return fmt.Errorf("%s truncated", b.kind)
	}
	b.left = 0
	if _, err := b.r.ReadByte(); err != io.EOF {
		return fmt.Errorf("%s: corrupt (size or checksum)", b.kind)
	}
	return nil
}
