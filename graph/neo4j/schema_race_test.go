package neo4j

import (
	"errors"
	"fmt"
	"testing"

	bolt "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestEquivalentRuleExists: the error a build gets when another build created
// the same index a moment before is no failure; other errors are.
func TestEquivalentRuleExists(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&bolt.Neo4jError{Code: "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"}, true},
		{fmt.Errorf("creating: %w", &bolt.Neo4jError{Code: "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"}), true},
		{&bolt.Neo4jError{Code: "Neo.ClientError.Schema.IndexWithNameAlreadyExists"}, false},
		{errors.New("connection refused"), false},
	} {
		if got := equivalentRuleExists(c.err); got != c.want {
			t.Errorf("equivalentRuleExists(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
