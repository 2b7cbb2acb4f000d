using System.Text.Json.Serialization;

namespace Smi.ProxyConfig.Sidecar;

/// <summary>Source-generated JSON for the sidecar's environment contract (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Dictionary<string, AppProbe>))]
internal sealed partial class SidecarJsonContext : JsonSerializerContext;
