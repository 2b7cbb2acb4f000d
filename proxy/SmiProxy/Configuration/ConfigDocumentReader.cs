using Smi.ProxyConfig;

namespace SmiProxy.Configuration;

/// <summary>Finds and reads the config document in the config directory.</summary>
internal static class ConfigDocumentReader
{
    /// <summary>
    /// <c>config.json</c> if present, else <c>config.json.gz</c> (binaryData in the ConfigMap); null when
    /// neither exists. <paramref name="ambiguous"/> is true when both do.
    /// </summary>
    public static string? FindDocument(string directory, out bool ambiguous)
    {
        var json = Path.Combine(directory, ProxyConfigSerializer.FileName);
        var gzip = Path.Combine(directory, ProxyConfigSerializer.GzipFileName);
        var hasJson = File.Exists(json);
        var hasGzip = File.Exists(gzip);
        ambiguous = hasJson && hasGzip;
        return hasJson ? json : hasGzip ? gzip : null;
    }
}
