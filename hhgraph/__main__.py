"""`python -m hhgraph` is the same as the `hhgraph` console command."""

from hhgraph.cli import app

app(prog_name="hhgraph")
