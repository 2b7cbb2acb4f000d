using System.Collections.Immutable;

namespace Smi.Api.Model;

/// <summary>An HTTPRouteGroup (and optionally some of its named matches) a TrafficPolicy is narrowed to.</summary>
/// <param name="Kind">Kind as written (only <c>HTTPRouteGroup</c> is allowed).</param>
/// <param name="Name">The group, in the policy's namespace.</param>
/// <param name="Matches">Names of matches in the group; empty means all of them.</param>
public sealed record PolicyRouteMatch(string Kind, string Name, ImmutableArray<string> Matches);
