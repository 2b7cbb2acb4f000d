using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Storage;

namespace Smi.Testing.FakeKubeApi.Webhooks;

/// <summary>
/// Calls admission and conversion webhooks the way the API server does: HTTPS POST of a review
/// object to <c>clientConfig.url</c> (or a resolved <c>clientConfig.service</c>), trusting exactly the
/// configuration's <c>caBundle</c>, with the webhook's timeout.
/// </summary>
internal sealed class WebhookClient(WebhookServiceResolver? resolveService) : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    /// <summary>The URL a clientConfig points at, or a description of why there is none.</summary>
    public (Uri? Url, string Display) Resolve(JsonObject? clientConfig)
    {
        if (Meta.Str(clientConfig?["url"]) is { } url)
        {
            return (new Uri(url), url);
        }

        if (clientConfig?["service"] is JsonObject service)
        {
            var ns = Meta.Str(service["namespace"]) ?? "default";
            var name = Meta.Str(service["name"]) ?? string.Empty;
            var port = (int)(Meta.Long(service["port"]) ?? 443);
            var path = Meta.Str(service["path"]) ?? "/";
            var display = $"https://{name}.{ns}.svc:{port}{path}";
            var baseAddress = resolveService?.Invoke(ns, name, port);
            return baseAddress is null ? (null, display) : (new Uri(baseAddress, path), display);
        }

        return (null, "<no clientConfig>");
    }

    /// <summary>POSTs <paramref name="review"/> and returns the parsed answer; throws <see cref="WebhookCallException"/> on any failure.</summary>
    public JsonObject Post(JsonObject? clientConfig, JsonObject review, TimeSpan timeout)
    {
        var (url, display) = Resolve(clientConfig);
        var target = $"{display}?timeout={(int)timeout.TotalSeconds}s";
        if (url is null)
        {
            throw new WebhookCallException($"Post \"{target}\": service not reachable from the fake API server (set FakeKubeApiOptions.WebhookServiceResolver)");
        }

        var client = _clients.GetOrAdd(Meta.Str(clientConfig?["caBundle"]) ?? string.Empty, CreateClient);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json") };
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            // Webhooks are called synchronously from inside a write; Send avoids sync-over-async.
            using var response = client.Send(request, deadline.Token);
            using var reader = new StreamReader(response.Content.ReadAsStream(deadline.Token));
            var body = reader.ReadToEnd();
            if (!response.IsSuccessStatusCode)
            {
                throw new WebhookCallException($"Post \"{target}\": HTTP {(int)response.StatusCode}: {body}");
            }

            return System.Text.Json.Nodes.JsonNode.Parse(body) as JsonObject ?? throw new WebhookCallException($"Post \"{target}\": response is not a JSON object");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or System.Text.Json.JsonException)
        {
            throw new WebhookCallException($"Post \"{target}\": {(ex is OperationCanceledException ? "context deadline exceeded" : ex.Message)}");
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private static HttpClient CreateClient(string caBundle)
    {
        var handler = new SocketsHttpHandler();
        if (caBundle.Length > 0)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(caBundle)));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }

        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
