// Queries to run in Neo4j Browser on the example graph
// (kg build --neo4j bolt://127.0.0.1:7687 examples/articles/).
// Each starts with a "// name:" line; the tests run every one of them.

// name: who-opposes-isis-k
// Who opposes ISIS-K, and on how many sentences' word?
MATCH (x:Entity)-[r:OPPOSES]->(:Entity {key: 'organization:isis-k'})
RETURN x.name AS opponent, r.count AS sentences, r.articles AS articles
ORDER BY sentences DESC, opponent;

// name: who-killed-whom
// Who killed whom, with the evidence sentence; alleged is true when no
// article states the killing as a fact, only as an accusation or a suspicion.
MATCH (killer:Entity)-[r:KILLED]->(victim:Entity)
RETURN killer.name AS killer, victim.name AS victim, r.alleged AS alleged, r.evidence[0] AS evidence
ORDER BY killer, victim;

// name: alleged-facts
// What the articles only allege ("accused of killing", "allegedly attacked"),
// with the articles that allege it and their words.
MATCH (s:Entity)-[r {alleged: true}]->(o:Entity)
MATCH (a:Article)-[x:ASSERTS]->(:Fact {id: type(r) + '|' + s.key + '|' + o.key})
RETURN s.name AS subject, type(r) AS type, o.name AS object, a.title AS article, x.evidence AS evidence
ORDER BY subject, type, object, article;

// name: isis-k-neighbourhood
// ISIS-K's two-hop neighbourhood (draw it in Browser: RETURN p instead).
MATCH p = (:Entity {key: 'organization:isis-k'})-[*1..2]-(n:Entity)
WHERE NONE(r IN relationships(p) WHERE type(r) = 'MENTIONS')
RETURN DISTINCT n.name AS name, n.type AS type
ORDER BY name;

// name: articles-behind-an-edge
// The articles behind an edge: why does the graph say Hafiz Saeed Khan leads ISIS-K?
// Each (subject, type, object) is a Fact node that articles ASSERT, each with
// its own sentences; the edge itself keeps counts and a few sentences.
MATCH (a:Article)-[x:ASSERTS]->(:Fact {id: 'LEADS|person:hafiz-saeed-khan|organization:isis-k'})
RETURN a.title AS title, a.path AS path, x.count AS sentences, x.evidence AS evidence
ORDER BY title;

// name: leaders
// Who leads what, across all articles.
MATCH (p:Person)-[r:LEADS]->(o:Entity)
RETURN p.name AS leader, o.name AS leads, r.count AS sentences
ORDER BY leads, leader;

// name: most-mentioned
// The entities the articles mention most.
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
RETURN e.name AS entity, labels(e) AS labels, sum(m.count) AS mentions, count(a) AS articles
ORDER BY mentions DESC, entity
LIMIT 10;
