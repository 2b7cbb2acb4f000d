namespace Smi.Api.Model;

/// <summary>
/// Base of every hub (version-independent) SMI object. The hub is the superset of every served
/// version: each version converts to it and back (see <c>Smi.Api.Conversion</c>).
/// </summary>
public abstract record SmiObject
{
    /// <summary>Metadata of the object.</summary>
    public required ObjectMeta Metadata { get; init; }

    /// <summary>The apiVersion the object was read in (e.g. <c>split.smi-spec.io/v1alpha1</c>); kept for diagnostics and field paths.</summary>
    public required string SourceApiVersion { get; init; }

    /// <summary>The object's kind (<c>TrafficSplit</c>, <c>TrafficTarget</c>, ...).</summary>
    public abstract string Kind { get; }

    /// <summary>"Kind namespace/name", the form used in diagnostics.</summary>
    public string DisplayName => $"{Kind} {Metadata.Key}";
}
