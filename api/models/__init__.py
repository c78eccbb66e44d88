"""The API's request and response models, one module per resource. A model's class name is
its schema's name in the OpenAPI document (docs/openapi.json), and its docstring the
schema's description: renaming one is an interface change."""
