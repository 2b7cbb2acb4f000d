using System.Text.Json.Serialization;

namespace Smi.ProxyConfig;

/// <summary>
/// Source-generated System.Text.Json metadata for the contract: camelCase, nulls omitted,
/// properties in declaration order (so the bytes are deterministic for equal content).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(MeshProxyConfig))]
internal sealed partial class ProxyConfigJsonContext : JsonSerializerContext;
