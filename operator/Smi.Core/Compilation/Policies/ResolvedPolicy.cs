using System.Collections.Immutable;
using Smi.Api.Model;
using Smi.Core.Cluster;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation.Policies;

/// <summary>
/// A TrafficPolicy whose references resolved: its target, its scope (port, compiled matches), how
/// specific it is, and its settings in contract units.
/// </summary>
/// <param name="Source">The policy.</param>
/// <param name="Target">The target Service.</param>
/// <param name="Port">The Service port it is narrowed to, or null for every port.</param>
/// <param name="Matches">Compiled HTTPRouteGroup matches (sorted); empty means every request.</param>
/// <param name="Rank">Specificity: 3 matches and port, 2 matches, 1 port, 0 the whole Service.</param>
/// <param name="Values">Its settings.</param>
/// <param name="Mirror">The mirror Service, when it mirrors.</param>
internal sealed record ResolvedPolicy(TrafficPolicy Source, ServiceInfo Target, int? Port, ImmutableArray<HttpRouteMatch> Matches, int Rank, PolicyValues Values, ServiceInfo? Mirror)
{
    /// <summary>"TrafficPolicy namespace/name", the form used in contract origins.</summary>
    public string Origin => Source.DisplayName;

    /// <summary>Policies with the same scope compete for the same fields.</summary>
    public string ScopeKey => $"{Port}|{string.Join(",", Matches.Select(m => m.Origin))}";

    /// <summary>Whether the policy applies to requests on <paramref name="port"/>.</summary>
    public bool AppliesTo(int port) => Port is null || Port == port;
}
