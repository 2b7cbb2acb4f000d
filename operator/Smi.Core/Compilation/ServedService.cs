using System.Collections.Immutable;
using Smi.Core.Cluster;

namespace Smi.Core.Compilation;

/// <summary>A Service and its ports as served by one identity.</summary>
internal sealed record ServedService(ServiceInfo Service, ImmutableArray<ServedPort> Ports);
