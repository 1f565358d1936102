package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// WriteJSON writes the extraction as one line of JSON, the bytes a
// json.Encoder with SetEscapeHTML(false) writes for it (kg extract
// --format jsonl), but an entity or relation at a time: encoding a large
// article whole held its text, several times the size of the article, in
// memory at once.
func (e *Extraction) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// value writes v's JSON without the newline the encoder ends it with.
	value := func(v any) error {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}
	list := func(n int, item func(i int) any) error {
		bw.WriteByte('[')
		for i := range n {
			if i > 0 {
				bw.WriteByte(',')
			}
			if err := value(item(i)); err != nil {
				return err
			}
		}
		return bw.WriteByte(']')
	}
	bw.WriteString(`{"document":`)
	if err := value(&e.Document); err != nil {
		return err
	}
	bw.WriteString(`,"entities":`)
	if e.Entities == nil {
		bw.WriteString("null")
	} else if err := list(len(e.Entities), func(i int) any { return &e.Entities[i] }); err != nil {
		return err
	}
	bw.WriteString(`,"relations":`)
	if e.Relations == nil {
		bw.WriteString("null")
	} else if err := list(len(e.Relations), func(i int) any { return &e.Relations[i] }); err != nil {
		return err
	}
	bw.WriteString("}\n")
	return bw.Flush()
}
