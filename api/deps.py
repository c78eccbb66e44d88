"""FastAPI dependencies, as `Annotated` aliases that routes declare in their signatures."""

from typing import Annotated

from fastapi import Depends, Request

from graph.db import Graph
from hhgraph.settings import Settings


def get_graph(request: Request) -> Graph:
    """The app's `Graph` (one driver per process, opened in the lifespan)."""
    graph: Graph = request.app.state.graph
    return graph


def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
