#!/usr/bin/env bash
# The benchmark suite (issue 6): our proxy side by side with nginx, haproxy and caddy on one
# backend, the full mesh path, reload under load, sandbox convergence and the compiler.
#   test/bench/run.sh            full run (~15 min on 2 cores), writes docs/benchmarks.md
#   test/bench/run.sh --smoke    seconds per measurement, prints the table, fails on any error (CI)
# Extra arguments go to `Smi.Bench proxy` (--repetitions N, --seconds S, --out FILE).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
for tool in wrk h2load nginx haproxy caddy; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nghttp2-client nginx-light haproxy caddy >/dev/null \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nghttp2-client nginx haproxy caddy >/dev/null
  else
    echo "missing: ${need[*]} (Debian: apt-get install wrk nghttp2-client nginx haproxy caddy)" >&2
    exit 2
  fi
fi

dotnet build -c Release proxy/SmiProxy -v quiet -nologo
dotnet build -c Release operator/SmiOperator -v quiet -nologo
dotnet build -c Release test/bench/Smi.Bench -v quiet -nologo
exec dotnet test/bench/Smi.Bench/bin/Release/net10.0/Smi.Bench.dll proxy "$@"
