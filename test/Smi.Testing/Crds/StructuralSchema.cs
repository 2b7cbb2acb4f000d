using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Smi.Testing.Crds;

/// <summary>
/// One node of a CRD's structural OpenAPI v3 schema (<c>openAPIV3Schema</c>), holding the keywords
/// the API server validates and prunes with. Built by <see cref="Parse"/>, which rejects schemas the
/// API server would reject as non-structural and keywords this validator does not implement, so a
/// schema that loads is validated faithfully.
/// </summary>
public sealed class StructuralSchema
{
    /// <summary>Where this node sits in the CRD (<c>...openAPIV3Schema.properties[spec]</c>).</summary>
    public required string Location { get; init; }

    /// <summary>object, array, string, integer, number, boolean; null when unset.</summary>
    public string? Type { get; init; }

    /// <summary>Named properties of an object.</summary>
    public ImmutableDictionary<string, StructuralSchema> Properties { get; init; } = ImmutableDictionary<string, StructuralSchema>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Schema of every value of a map (object without fixed properties).</summary>
    public StructuralSchema? AdditionalProperties { get; init; }

    /// <summary>Schema of every array item.</summary>
    public StructuralSchema? Items { get; init; }

    /// <summary>Properties that must be present.</summary>
    public ImmutableArray<string> Required { get; init; } = [];

    /// <summary>Allowed values; default means no restriction.</summary>
    public ImmutableArray<JsonNode?> Enum { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public bool ExclusiveMinimum { get; init; }

    public bool ExclusiveMaximum { get; init; }

    public double? MultipleOf { get; init; }

    public long? MinLength { get; init; }

    public long? MaxLength { get; init; }

    public long? MinItems { get; init; }

    public long? MaxItems { get; init; }

    public long? MinProperties { get; init; }

    public long? MaxProperties { get; init; }

    /// <summary>The pattern as written in the CRD (messages quote it).</summary>
    public string? PatternText { get; init; }

    /// <summary>The compiled pattern (unanchored, like Go's regexp.MatchString).</summary>
    public Regex? Pattern { get; init; }

    /// <summary>The format; only <c>date-time</c> (and the numeric formats) are checked.</summary>
    public string? Format { get; init; }

    public bool Nullable { get; init; }

    /// <summary><c>x-kubernetes-int-or-string</c>: an integer or a string.</summary>
    public bool IntOrString { get; init; }

    /// <summary><c>x-kubernetes-preserve-unknown-fields</c>: unknown fields below are kept, not pruned.</summary>
    public bool PreserveUnknownFields { get; init; }

    /// <summary><c>x-kubernetes-embedded-resource</c>: apiVersion, kind and metadata are kept.</summary>
    public bool EmbeddedResource { get; init; }

    /// <summary><c>x-kubernetes-list-type</c>: atomic, set or map.</summary>
    public string? ListType { get; init; }

    /// <summary><c>x-kubernetes-list-map-keys</c> of a list-type map.</summary>
    public ImmutableArray<string> ListMapKeys { get; init; } = [];

    /// <summary>The description, for tooling.</summary>
    public string? Description { get; init; }

    /// <summary>The types a value may have here: <c>integer,string</c> for int-or-string, else <see cref="Type"/>.</summary>
    public IReadOnlyList<string> AllowedTypes => IntOrString ? ["integer", "string"] : Type is null ? [] : [Type];

    /// <summary>
    /// Parses a schema node and checks it is structural and within what this validator implements.
    /// </summary>
    /// <param name="node">The <c>openAPIV3Schema</c> object.</param>
    /// <param name="location">Its location, used in messages.</param>
    /// <exception cref="CrdSchemaException">Lists every problem found.</exception>
    public static StructuralSchema Parse(JsonObject node, string location)
    {
        var parser = new StructuralSchemaParser();
        var schema = parser.ParseRoot(node, location);
        return parser.Problems.Count == 0 ? schema : throw new CrdSchemaException(parser.Problems);
    }
}
