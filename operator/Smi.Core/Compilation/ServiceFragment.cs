using System.Collections.Immutable;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>
/// The outbound view of one Service, which is the same for every client: its ports and routes, the
/// clusters those routes use, and the identities standing behind them (whose access rules decide
/// which clients may reach it). Clients' configs are assembled from these shared fragments.
/// </summary>
/// <param name="Key">The Service.</param>
/// <param name="Service">The outbound service entry.</param>
/// <param name="ClusterIds">Clusters referenced by its routes (sorted, distinct).</param>
/// <param name="Behind">Meshed identities behind those clusters (sorted, distinct).</param>
internal sealed record ServiceFragment(ServiceKey Key, OutboundService Service, ImmutableArray<string> ClusterIds, ImmutableArray<ProxyIdentity> Behind);
