package graph

import "hash/fnv"

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

// kindShapes are Graphviz shapes by the most general label.
var kindShapes = map[string]string{
	"Person":       "ellipse",
	"Organization": "box",
	"Group":        "hexagon",
	"Location":     "diamond",
	"Facility":     "house",
	"Weapon":       "triangle",
	"Article":      "note",
}

// kind is a node's most general label.
func (n *Node) kind() string {
	if len(n.Labels) > 0 {
		return n.Labels[0]
	}
	return n.Type
}

// dotShape is the Graphviz shape of a node.
func dotShape(n *Node) string {
	if s, ok := kindShapes[n.kind()]; ok {
		return s
	}
	return "ellipse"
}
