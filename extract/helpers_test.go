package extract

import (
	"sync"
	"testing"

	"github.com/kg/kg/schemas"
)

var (
	sharedOnce sync.Once
	shared     *Extractor
	sharedErr  error
)

// testExtractor returns one Extractor for the whole test binary: loading
// prose's model once is what the product does too.
func testExtractor(t testing.TB) *Extractor {
	t.Helper()
	sharedOnce.Do(func() { shared, sharedErr = New(schemas.Default()) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

// extractorWith returns a new Extractor of the default schema with edit
// applied to each relation type (nil: none), for tests that show a rule's
// rows fail with its setting off.
func extractorWith(t testing.TB, edit func(*schemas.RelationType)) *Extractor {
	t.Helper()
	s := schemas.Default()
	if edit != nil {
		for i := range s.RelationTypes {
			edit(&s.RelationTypes[i])
		}
	}
	x, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	return x
}
