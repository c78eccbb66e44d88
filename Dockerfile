# The API image for docker-compose.yml. Neo4j itself runs in its own official image there.
# (Not built in CI: our machines have no Docker engine.)
FROM node:20-slim AS console
WORKDIR /console
COPY console/package.json console/package-lock.json ./
# Only what the API serves: eslint and prettier (devDependencies) stay out of the image.
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY core ./core
COPY hhgraph ./hhgraph
COPY graph ./graph
COPY cypher ./cypher
COPY loaders ./loaders
COPY synthetic ./synthetic
COPY scoring ./scoring
COPY api ./api
COPY procedure ./procedure
COPY reviews ./reviews
COPY notices ./notices
COPY officials ./officials
COPY applications ./applications
COPY discoveries ./discoveries
COPY referrals ./referrals
COPY conferences ./conferences
COPY funds ./funds
COPY integrity ./integrity
COPY relief ./relief
COPY assistance ./assistance
COPY stats ./stats
COPY webhooks ./webhooks
COPY accounts ./accounts
COPY console ./console
COPY --from=console /console/node_modules ./console/node_modules
# Editable, so that the console and the .cypher files are read from /app.
RUN pip install --no-cache-dir -e . && useradd --system hhgraph
USER hhgraph
EXPOSE 8000
CMD ["hhgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
