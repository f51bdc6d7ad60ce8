#!/usr/bin/env bash
# `npm run test:compose`: proves that `docker compose up` gives the same lab as `npm start`.
#
#   1. makes a Node base image from this machine's own Node (no registry needed),
#   2. builds the bank and attacker images on it (NODE_IMAGE build argument),
#   3. brings them up and waits, bounded, for both healthchecks,
#   4. checks from the host: /healthz under both host names, the bank's CORS headers, and
#      the seed story in real Chromium against the containers,
#   5. tears everything down, also on failure,
# and prints how long `up` took until both were healthy, and the image sizes.
#
# It never passes without an engine: no Docker, no pass. As root it installs Debian's
# docker.io and docker-compose when they are missing and starts dockerd when none runs
# (and stops that dockerd again at the end; KEEP_DOCKERD=1 leaves it running).
#
# Settings (environment):
#   NODE_IMAGE      base image to build on; unset = build cors-lab-node-base:local from the
#                   host's Node. Set it (e.g. node:22-bookworm-slim) where a registry is reachable.
#   PORT_WAIT       seconds to wait for host ports 4000/4100 to be free (default 300)
#   HEALTH_WAIT     seconds to wait for both containers to be healthy (default 120)
#   KEEP_DOCKERD=1  leave a dockerd this script started running
set -euo pipefail
cd "$(dirname "$0")/.."

PORT_WAIT=${PORT_WAIT:-300}
HEALTH_WAIT=${HEALTH_WAIT:-120}
BASE_IMAGE_LOCAL=cors-lab-node-base:local
PROJECT=cors-lab-test

