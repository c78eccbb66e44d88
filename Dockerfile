# The API image for docker-compose.yml. Neo4j itself runs in its own official image there.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY hhgraph ./hhgraph
COPY graph ./graph
COPY cypher ./cypher
COPY loaders ./loaders
COPY scoring ./scoring
COPY api ./api
RUN pip install --no-cache-dir . && useradd --system hhgraph
USER hhgraph
EXPOSE 8000
CMD ["hhgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
