package graph

import (
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestEquivalentRuleExists: the error a build gets when another build created
// the same index a moment before is no failure; other errors are.
func TestEquivalentRuleExists(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"}, true},
		{fmt.Errorf("creating: %w", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"}), true},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Schema.IndexWithNameAlreadyExists"}, false},
		{errors.New("connection refused"), false},
	} {
		if got := equivalentRuleExists(c.err); got != c.want {
			t.Errorf("equivalentRuleExists(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
