# The lab's images, one Dockerfile with a target per compose service:
#   bank      the bank on :4000        (docker compose service `bank`)
#   attacker  the attacker site on :4100, its public pages on :4200 (service `attacker`)
#   tests     Playwright's image with the project and its dev dependencies (profile `tests`)
#
# Base images are build arguments, so a machine without registry access can build on a
# local image (`.ci/run` makes one where no registry answers: NODE_IMAGE=cors-lab-node-base:local).
# The defaults are the official images users pull.
# PLAYWRIGHT_IMAGE must stay at the same version as @playwright/test in package.json:
# the browsers inside it are the ones that Playwright version drives.
ARG NODE_IMAGE=node:22-bookworm-slim
ARG PLAYWRIGHT_IMAGE=mcr.microsoft.com/playwright:v1.64.1-noble

# ---- runtime: production dependencies and the servers' sources (shared by bank and attacker)
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /lab
# Dependencies first: this layer is rebuilt only when the lockfile changes.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# Both servers serve the attack runner (runner/); the attacker site also serves the teaching
# tools (teaching/). The catalog, runtime/ and rules/ are shared. tsx runs them as TypeScript.
COPY tsconfig.json ./
COPY catalog ./catalog
COPY runtime ./runtime
# The rule engine: the attacker site's explainer predicts with it, and reads a run's ledger
# entries as the engine observes them (engine/observe.ts) to draw the run.
COPY rules ./rules
COPY engine/observe.ts ./engine/observe.ts
COPY bank-server ./bank-server
COPY attacker-site ./attacker-site
COPY runner ./runner
COPY teaching ./teaching
# Files stay root-owned and read-only to the server: it runs as the unprivileged `node` user
# (uid 1000 in the official image). No secret is baked in: COOKIE_SECRET comes from the
# environment at run time, or the bank draws a random one at every start.
USER node

# ---- bank
FROM runtime AS bank
EXPOSE 4000
# Same command as `npm start` runs for each server.
CMD ["node", "--import", "tsx", "bank-server/server.ts"]

# ---- attacker
FROM runtime AS attacker
EXPOSE 4100 4200
CMD ["node", "--import", "tsx", "attacker-site/server.ts"]

# ---- tests: last, so that the classic builder (no BuildKit), which builds every stage
# before the target, never needs the Playwright image for `bank` or `attacker`.
FROM ${PLAYWRIGHT_IMAGE} AS tests
WORKDIR /lab
COPY package.json package-lock.json ./
# All dependencies: @playwright/test is a dev dependency. The image already holds the
# browsers for this Playwright version, so nothing is downloaded at run time.
RUN npm ci --no-audit --no-fund
COPY . .
CMD ["npx", "playwright", "test"]
