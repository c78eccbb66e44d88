// Returns the whole graph as plain rows for the networkx reference model (tests.reference):
// every node with its labels and properties, every relationship with its type, ends and
// properties but updated_at (a loader's bookkeeping, and most of the decoding cost). For
// tests and small case exports only: it reads everything into one row.
// Parameters: none.
// Returns: one row: nodes [{id, labels, props}], rels [{type, source, target, props}] where
//   id, source and target are element ids.
CALL () {
  MATCH (n)
  RETURN collect({id: elementId(n), labels: labels(n), props: n {.*, updated_at: null}}) AS nodes
}
CALL () {
  MATCH (a)-[r]->(b)
  RETURN collect({type: type(r), source: elementId(a), target: elementId(b),
                  props: r {.*, updated_at: null}}) AS rels
}
RETURN nodes, rels
