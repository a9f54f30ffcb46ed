# syntax=docker/dockerfile:1
# One image for the API, the worker and the migration job (compose picks the command).
# Debian (glibc) base on purpose: the Temporal TypeScript SDK's native core-bridge ships glibc
# binaries only; musl/Alpine images are not supported (see docs/docker.md, "Sources").
# Node 24 is the supported LTS (Node 20 reached end of life on 2026-04-30).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: all dependencies, compile to dist/ and pre-bundle the workflows ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build

# ---- runtime: production dependencies + dist/ only, as the unprivileged `node` user ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
# dist/ includes dist/workflow-bundle.js written by `npm run build`, so the worker does not bundle at start.
COPY --from=build /app/dist ./dist
# Data the code reads at run time (the common-password list of the password policy).
COPY --from=build /app/data ./data
# Files stay owned by root: the app can read its code but not rewrite it.
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
