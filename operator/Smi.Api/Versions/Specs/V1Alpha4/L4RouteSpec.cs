using System.Text.Json.Serialization;

namespace Smi.Api.Versions.Specs.V1Alpha4;

/// <summary>The spec of a v1alpha4 TCPRoute or UDPRoute.</summary>
public sealed class L4RouteSpec
{
    /// <summary>The ports matched.</summary>
    [JsonPropertyName("matches")]
    public L4Match? Matches { get; set; }
}
