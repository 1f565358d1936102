package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
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
// its head into head, and returns a reader at its weights.
func readModel(data []byte, magic, kind string, head any) (*bufio.Reader, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a kg %s (not gzip)", kind)
	}
	br := bufio.NewReader(zr)
	line, err := br.ReadString('\n')
	if err != nil || line != magic {
		return nil, fmt.Errorf("not a kg %s (bad header)", kind)
	}
	raw, err := br.ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("%s: %v", kind, err)
	}
	if err := json.Unmarshal(raw, head); err != nil {
		return nil, fmt.Errorf("%s header: %v", kind, err)
	}
	return br, nil
}
