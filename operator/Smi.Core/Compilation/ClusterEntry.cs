using System.Collections.Immutable;
using Smi.ProxyConfig;

namespace Smi.Core.Compilation;

/// <summary>A Service port's endpoints, the meshed identities behind them, and which identities serve it on which container port.</summary>
internal sealed record ClusterEntry(BackendCluster Cluster, ImmutableArray<ProxyIdentity> Identities, ImmutableArray<(ProxyIdentity Identity, int TargetPort)> Served);
