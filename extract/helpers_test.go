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
