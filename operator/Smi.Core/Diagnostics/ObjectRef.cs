namespace Smi.Core.Diagnostics;

/// <summary>The object a diagnostic or status is about.</summary>
/// <param name="Kind">Kind, e.g. TrafficSplit.</param>
/// <param name="Namespace">Namespace.</param>
/// <param name="Name">Name.</param>
/// <param name="Generation">metadata.generation the finding applies to (becomes observedGeneration).</param>
public sealed record ObjectRef(string Kind, string Namespace, string Name, long Generation = 0) : IComparable<ObjectRef>
{
    /// <inheritdoc />
    public int CompareTo(ObjectRef? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(Kind, other.Kind);
        if (c == 0)
        {
            c = string.CompareOrdinal(Namespace, other.Namespace);
        }

        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}
