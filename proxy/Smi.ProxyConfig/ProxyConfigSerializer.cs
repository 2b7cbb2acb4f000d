using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

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

    /// <summary>Serializes to UTF-8 JSON (compact).</summary>
    public static byte[] Serialize(MeshProxyConfig config) =>
        JsonSerializer.SerializeToUtf8Bytes(config, ProxyConfigJsonContext.Default.MeshProxyConfig);

    /// <summary>Serializes to indented UTF-8 JSON, for humans (render output, admin /config).</summary>
    public static byte[] SerializeIndented(MeshProxyConfig config)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            JsonSerializer.Serialize(writer, config, ProxyConfigJsonContext.Default.MeshProxyConfig);
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

            var config = JsonSerializer.Deserialize(inflated ?? data, ProxyConfigJsonContext.Default.MeshProxyConfig);
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
