using System.Collections.Immutable;

namespace Smi.Api.Model;

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
