using System.Collections.Immutable;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Smi.ProxyConfig;

/// <summary>
/// Reads and writes <see cref="MeshProxyConfig"/> documents and computes their revision. Writing is
/// deterministic: equal content gives byte-identical output and an equal revision.
/// </summary>
public static class ProxyConfigSerializer
{
    /// <summary>The key (file name) of the document in a ConfigMap or config directory.</summary>
    public const string FileName = "config.json";

    /// <summary>The gzip-compressed variant, used for large documents (ConfigMap <c>binaryData</c>).</summary>
    public const string GzipFileName = "config.json.gz";

    private const string RevisionPrefix = "sha256:";

    /// <summary>
    /// The contract's type info, with one rule on top of the source-generated metadata: members
    /// added after schema version 1 shipped (the TrafficPolicy fields) are left out while they
    /// hold their "none" value, so a document without policies is byte-identical to what earlier
    /// versions wrote — and has the same revision. Without this, a new proxy would reject every
    /// document an older operator wrote (revision mismatch), and the reverse.
    /// </summary>
    private static readonly JsonTypeInfo<MeshProxyConfig> TypeInfo = (JsonTypeInfo<MeshProxyConfig>)new JsonSerializerOptions(ProxyConfigJsonContext.Default.Options)
    {
        TypeInfoResolver = ProxyConfigJsonContext.Default.WithAddedModifier(OmitAbsentAdditions),
    }.GetTypeInfo(typeof(MeshProxyConfig));

    /// <summary>Serializes to UTF-8 JSON (compact).</summary>
    public static byte[] Serialize(MeshProxyConfig config) =>
        JsonSerializer.SerializeToUtf8Bytes(config, TypeInfo);

    /// <summary>Serializes to indented UTF-8 JSON, for humans (render output, admin /config).</summary>
    public static byte[] SerializeIndented(MeshProxyConfig config)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            JsonSerializer.Serialize(writer, config, TypeInfo);
        }

        return stream.ToArray();
    }

    /// <summary>Returns <paramref name="config"/> with <see cref="MeshProxyConfig.Revision"/> set to its content hash.</summary>
    public static MeshProxyConfig WithRevision(MeshProxyConfig config) =>
        config with { Revision = ComputeRevision(config) };

    /// <summary>The content hash of <paramref name="config"/>, ignoring its current revision.</summary>
    public static string ComputeRevision(MeshProxyConfig config)
    {
        var bytes = Serialize(config with { Revision = string.Empty });
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return RevisionPrefix + Convert.ToHexStringLower(hash[..16]);
    }

    private static void OmitAbsentAdditions(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (property.PropertyType == typeof(ImmutableArray<OutboundPolicy>))
            {
                property.ShouldSerialize = static (_, value) => value is ImmutableArray<OutboundPolicy> { IsDefaultOrEmpty: false };
            }
            else if (property.PropertyType == typeof(ImmutableArray<InboundPolicy>))
            {
                property.ShouldSerialize = static (_, value) => value is ImmutableArray<InboundPolicy> { IsDefaultOrEmpty: false };
            }
            else if (info.Type == typeof(OutboundService) && property.Name == "clusterIps")
            {
                property.ShouldSerialize = static (_, value) => value is ImmutableArray<string> { IsDefaultOrEmpty: false, Length: > 1 };
            }
            else if (info.Type == typeof(MeshProxyConfig) && property.Name == "accessLog")
            {
                property.ShouldSerialize = static (_, value) => value is true;
            }
        }
    }

    /// <summary>Gzips serialized bytes (deterministic: no timestamp or file name in the header).</summary>
    public static byte[] Gzip(ReadOnlySpan<byte> json)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Parses a document (plain or gzip JSON, detected by the gzip magic bytes). Returns null and an
    /// error message for anything that is not a well-formed document; never throws for bad input.
    /// </summary>
    public static MeshProxyConfig? TryDeserialize(ReadOnlySpan<byte> data, out string? error)
    {
        try
        {
            byte[]? inflated = null;
            if (data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b)
            {
                using var input = new MemoryStream(data.ToArray());
                using var gzip = new GZipStream(input, CompressionMode.Decompress);
                using var output = new MemoryStream();
                gzip.CopyTo(output);
                inflated = output.ToArray();
            }

            var config = JsonSerializer.Deserialize(inflated ?? data, TypeInfo);
            if (config is null)
            {
                error = "the document is JSON null";
                return null;
            }

            return ProxyConfigNormalizer.Normalize(config, out error);
        }
        catch (JsonException ex)
        {
            error = $"not a valid ProxyConfig document: {ex.Message}";
            return null;
        }
        catch (InvalidDataException ex)
        {
            error = $"not valid gzip data: {ex.Message}";
            return null;
        }
    }
}
