using SmiProxy.Clusters;
using SmiProxy.Identity;
using SmiProxy.Policies;
using SmiProxy.Telemetry;
using SmiProxy.Tls;

namespace SmiProxy.Pipeline;

/// <summary>
/// Sends copies of requests to a mirror Service, fire-and-forget: the copy is built from the
/// incoming request's method, path, query and headers, goes to a random available endpoint of the
/// mirror's cluster over the same mesh connections (mTLS to meshed endpoints), and its answer is
/// read and discarded. The caller never waits for it: the copy starts after the request is
/// forwarded, failures are only counted, and at most <see cref="MirrorEntry.MaxConcurrent"/>
/// copies per policy are in flight. Only requests without a body are copied — buffering bodies
/// would cost memory and latency on the caller's path; requests with bodies are counted as skipped.
/// </summary>
internal sealed class MirrorSender(MeshHttpClientFactory clients, ProxyMetrics metrics)
{
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromSeconds(10);

    public void MaybeSend(HttpContext context, MirrorEntry mirror, string trustDomain, string sourceWorkload, string sourcePod)
    {
        if (!OutboundPolicyEntry.Roll(mirror.Percent))
        {
            return;
        }

        var request = context.Request;
        if ((request.ContentLength ?? 0) > 0 || request.Headers.ContainsKey("Transfer-Encoding"))
        {
            metrics.Mirrored(mirror.Backend.Service, "skipped_body");
            return;
        }

        var destinations = mirror.Backend.Binding?.Cluster.DestinationsState.AvailableDestinations;
        if (destinations is not { Count: > 0 })
        {
            metrics.Mirrored(mirror.Backend.Service, "no_endpoints");
            return;
        }

        if (!mirror.TryEnter())
        {
            metrics.Mirrored(mirror.Backend.Service, "dropped");
            return;
        }

        var destination = destinations[Random.Shared.Next(destinations.Count)];
        var endpoint = MeshEndpoint.For(destination.Model);
        var copy = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(destination.Model.Config.Address.TrimEnd('/') + request.Path + request.QueryString));
        foreach (var (name, values) in request.Headers)
        {
            if (name.StartsWith(MeshHeaders.Prefix, StringComparison.OrdinalIgnoreCase) || IsHopByHop(name))
            {
                continue;
            }

            copy.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        // The mirror sees its own name as the host, and knows the request is a shadow copy.
        copy.Headers.Host = mirror.Backend.Service;
        copy.Headers.TryAddWithoutValidation("x-mirrored-by", "smi-proxy");
        copy.Options.Set(MeshConnectionInfo.Key, endpoint.ConnectionInfo(TimeSpan.FromSeconds(2), trustDomain));
        if (endpoint.SpiffeId is not null)
        {
            copy.Headers.TryAddWithoutValidation(MeshHeaders.DestinationPort, endpoint.ContainerPort);
            copy.Headers.TryAddWithoutValidation(MeshHeaders.DestinationService, mirror.Backend.Service);
            copy.Headers.TryAddWithoutValidation(MeshHeaders.SourceWorkload, sourceWorkload);
            copy.Headers.TryAddWithoutValidation(MeshHeaders.SourcePod, sourcePod);
        }

        _ = SendAsync(copy, mirror);
    }

    private async Task SendAsync(HttpRequestMessage copy, MirrorEntry mirror)
    {
        // Off the caller's path: never let the copy run synchronously on the request thread.
        await Task.Yield();
        using var timeout = new CancellationTokenSource(CopyTimeout);
        try
        {
            using var response = await clients.CreateClient(default!).SendAsync(copy, timeout.Token).ConfigureAwait(false);
            await response.Content.CopyToAsync(Stream.Null, timeout.Token).ConfigureAwait(false);
            metrics.Mirrored(mirror.Backend.Service, (int)response.StatusCode < 500 ? "sent" : "failed");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            metrics.Mirrored(mirror.Backend.Service, "failed");
        }
        finally
        {
            copy.Dispose();
            mirror.Exit();
        }
    }

    private static bool IsHopByHop(string name) =>
        name.Equals("Host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase);
}
