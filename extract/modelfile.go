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
// its head into head, and returns its weights' bytes, decompressed at once
// into a buffer of the size gzip records (not grown as they come).
func readModel(data []byte, magic, kind string, head any) ([]byte, error) {
	body, _, err := readModelOf(data, []string{magic}, kind, head)
	return body, err
}

// readModelOf is readModel for a kind of model written in several formats
// over time: it returns which of magics the file starts with.
func readModelOf(data []byte, magics []string, kind string, head any) ([]byte, int, error) {
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
	raw := make([]byte, size)
	n, err := io.ReadFull(zr, raw)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, 0, fmt.Errorf("%s: %v", kind, err)
	}
	if n != size {
		return nil, 0, fmt.Errorf("%s truncated", kind)
	}
	// Reading on to the end checks the recorded size and the checksum.
	if _, err := zr.Read(make([]byte, 1)); err != io.EOF {
		return nil, 0, fmt.Errorf("%s: corrupt (size or checksum)", kind)
	}
	line, rest, ok := bytes.Cut(raw, []byte("\n"))
	version := slices.Index(magics, string(line)+"\n")
	if !ok || version < 0 {
		return nil, 0, fmt.Errorf("not a kg %s (bad header)", kind)
	}
	js, body, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return nil, 0, fmt.Errorf("%s: truncated header", kind)
	}
	if err := json.Unmarshal(js, head); err != nil {
		return nil, 0, fmt.Errorf("%s header: %v", kind, err)
	}
	return body, version, nil
}
