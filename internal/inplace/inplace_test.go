package inplace

import (
	"slices"
	"testing"
)

// Aligned or not, the integers read are the bytes' little-endian values.
func TestInts(t *testing.T) {
	buf := make([]byte, 17)
	for i := range buf {
		buf[i] = byte(i + 1)
	}
	for _, off := range []int{0, 1} {
		b := buf[off : off+16]
		if got, want := Ints[uint16](b)[:2], []uint16{uint16(b[0]) | uint16(b[1])<<8, uint16(b[2]) | uint16(b[3])<<8}; !slices.Equal(got, want) {
			t.Errorf("offset %d: uint16 %v, want %v", off, got, want)
		}
		if got, want := Ints[uint32](b)[1], uint32(b[4])|uint32(b[5])<<8|uint32(b[6])<<16|uint32(b[7])<<24; got != want {
			t.Errorf("offset %d: uint32 %x, want %x", off, got, want)
		}
		var want uint64
		for k := 7; k >= 0; k-- {
			want = want<<8 | uint64(b[8+k])
		}
		if got := Ints[uint64](b); len(got) != 2 || got[1] != want {
			t.Errorf("offset %d: uint64 %x, want %x", off, got, want)
		}
	}
	if Ints[uint32](nil) != nil {
		t.Error("no bytes, yet integers")
	}
}
