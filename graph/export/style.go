package export

import (
	"hash/fnv"

	"github.com/kg/kg/graph"
)

// The look of nodes in drawn formats (dot, html): a colour for each type and
// a shape for each top-level kind, so that a legend can explain both.

// typeColors are colour-blind-friendly fills for the news schema's types;
// other schemas' types get a colour from the palette by their name.
var typeColors = map[string]string{
	"Person":       "#f4a261",
	"Organization": "#6fa8dc",
	"Group":        "#e76f51",
	"Location":     "#8fbc8f",
	"Country":      "#57a773",
	"City":         "#a3d9a5",
	"Region":       "#c5e1a5",
	"Facility":     "#b39ddb",
	"Weapon":       "#bdbdbd",
	"Article":      "#ffe082",
}

var palette = []string{"#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd"}

// nodeColor is the fill of a node of this type.
func nodeColor(typ string) string {
	if c, ok := typeColors[typ]; ok {
		return c
	}
	h := fnv.New32a()
	h.Write([]byte(typ))
	return palette[h.Sum32()%uint32(len(palette))]
}

// kindShapes are the shapes of each top-level kind: Graphviz's for dot and
// the nearest of Cytoscape.js's for html, so that both look alike.
var kindShapes = map[string]struct{ dot, cy string }{
	"Person":       {"ellipse", "ellipse"},
	"Organization": {"box", "round-rectangle"},
	"Group":        {"hexagon", "hexagon"},
	"Location":     {"diamond", "diamond"},
	"Facility":     {"house", "pentagon"},
	"Weapon":       {"triangle", "triangle"},
	"Article":      {"note", "rectangle"},
}

// kind is a node's most general label.
func kind(n *graph.Node) string {
	if len(n.Labels) > 0 {
		return n.Labels[0]
	}
	return n.Type
}

// dotShape is the Graphviz shape of a node.
func dotShape(n *graph.Node) string {
	if s, ok := kindShapes[kind(n)]; ok {
		return s.dot
	}
	return "ellipse"
}

// cyShape is the Cytoscape.js shape of a node.
func cyShape(n *graph.Node) string {
	if s, ok := kindShapes[kind(n)]; ok {
		return s.cy
	}
	return "ellipse"
}
