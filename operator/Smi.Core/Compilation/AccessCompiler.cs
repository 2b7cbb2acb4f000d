using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Core.Diagnostics;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>
/// Compiles TrafficTargets into inbound <see cref="AccessRule"/>s per destination identity
/// (SPEC-NOTES §4; decisions in docs/semantics.md). One rule per target:
/// <list type="bullet">
/// <item>TCP ports: the union of its TCPRoutes' ports (a TCPRoute without ports means every port);
/// no TCPRoute rule means every port — unless the target has only UDPRoute rules, which admit no TCP;</item>
/// <item>a v1alpha1/v1alpha2 <c>destination.port</c> further restricts TCP to that port;</item>
/// <item>HTTP: the selected matches of its HTTPRouteGroups (OR); no HTTPRouteGroup rule means every request;</item>
/// <item>a route port matches the Service port or the container port it maps to on the destination's pods;</item>
/// <item>fail closed: a rule whose HTTPRouteGroups or TCPRoutes all fail to resolve grants nothing (it never widens).</item>
/// </list>
/// </summary>
internal sealed class AccessCompiler(Topology topology, DiagnosticCollector diagnostics, CompileCache cache)
{
    private readonly Dictionary<ProxyIdentity, List<AccessRule>> _rules = [];
    private readonly Dictionary<string, HashSet<ProxyIdentity>> _destinationsBySource = new(StringComparer.Ordinal);

    public IReadOnlyList<AccessRule> RulesFor(ProxyIdentity destination) =>
        _rules.TryGetValue(destination, out var rules) ? rules : [];

    /// <summary>The identities that admit <paramref name="source"/> through some rule.</summary>
    public IEnumerable<ProxyIdentity> DestinationsOf(ProxyIdentity source) =>
        _destinationsBySource.TryGetValue(source.Key, out var destinations) ? destinations : [];

    public void Compile(IEnumerable<TrafficTarget> targets)
    {
        foreach (var target in targets.OrderBy(t => t.Metadata.Key, StringComparer.Ordinal))
        {
            diagnostics.Track(target);
            var entry = cache.Rules.GetOrCompute($"{target.Metadata.Key}", Inputs(target), () => Compile(target));
            diagnostics.Apply(entry.Diagnostics);
            if (entry is not { Rule: { } rule, Destination: { } destination })
            {
                continue;
            }

            if (!_rules.TryGetValue(destination, out var list))
            {
                list = [];
                _rules[destination] = list;
            }

            list.Add(rule);
            if (!rule.UdpOnly)
            {
                foreach (var source in rule.Sources)
                {
                    if (!_destinationsBySource.TryGetValue(source, out var destinations))
                    {
                        destinations = [];
                        _destinationsBySource[source] = destinations;
                    }

                    destinations.Add(destination);
                }
            }
        }
    }

    private Dependencies Inputs(TrafficTarget target)
    {
        var ns = target.Metadata.Namespace;
        var inputs = new Dependencies().Add(target);
        foreach (var rule in target.Rules)
        {
            inputs.Add(rule.Kind == SmiKinds.HttpRouteGroup
                ? topology.RouteGroups.GetValueOrDefault($"{ns}/{rule.Name}")
                : topology.L4Routes.GetValueOrDefault($"{rule.Kind} {ns}/{rule.Name}"));
        }

        // Route ports are mapped to the destination's container ports through the Services it serves.
        return inputs.Add(topology.ServedBy(new ProxyIdentity(ns, target.Destination.Name)));
    }

    private RuleEntry Compile(TrafficTarget target)
    {
        var recorder = new DiagnosticRecorder();
        var destination = Validate(target, recorder);
        var rule = destination is null ? null : BuildRule(target, destination, recorder);
        return new RuleEntry(rule, destination, recorder.ToImmutable());
    }

    private static ProxyIdentity? Validate(TrafficTarget target, IDiagnosticSink sink)
    {
        var ns = target.Metadata.Namespace;
        var rejected = false;
        void Reject(string message)
        {
            rejected = true;
            sink.Reject(target, Reasons.Invalid, message);
        }

        if (target.Destination.Kind != SmiKinds.ServiceAccount)
        {
            Reject($"destination kind {target.Destination.Kind} is not supported; SMI identities are ServiceAccounts.");
        }

        if (!string.IsNullOrEmpty(target.Destination.Namespace) && target.Destination.Namespace != ns)
        {
            Reject($"destination namespace {target.Destination.Namespace} differs from the TrafficTarget's namespace {ns}; create the TrafficTarget in the destination's namespace.");
        }

        if (target.Sources.IsDefaultOrEmpty)
        {
            Reject("sources: a TrafficTarget needs at least one source; it grants nothing without one.");
        }

        foreach (var source in target.Sources.Where(s => s.Kind != SmiKinds.ServiceAccount))
        {
            Reject($"source kind {source.Kind} ({source.Name}) is not supported; SMI identities are ServiceAccounts.");
        }

        if (target.Rules.IsDefaultOrEmpty)
        {
            Reject("rules: a TrafficTarget needs at least one rule; it grants nothing without one.");
        }

        return rejected ? null : new ProxyIdentity(ns, target.Destination.Name);
    }