say() { printf '[test-compose] %s\n' "$*"; }
fail() {
  printf '[test-compose] FAILED: %s\n' "$*" >&2
  exit 1
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

WORK=$(mktemp -d /tmp/cors-lab-compose.XXXXXX)
STARTED_DOCKERD_PID=
COMPOSE_UP=0

cleanup() {
  local code=$?
  set +e
  if [ "$COMPOSE_UP" = 1 ]; then
    say "tearing down (docker compose down)"
    if [ "$code" != 0 ]; then
      say "container logs (last 40 lines each):"
      compose logs --no-color --tail 40 >&2
    fi
    compose down --remove-orphans --volumes >/dev/null 2>&1 || say "compose down failed"
  fi
  if [ -n "$STARTED_DOCKERD_PID" ] && [ "${KEEP_DOCKERD:-}" != 1 ] && kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null; then
    say "stopping the dockerd this script started (pid $STARTED_DOCKERD_PID)"
    kill "$STARTED_DOCKERD_PID" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -rf "$WORK"
  if [ "$code" = 0 ]; then say "PASSED"; else say "FAILED (exit code $code)" >&2; fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 0. An engine and a compose command -------------------------------------------------

is_root() { [ "$(id -u)" = 0 ]; }

if ! command -v docker >/dev/null || { ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null; } ||
  { ! docker info >/dev/null 2>&1 && ! command -v dockerd >/dev/null; }; then
  is_root || fail "Docker (engine and compose) is missing and this script is not root: install Docker, or run as root to install Debian's docker.io and docker-compose."
  command -v apt-get >/dev/null || fail "Docker is missing and there is no apt-get to install it with."
  say "installing Debian's docker.io and docker-compose (apt-get)"
  apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io docker-compose >/dev/null ||
    fail "apt-get install docker.io docker-compose failed"
fi

if ! docker info >/dev/null 2>&1; then
  is_root || fail "no Docker engine answers (docker info fails) and this script is not root, so it cannot start dockerd. Start Docker and retry."
  command -v dockerd >/dev/null || fail "no Docker engine answers and there is no dockerd to start."
  say "no Docker engine is running: starting dockerd (log: $WORK/dockerd.log)"
  # setsid: the engine must not get the terminal's Ctrl-C before the teardown has run.
  setsid dockerd >"$WORK/dockerd.log" 2>&1 </dev/null &
  STARTED_DOCKERD_PID=$!
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null || break
    sleep 0.5
  done
  if ! docker info >/dev/null 2>&1; then
    tail -n 20 "$WORK/dockerd.log" >&2 || true
    fail "dockerd did not start (its last log lines are above); the Docker engine cannot run here."
  fi
  # The engine's own pid (setsid may have forked), so that the teardown stops exactly it.
  if [ -s /var/run/docker.pid ]; then STARTED_DOCKERD_PID=$(cat /var/run/docker.pid); fi
fi
say "Docker engine $(docker version --format '{{.Server.Version}}' 2>/dev/null)"

if docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
elif command -v docker-compose >/dev/null; then
  COMPOSE=(docker-compose)
else
  fail "neither 'docker compose' nor 'docker-compose' is available"
fi
say "compose: ${COMPOSE[*]} ($("${COMPOSE[@]}" version --short 2>/dev/null || echo '?'))"
# Without the buildx plugin, BuildKit builds fail; the classic builder builds this Dockerfile.
if ! docker buildx version >/dev/null 2>&1; then
  export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
fi
compose() { "${COMPOSE[@]}" -p "$PROJECT" "$@"; }
compose config -q || fail "docker-compose.yml does not pass '${COMPOSE[*]} config'"
# Request logs (info) are how the check below proves the browser talked to the containers.
export LOG_LEVEL=info

# --- 1. A Node base image from this machine, with no registry ---------------------------

build_local_base() {
  local rootfs="$WORK/rootfs" node_bin npm_dir dash_bin env_bin ca
  node_bin=$(readlink -f "$(command -v node)")
  npm_dir="$(npm root -g 2>/dev/null)/npm"
  dash_bin=$(readlink -f "$(command -v dash || command -v sh)")
  env_bin=$(readlink -f "$(command -v env)")
  [ -f "$npm_dir/bin/npm-cli.js" ] || fail "npm not found at $npm_dir"
  mkdir -p "$rootfs"/{usr/local/bin,usr/local/lib/node_modules,usr/bin,bin,etc/ssl/certs,tmp,root,home/node}
  cp "$node_bin" "$rootfs/usr/local/bin/node"
  cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  # A shell: Dockerfile RUN lines and npm's lifecycle scripts run `sh -c`; and env, for the
  # `#!/usr/bin/env node` line of npm, npx and package binaries.
  cp "$dash_bin" "$rootfs/bin/sh"
  cp "$env_bin" "$rootfs/usr/bin/env"
  # The shared libraries both need, at the paths the dynamic loader looks for them.
  local lib
  for lib in $( { ldd "$node_bin"; ldd "$dash_bin"; ldd "$env_bin"; } | grep -oE '/[^ ]+' | sort -u); do
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done
  # CA certificates (this machine's bundle, which its registry access may need) and users.
  ca=/etc/ssl/certs/ca-certificates.crt
  [ -f "$ca" ] && cp -L "$ca" "$rootfs/etc/ssl/certs/ca-certificates.crt"
  printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\n' >"$rootfs/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  chmod 1777 "$rootfs/tmp"
  chown 1000:1000 "$rootfs/home/node"
  tar --numeric-owner -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["node"]' \
    --change "LABEL cors-lab.fingerprint=$1" \
    - "$BASE_IMAGE_LOCAL" >/dev/null || fail "docker import of the base image failed"
  say "built $BASE_IMAGE_LOCAL from $node_bin ($(node --version)), npm $(npm --version 2>/dev/null)"
}

if [ -z "${NODE_IMAGE:-}" ]; then
  # Rebuilt only when the host's Node, npm or CA bundle changed: a new base would make
  # every build below start again from `npm ci`.
  fingerprint=$(cat "$(readlink -f "$(command -v node)")" "$(npm root -g 2>/dev/null)/npm/package.json" \
    /etc/ssl/certs/ca-certificates.crt 2>/dev/null | sha256sum | cut -c1-16)
  if [ "$(docker image inspect --format '{{index .Config.Labels "cors-lab.fingerprint"}}' "$BASE_IMAGE_LOCAL" 2>/dev/null)" = "$fingerprint" ]; then
    say "reusing $BASE_IMAGE_LOCAL (same host Node, npm and CA bundle)"
  else
    old_base=$(docker image inspect --format '{{.Id}}' "$BASE_IMAGE_LOCAL" 2>/dev/null || true)
    build_local_base "$fingerprint"
    # The replaced base, if nothing is built on it any more.
    [ -z "$old_base" ] || docker rmi "$old_base" >/dev/null 2>&1 || true
  fi
  export NODE_IMAGE=$BASE_IMAGE_LOCAL
else
  say "base image: NODE_IMAGE=$NODE_IMAGE (as given)"
fi

# --- 2. Build both services -------------------------------------------------------------

say "building bank and attacker on $NODE_IMAGE"
t0=$(now)
compose build bank attacker >"$WORK/build.log" 2>&1 || {
  tail -n 40 "$WORK/build.log" >&2
  fail "compose build failed (last lines above)"
}
say "built in $(elapsed "$t0" "$(now)") s"
# Images that a rebuild replaced, if built on a base this script made (they carry its label).
docker image prune -f --filter label=cors-lab.fingerprint >/dev/null 2>&1 || true

# --- 3. Up, and wait for both healthchecks -----------------------------------------------

# The published ports are the lab's origins, so they are fixed: wait (bounded) until nothing
# else on this machine holds them, or a test below would talk to that instead.
ports_busy() { ss -ltnH 2>/dev/null | awk '$4 ~ /:(4000|4100)$/ { busy = 1 } END { exit !busy }'; }
if command -v ss >/dev/null; then
  deadline=$((SECONDS + PORT_WAIT))
  while ports_busy; do
    [ $SECONDS -lt $deadline ] || fail "host ports 4000/4100 are still in use after ${PORT_WAIT}s (ss -ltnp | grep -E ':(4000|4100)'): stop the lab running there."
    say "host port 4000 or 4100 is in use (another lab?); waiting for it to be free"
    sleep 5
  done
fi

say "docker compose up -d"
t_up=$(now)
COMPOSE_UP=1
compose up -d bank attacker >"$WORK/up.log" 2>&1 || {
  cat "$WORK/up.log" >&2
  fail "compose up failed (output above)"
}

health() { docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}no-healthcheck{{end}}' "$1" 2>/dev/null || echo gone; }
bank_id=$(compose ps -q bank)
attacker_id=$(compose ps -q attacker)
[ -n "$bank_id" ] && [ -n "$attacker_id" ] || fail "compose ps does not list both containers"
deadline=$(awk -v a="$t_up" -v w="$HEALTH_WAIT" 'BEGIN { printf "%d", a + w }')
while :; do
  b=$(health "$bank_id")
  a=$(health "$attacker_id")
  [ "$b" = healthy ] && [ "$a" = healthy ] && break
  case "$b $a" in *unhealthy* | *gone* | *no-healthcheck*) fail "containers not healthy: bank=$b attacker=$a" ;; esac
  [ "$(date +%s)" -lt "$deadline" ] || fail "not healthy within ${HEALTH_WAIT}s: bank=$b attacker=$a"
  sleep 0.5
done
UP_SECONDS=$(elapsed "$t_up" "$(now)")
say "both healthy ${UP_SECONDS} s after 'up' started"

# --- 4. From the host: host names, CORS, and the seed story in a browser ------------------

fetch() { curl -fsS --max-time 10 "$@"; }
fetch --resolve bank.localhost:4000:127.0.0.1 http://bank.localhost:4000/healthz >/dev/null ||
  fail "http://bank.localhost:4000/healthz does not answer from the host"
fetch --resolve attacker.localhost:4100:127.0.0.1 http://attacker.localhost:4100/healthz >/dev/null ||
  fail "http://attacker.localhost:4100/healthz does not answer from the host"
for name in partner.localhost something.bank.localhost evilpartner.localhost partner.localhost.attacker.localhost; do
  fetch --resolve "$name:4100:127.0.0.1" "http://$name:4100/movies.html" >/dev/null ||
    fail "http://$name:4100/movies.html does not answer from the host"
done
say "healthz answers on bank.localhost:4000 and attacker.localhost:4100; the attacker's other host names serve pages"

# Access-Control-Allow-Origin of the bank's answer to the attacker's origin, for one configuration.
acao_for() {
  local headers
  headers=$(curl -sS -o /dev/null -D - --max-time 10 --resolve bank.localhost:4000:127.0.0.1 \
    -H 'Origin: http://attacker.localhost:4100' "http://bank.localhost:4000/c/$1/rates") ||
    fail "GET http://bank.localhost:4000/c/$1/rates failed"
  printf '%s\n' "$headers" | tr -d '\r' | awk -F': ' 'tolower($1) == "access-control-allow-origin" { print $2 }'
}
acao=$(acao_for reflect-any-origin)
[ "$acao" = http://attacker.localhost:4100 ] ||
  fail "reflect-any-origin should reflect the attacker's origin; Access-Control-Allow-Origin was '${acao}'"
say "CORS: /c/reflect-any-origin/rates reflects Origin http://attacker.localhost:4100"
acao_none=$(acao_for none)
[ -z "$acao_none" ] || fail "the 'none' configuration sent Access-Control-Allow-Origin: $acao_none"
say "CORS: /c/none/rates sends no Access-Control-Allow-Origin"
# The attacker container's explainer asks the bank container which configuration is active
# (BANK_INTERNAL_URL) and runs the rule engine: both containers must be wired together.
explained=$(fetch --resolve attacker.localhost:4100:127.0.0.1 \
  'http://attacker.localhost:4100/narrator/explain?config=active&origin=attacker&attack=xhr-get-transfer&browser=chromium&policy=third-party-blocked&cookieAgeSeconds=0') ||
  fail "the attacker container's explainer did not answer"
case "$explained" in *'"config":"reflect-any-origin"'*'"requestReached":true'*) ;; *) fail "unexpected explanation: $explained" ;; esac
say "explainer: the attacker container read the bank's active configuration and predicted the seed's request"

