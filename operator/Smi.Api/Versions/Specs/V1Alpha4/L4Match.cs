using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Specs.V1Alpha4;

/// <summary><c>spec.matches</c> of a v1alpha4 TCPRoute or UDPRoute.</summary>
public sealed class L4Match
{
    /// <summary>An optional name (in the Go types, not in the official CRD).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Destination ports; empty means every port of the destination Service.</summary>
    [JsonPropertyName("ports")]
    public IList<int>? Ports { get; set; }
}
