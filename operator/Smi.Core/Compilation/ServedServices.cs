using System.Collections.Immutable;

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
