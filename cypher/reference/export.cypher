// Returns the whole graph as plain rows for the networkx reference model (scoring.reference):
// every node with its labels and properties, every relationship with its type, ends and
// properties. For tests and small case exports only: it reads everything.
// Parameters: none.
// Returns: one row: nodes [{id, labels, props}], rels [{type, source, target, props}] where
//   id, source and target are element ids.
CALL () {
  MATCH (n)
  RETURN collect({id: elementId(n), labels: labels(n), props: properties(n)}) AS nodes
}
CALL () {
  MATCH (a)-[r]->(b)
  RETURN collect({type: type(r), source: elementId(a), target: elementId(b),
                  props: properties(r)}) AS rels
}
RETURN nodes, rels