# The dashboard's page, and its narrator's view of the bank, across the two containers.
fetch --resolve attacker.localhost:4100:127.0.0.1 http://attacker.localhost:4100/dashboard/ | grep -q '<h1>Attack dashboard</h1>' ||
  fail "the attacker container did not serve the dashboard"
active=$(fetch --resolve attacker.localhost:4100:127.0.0.1 http://attacker.localhost:4100/narrator/active) ||
  fail "the attacker container's narrator did not answer"
case "$active" in *'"active":"reflect-any-origin"'*) ;; *) fail "unexpected active configuration: $active" ;; esac
say "dashboard: served, and its narrator read the bank container's active configuration"

# The existing browser test, against the containers: outside CI, playwright.config.ts's
# webServer entries find http://127.0.0.1:4000/healthz and :4100/healthz answering and
# reuse them (reuseExistingServer: !process.env.CI), so CI must be unset here.
# --reporter/--output keep this run away from the repository's reports/ and test-results/.
say "seed story in Chromium against the containers (CI unset, so webServer reuses them)"
if ! env -u CI npx playwright test tests/browser/seed-story.spec.ts --project chromium --workers=1 \
  --reporter=list --output="$WORK/test-results" 2>&1 | tee "$WORK/playwright.log"; then
  fail "the seed story failed against the containers"
fi
# A reused server is silent; a server Playwright started would have failed on the busy port.
# Still, prove the answers came from the containers: their logs hold the seed's request.
compose logs --no-color bank >"$WORK/bank.log" 2>&1 || true
transfer_path=$(npx tsx scripts/catalog-fact.ts TRANSFER_PATH) || fail "could not read the transfer path from the catalog"
grep -qF "$transfer_path" "$WORK/bank.log" ||
  fail "the bank container's log does not show the seed's request: the test did not run against the containers"
say "the bank container logged $(grep -cF "$transfer_path" "$WORK/bank.log") of the seed's $transfer_path requests"

# --- Figures -------------------------------------------------------------------------------

say "up -> both healthy: ${UP_SECONDS} s"
say "image sizes:"
for img in "$NODE_IMAGE" $(docker inspect --format '{{.Config.Image}}' "$bank_id" "$attacker_id"); do
  size=$(docker image inspect --format '{{.Size}}' "$img")
  printf '[test-compose]   %-40s %6.1f MB\n' "$img" "$(awk -v s="$size" 'BEGIN { print s / 1e6 }')"
done
