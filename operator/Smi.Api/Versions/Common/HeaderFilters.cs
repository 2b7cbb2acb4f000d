using System.Text.Json.Serialization;
using Smi.Api.Model;

namespace Smi.Api.Versions.Common;

/// <summary>
/// specs.smi-spec.io v1alpha2+ <c>headers</c> of an HTTP match: header name to value regex, in the
/// order written. Accepts both forms found in the wild (see <see cref="HeadersForm"/>) and
/// remembers which one was used so it is written back the same way.
/// </summary>
[JsonConverter(typeof(HeaderFiltersJsonConverter))]
public sealed class HeaderFilters
{
    /// <summary>How the filters were (or will be) written.</summary>
    public HeadersForm Form { get; set; } = HeadersForm.Map;

    /// <summary>Header name and value regex pairs, in order; every one must hold (AND).</summary>
    public IList<KeyValuePair<string, string>> Entries { get; set; } = [];
}
