using System.Collections.Immutable;

namespace Smi.Api.Model;

/// <summary>
/// An HTTPRouteGroup (specs.smi-spec.io v1alpha1–v1alpha4). v1alpha1/v1alpha2 carry <c>matches</c>
/// at the top level; v1alpha3/v1alpha4 under <c>spec</c>. The hub holds the matches either way.
/// </summary>
public sealed record HttpRouteGroup : SmiObject
{
    /// <inheritdoc />
    public override string Kind => SmiKinds.HttpRouteGroup;

    /// <summary>The named matches; a TrafficSplit or TrafficTarget rule ORs over them.</summary>
    public ImmutableArray<HttpMatch> Matches { get; init; } = [];
}

/// <summary>
/// One named HTTP match. Every condition present must hold (AND); a missing condition is a
/// wildcard. <see cref="PathRegex"/> is anchored at the start of the path only.
/// </summary>
public sealed record HttpMatch
{
    /// <summary>The match's name: the key TrafficTarget rules select by.</summary>
    public required string Name { get; init; }

    /// <summary>Path regex, anchored at the start (<c>^</c>) of the path; null means any path.</summary>
    public string? PathRegex { get; init; }

    /// <summary>Allowed methods; empty or containing <c>*</c> means any method.</summary>
    public ImmutableArray<string> Methods { get; init; } = [];

    /// <summary>Header conditions, all of which must hold (AND).</summary>
    public ImmutableArray<HeaderMatch> Headers { get; init; } = [];

    /// <summary>How <c>headers</c> was written, so that conversion writes it back the same way.</summary>
    public HeadersForm HeadersForm { get; init; } = HeadersForm.Map;
}

/// <summary>A header condition: the header (case-insensitive name) must exist and its value fully match the regex.</summary>
/// <param name="Name">Header name as written.</param>
/// <param name="ValueRegex">Regex the whole header value must match.</param>
public sealed record HeaderMatch(string Name, string ValueRegex);

/// <summary>
/// The two shapes of <c>headers</c> found in the wild: the map form of the spec documents and Go
/// types, and the list-of-single-key-maps form the official sdk-go CRD schema demands.
/// </summary>
public enum HeadersForm
{
    /// <summary><c>headers: {user-agent: ".*Firefox.*"}</c></summary>
    Map,

    /// <summary><c>headers: [{user-agent: ".*Firefox.*"}]</c></summary>
    List,
}
