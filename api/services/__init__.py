"""The service functions the routes call: one module per resource, one function per route,
no HTTP in them. A service reads the graph, decides what the caller may see (a resource
absent or outside the caller's region raises `core.errors.NotFound`, one refusal for both:
CONTRACT §3, issue 14 item 1) and returns the route's response model."""
