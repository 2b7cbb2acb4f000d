using System.Collections.Immutable;

namespace Smi.Api.Model;

/// <summary>A rule: a route object and, for HTTPRouteGroups, the names of the matches it allows (empty = all).</summary>
/// <param name="Kind">Route kind: <c>HTTPRouteGroup</c>, <c>TCPRoute</c> or <c>UDPRoute</c>.</param>
/// <param name="Name">Route object name, in the TrafficTarget's namespace.</param>
/// <param name="Matches">Names of matches in the route group; empty means all of them.</param>
public sealed record TrafficTargetRule(string Kind, string Name, ImmutableArray<string> Matches);
