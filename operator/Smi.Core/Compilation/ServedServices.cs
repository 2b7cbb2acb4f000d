using System.Collections.Immutable;
using Smi.Core.Cluster;

namespace Smi.Core.Compilation;

/// <summary>
/// The Services an identity's pods serve (whether ready or not), with the container port each
/// Service port maps to on them; sorted by Service key. Memoized per identity, so the same
/// instance comes back while nothing it derives from changed.
/// </summary>
internal sealed class ServedServices(ImmutableArray<ServedService> services)
{
    public static readonly ServedServices None = new([]);

    public ImmutableArray<ServedService> Services { get; } = services;

    /// <summary>Same Services (by instance) with the same ports.</summary>
    public bool SameAs(ServedServices other) =>
        Services.Length == other.Services.Length
        && Services.Zip(other.Services).All(p => ReferenceEquals(p.First.Service, p.Second.Service) && p.First.Ports.SequenceEqual(p.Second.Ports));
}

/// <summary>A Service and its ports as served by one identity.</summary>
internal sealed record ServedService(ServiceInfo Service, ImmutableArray<ServedPort> Ports);

/// <summary>A Service port and the container port it reaches.</summary>
internal readonly record struct ServedPort(int Port, int TargetPort, string? Name, string Protocol);
