#!/bin/sh
# smi-iptables.sh — transparent interception for the SMI sidecar proxy.
#
# Run once per pod, in the pod's network namespace, by the injected init container (root with
# NET_ADMIN and NET_RAW). It redirects:
#   - inbound TCP to the pod  -> the proxy's inbound listener (SMI_INBOUND_PORT, default 15006)
#   - outbound TCP of the app -> the proxy's outbound listener (SMI_OUTBOUND_PORT, default 15001)
# and leaves alone:
#   - traffic of the proxy itself (its uid SMI_PROXY_UID, default 1337) so it does not loop;
#   - the proxy's inbound and admin ports (kubelet probes the admin port) and SMI_EXCLUDE_INBOUND_PORTS.
#     The outbound port is NOT exempt: a connection from another pod to <podIP>:15001 is inbound
#     traffic like any other (redirected to the inbound listener and authorized there), so it can
#     never use this pod's outbound listener and identity as a relay;
#   - loopback traffic that is not addressed to another host (app <-> proxy on localhost);
#   - destinations in SMI_EXCLUDE_OUTBOUND_CIDRS and ports in SMI_EXCLUDE_OUTBOUND_PORTS.
# The same rules go into ip6tables when the pod has IPv6 (dual stack); without ip6tables, or
# without IPv6 in the pod, IPv4 alone is set up and the script says so.
# It is idempotent: running it twice leaves one copy of each rule.
set -eu

INBOUND_PORT="${SMI_INBOUND_PORT:-15006}"
OUTBOUND_PORT="${SMI_OUTBOUND_PORT:-15001}"
ADMIN_PORT="${SMI_ADMIN_PORT:-15000}"
PROXY_UID="${SMI_PROXY_UID:-1337}"
EXCLUDE_INBOUND_PORTS="${SMI_EXCLUDE_INBOUND_PORTS:-}"
EXCLUDE_OUTBOUND_PORTS="${SMI_EXCLUDE_OUTBOUND_PORTS:-}"
EXCLUDE_OUTBOUND_CIDRS="${SMI_EXCLUDE_OUTBOUND_CIDRS:-}"
IPTABLES="${SMI_IPTABLES:-iptables}"
IP6TABLES="${SMI_IP6TABLES:-ip6tables}"

# setup <iptables binary> <loopback address of the family>
setup() {
  IPT_BIN="$1"
  LOOPBACK="$2"
  ipt() { "$IPT_BIN" -t nat "$@"; }

  # Fresh chains each run (idempotent): flush ours and drop the jumps into them.
  for chain in SMI_INBOUND SMI_IN_REDIRECT SMI_OUTBOUND SMI_OUT_REDIRECT; do
    ipt -N "$chain" 2>/dev/null || ipt -F "$chain"
  done
  ipt -D PREROUTING -p tcp -j SMI_INBOUND 2>/dev/null || true
  ipt -D OUTPUT -p tcp -j SMI_OUTBOUND 2>/dev/null || true

  # Redirect targets.
  ipt -A SMI_IN_REDIRECT -p tcp -j REDIRECT --to-ports "$INBOUND_PORT"
  ipt -A SMI_OUT_REDIRECT -p tcp -j REDIRECT --to-ports "$OUTBOUND_PORT"

  # Inbound: everything arriving for the pod, except the proxy's own ports and exclusions.
  for port in "$INBOUND_PORT" "$ADMIN_PORT" $(echo "$EXCLUDE_INBOUND_PORTS" | tr ',' ' '); do
    ipt -A SMI_INBOUND -p tcp --dport "$port" -j RETURN
  done
  ipt -A SMI_INBOUND -p tcp -j SMI_IN_REDIRECT
  ipt -A PREROUTING -p tcp -j SMI_INBOUND

  # Outbound: the proxy's own connections go out as they are.
  ipt -A SMI_OUTBOUND -m owner --uid-owner "$PROXY_UID" -j RETURN
  # App to its own pod over loopback stays local (the inbound proxy forwards to the app this way).
  ipt -A SMI_OUTBOUND -o lo ! -d "$LOOPBACK" -j SMI_IN_REDIRECT
  ipt -A SMI_OUTBOUND -o lo -j RETURN
  for cidr in $(echo "$EXCLUDE_OUTBOUND_CIDRS" | tr ',' ' '); do
    # Each CIDR goes into the table of its own family.
    case "$cidr" in *:*) cidr_family="::1/128" ;; *) cidr_family="127.0.0.1/32" ;; esac
    if [ "$cidr_family" = "$LOOPBACK" ]; then
      ipt -A SMI_OUTBOUND -d "$cidr" -j RETURN
    fi
  done
  for port in $(echo "$EXCLUDE_OUTBOUND_PORTS" | tr ',' ' '); do
    ipt -A SMI_OUTBOUND -p tcp --dport "$port" -j RETURN
  done
  ipt -A SMI_OUTBOUND -p tcp -j SMI_OUT_REDIRECT
  ipt -A OUTPUT -p tcp -j SMI_OUTBOUND
}

setup "$IPTABLES" 127.0.0.1/32
families="IPv4"
if command -v "$IP6TABLES" >/dev/null 2>&1 && [ -e /proc/net/if_inet6 ] && "$IP6TABLES" -t nat -L >/dev/null 2>&1; then
  setup "$IP6TABLES" ::1/128
  families="IPv4 and IPv6"
else
  echo "smi-iptables: no IPv6 nat table in this pod; IPv6 is not intercepted"
fi

echo "smi-iptables: $families: inbound -> :$INBOUND_PORT, outbound -> :$OUTBOUND_PORT, proxy uid $PROXY_UID excluded"
