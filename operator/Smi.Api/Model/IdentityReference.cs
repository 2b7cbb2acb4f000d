namespace Smi.Api.Model;

/// <summary>A reference to an identity; only <c>ServiceAccount</c> is defined by SMI.</summary>
/// <param name="Kind">Kind as written (expected <c>ServiceAccount</c>).</param>
/// <param name="Name">ServiceAccount name.</param>
/// <param name="Namespace">Namespace as written; null or empty means the TrafficTarget's namespace.</param>
public sealed record IdentityReference(string Kind, string Name, string? Namespace);
