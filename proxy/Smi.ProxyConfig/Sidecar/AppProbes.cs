using System.Text.Json;

namespace Smi.ProxyConfig.Sidecar;

/// <summary>
/// The probe-rewrite contract between the injector and the proxy: the admin path kubelet is sent to
/// for a container's probe, and the JSON (environment variable <see cref="SidecarEnvironment.AppProbes"/>)
/// that maps each such path to the app's original probe.
/// </summary>
public static class AppProbes
{
    /// <summary>Where the admin listener serves rewritten probes.</summary>
    public const string PathPrefix = "/app-health/";

    /// <summary><c>/app-health/&lt;container&gt;/readyz</c> (kind: <c>ready</c>, <c>live</c> or <c>startup</c>).</summary>
    public static string PathFor(string container, string kind) => $"{PathPrefix}{container}/{kind}z";

    public static string Serialize(IReadOnlyDictionary<string, AppProbe> probes) =>
        JsonSerializer.Serialize(probes.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), SidecarJsonContext.Default.DictionaryStringAppProbe);

    /// <summary>Parses the environment variable; an invalid value gives null and the reason.</summary>
    public static IReadOnlyDictionary<string, AppProbe>? Parse(string json, out string? error)
    {
        error = null;
        try
        {
            var probes = JsonSerializer.Deserialize(json, SidecarJsonContext.Default.DictionaryStringAppProbe);
            if (probes is null || probes.Values.Any(p => (p.HttpGet is null ? 0 : 1) + (p.TcpSocket is null ? 0 : 1) + (p.Grpc is null ? 0 : 1) != 1))
            {
                error = "every probe needs exactly one of httpGet, tcpSocket, grpc";
                return null;
            }

            return probes;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return null;
        }
    }
}
