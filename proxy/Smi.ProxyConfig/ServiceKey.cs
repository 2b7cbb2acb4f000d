using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Smi.ProxyConfig;

/// <summary>
/// A Service by namespace and name: the one key for a Service in the contract, the compiler,
/// <c>explain</c> and the proxy. Its text form is the contract's, <c>name.namespace</c> — what a
/// client in another namespace addresses and what the mesh headers and metric labels carry — and
/// it is written and read only here (JSON through <see cref="ServiceKeyJsonConverter"/>).
/// Kubernetes object references in diagnostics (<c>Service namespace/name</c>) are another thing.
/// </summary>
/// <param name="Namespace">Service namespace.</param>
/// <param name="Name">Service name.</param>
[JsonConverter(typeof(ServiceKeyJsonConverter))]
public readonly record struct ServiceKey(string Namespace, string Name) : IComparable<ServiceKey>
{
    /// <summary>Reads <c>name.namespace</c>: the first dot ends the name (names hold none), and neither part may be empty.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ServiceKey key)
    {
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0 || dot == text!.Length - 1)
        {
            key = default;
            return false;
        }

        key = new ServiceKey(text[(dot + 1)..], text[..dot]);
        return true;
    }

    /// <summary>Reads <c>name.namespace</c>.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not of that form.</exception>
    public static ServiceKey Parse(string text) =>
        TryParse(text, out var key) ? key : throw new FormatException($"\"{text}\" is not a Service as name.namespace");

    /// <summary>
    /// Reads <c>name.namespace</c>, or a bare <c>name</c> in <paramref name="defaultNamespace"/>:
    /// the form of references that are namespace-local by nature (a TrafficSplit's apex).
    /// </summary>
    public static ServiceKey Parse(string text, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var key) ? key : new ServiceKey(defaultNamespace, text);
    }

    /// <summary>
    /// Ordinal order of <c>namespace/name</c>, the order the contract's Service lists have always
    /// had: a namespace that is a prefix of another sorts after it when the other goes on with a
    /// character below '/' (<c>demo-canary</c> before <c>demo</c>), not before it.
    /// </summary>
    public int CompareTo(ServiceKey other)
    {
        var ns = Namespace ?? string.Empty;
        var otherNs = other.Namespace ?? string.Empty;
        var common = Math.Min(ns.Length, otherNs.Length);
        var byPrefix = string.CompareOrdinal(ns, 0, otherNs, 0, common);
        if (byPrefix != 0)
        {
            return byPrefix;
        }

        if (ns.Length == otherNs.Length)
        {
            return string.CompareOrdinal(Name, other.Name);
        }

        // One namespace is a proper prefix of the other: the shorter one goes on with '/'.
        var next = ns.Length < otherNs.Length ? '/' - otherNs[common] : ns[common] - '/';
        return next != 0 ? next : string.CompareOrdinal($"{ns}/{Name}", $"{otherNs}/{other.Name}");
    }

    /// <summary><c>name.namespace</c>.</summary>
    public override string ToString() => $"{Name}.{Namespace}";
}
