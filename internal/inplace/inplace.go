// Package inplace reads arrays of little-endian integers out of bytes
// without copying them where the machine allows: the tables of kg's model
// files are used where they lie, in the binary's read-only data or in a
// file read once, so that starting decodes nothing.
package inplace

import (
	"encoding/binary"
	"unsafe"
)

// littleEndian says whether the machine stores integers as the files do.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// Ints returns b's little-endian integers of type T (len(b) a multiple of
// their size): b itself when the machine is little-endian and b is aligned
// for T, else a copy. The caller must not change b while it uses them.
func Ints[T uint16 | uint32 | uint64](b []byte) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	n := len(b) / size
	if n == 0 {
		return nil
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%uintptr(size) == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
	}
	s := make([]T, n)
	for i := range s {
		switch size {
		case 2:
			s[i] = T(binary.LittleEndian.Uint16(b[2*i:]))
		case 4:
			s[i] = T(binary.LittleEndian.Uint32(b[4*i:]))
		default:
			s[i] = T(binary.LittleEndian.Uint64(b[8*i:]))
		}
	}
	return s
}
