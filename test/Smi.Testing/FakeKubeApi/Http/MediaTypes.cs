using Microsoft.AspNetCore.Http;

namespace Smi.Testing.FakeKubeApi.Http;

/// <summary>Content negotiation the way the API server does it for JSON clients.</summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string AggregatedDiscovery = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public const string Table = "application/json;as=Table;v=v1;g=meta.k8s.io";

    /// <summary>True if the client accepts a meta.k8s.io Table (server-side printing).</summary>
    public static bool WantsTable(HttpRequest request) => Accepts(request, "Table", "meta.k8s.io");

    /// <summary>True if the client accepts aggregated discovery (apidiscovery.k8s.io v2).</summary>
    public static bool WantsAggregatedDiscovery(HttpRequest request) => Accepts(request, "APIGroupDiscoveryList", "apidiscovery.k8s.io", "v2");

    /// <summary>Rejects clients that accept nothing JSON (e.g. protobuf only) with 406.</summary>
    public static void RequireJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0)
        {
            return;
        }

        var types = accept.Split(',').Select(t => t.Split(';')[0].Trim());
        if (!types.Any(t => t is "application/json" or "application/*" or "*/*" or "application/yaml"))
        {
            throw ApiException.NotAcceptable($"only the following media types are accepted: application/json, got {accept}");
        }
    }

    /// <summary>The media type of the body, without parameters.</summary>
    public static string ContentType(HttpRequest request) => (request.ContentType ?? Json).Split(';')[0].Trim().ToLowerInvariant();

    private static bool Accepts(HttpRequest request, string kind, string group, string? version = null)
    {
        foreach (var entry in request.Headers.Accept.ToString().Split(','))
        {
            var parts = entry.Split(';').Select(p => p.Trim()).ToList();
            if (parts[0] != "application/json")
            {
                continue;
            }

            var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            if (parameters.GetValueOrDefault("as") == kind && parameters.GetValueOrDefault("g") == group && (version is null || parameters.GetValueOrDefault("v") == version))
            {
                return true;
            }
        }

        return false;
    }
}