    private AccessRule? BuildRule(TrafficTarget target, ProxyIdentity destination, IDiagnosticSink sink)
    {
        var ns = target.Metadata.Namespace;
        var http = new List<HttpRouteMatch>();
        var tcpPorts = new SortedSet<int>();
        var udpPorts = new SortedSet<int>();
        bool hasHttp = false, hasTcp = false, hasUdp = false, tcpAll = false, udpAll = false, udpResolved = false;
        for (var i = 0; i < target.Rules.Length; i++)
        {
            var rule = target.Rules[i];
            switch (rule.Kind)
            {
                case SmiKinds.HttpRouteGroup:
                    hasHttp = true;
                    http.AddRange(ResolveHttp(target, rule, sink));
                    break;
                case SmiKinds.TcpRoute or SmiKinds.UdpRoute:
                    var isTcp = rule.Kind == SmiKinds.TcpRoute;
                    hasTcp |= isTcp;
                    hasUdp |= !isTcp;
                    if (!topology.L4Routes.TryGetValue($"{rule.Kind} {ns}/{rule.Name}", out var route))
                    {
                        sink.Unresolved(target, Reasons.RouteNotFound, $"{rule.Kind} {ns}/{rule.Name} does not exist; it allows nothing.");
                        break;
                    }

                    if (isTcp)
                    {
                        tcpAll |= route.Ports.IsDefaultOrEmpty;
                        tcpPorts.UnionWith(route.Ports);
                    }
                    else
                    {
                        udpResolved = true;
                        udpAll |= route.Ports.IsDefaultOrEmpty;
                        udpPorts.UnionWith(route.Ports);
                    }

                    break;
                default:
                    sink.Unresolved(target, Reasons.RouteNotFound, $"rule kind {rule.Kind} ({rule.Name}) is not supported; use HTTPRouteGroup, TCPRoute or UDPRoute.");
                    break;
            }
        }

        // TCP (and HTTP, which rides on it): null = every port, empty = none.
        SortedSet<int>? tcpAllowed = hasTcp
            ? (tcpAll ? null : tcpPorts)
            : (hasUdp && !hasHttp ? [] : null);
        if (target.DestinationPort is { } port)
        {
            tcpAllowed = tcpAllowed is null || tcpAllowed.Contains(port) ? [port] : [];
        }

        var httpGrantsNothing = hasHttp && http.Count == 0;
        var tcpGrantsNothing = tcpAllowed is { Count: 0 } || httpGrantsNothing;
        var sources = target.Sources
            .Select(s => new ProxyIdentity(string.IsNullOrEmpty(s.Namespace) ? ns : s.Namespace!, s.Name).Key)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        if (tcpGrantsNothing && !udpResolved)
        {
            sink.Report(target, Severity.Warning, Reasons.GrantsNothing, "No rule of this TrafficTarget resolves to anything that can be allowed, so it grants no access; fix the references above.");
            return null;
        }

        return new AccessRule
        {
            Origin = $"{SmiKinds.TrafficTarget} {target.Metadata.Key}",
            Sources = sources,
            Ports = tcpGrantsNothing || tcpAllowed is null ? [] : ToContainerPorts(destination, tcpAllowed),
            UdpPorts = udpAll || !udpResolved ? [] : ToContainerPorts(destination, udpPorts),
            UdpOnly = tcpGrantsNothing,
            HttpMatches = MatchCompiler.Sorted(http),
        };
    }

    private List<HttpRouteMatch> ResolveHttp(TrafficTarget target, TrafficTargetRule rule, IDiagnosticSink sink)
    {
        var result = new List<HttpRouteMatch>();
        var key = $"{target.Metadata.Namespace}/{rule.Name}";
        if (!topology.RouteGroups.TryGetValue(key, out var group))
        {
            sink.Unresolved(target, Reasons.RouteNotFound, $"HTTPRouteGroup {key} does not exist; it allows nothing.");
            return result;
        }

        var selected = group.Matches;
        if (!rule.Matches.IsDefaultOrEmpty)
        {
            foreach (var missing in rule.Matches.Where(name => !group.Matches.Any(m => m.Name == name)))
            {
                sink.Unresolved(target, Reasons.MatchNotFound, $"HTTPRouteGroup {key} has no match named {missing}; it allows nothing.");
            }

            selected = [.. group.Matches.Where(m => rule.Matches.Contains(m.Name))];
        }

        foreach (var match in selected)
        {
            var compiled = MatchCompiler.Compile(group, match);
            if (MatchCompiler.FindRegexError(compiled) is { } error)
            {
                sink.Unresolved(target, Reasons.Invalid, $"HTTPRouteGroup {key} match {match.Name}: {error}; it allows nothing.");
                continue;
            }

            result.Add(compiled);
        }

        return result;
    }

    /// <summary>A route port names a Service port or a container port; allow both forms on the destination's pods.</summary>
    private ImmutableArray<int> ToContainerPorts(ProxyIdentity destination, IEnumerable<int> ports)
    {
        var requested = ports.ToHashSet();
        var result = new SortedSet<int>(requested);
        foreach (var served in topology.ServedBy(destination).Services)
        {
            foreach (var mapping in served.Ports)
            {
                if (requested.Contains(mapping.Port))
                {
                    result.Add(mapping.TargetPort);
                }
            }
        }

        return [.. result];
    }
}
