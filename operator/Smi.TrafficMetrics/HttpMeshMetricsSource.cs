using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Smi.TrafficMetrics;

/// <summary>
/// Scrapes the admin <c>/metrics</c> of every pod with a proxy and an IP in the inventory — in a
/// cluster the pod IP and the injected admin port, in the sandbox the pod's loopback address (its
/// proxy's admin listener is on port 15000 there too). A few pods at a time, each with a short
/// timeout; a pod that does not answer is left out of that scrape and logged.
/// </summary>
internal sealed partial class HttpMeshMetricsSource(IMeshInventorySource inventory, HttpClient http, int adminPort, TimeProvider time, ILogger<HttpMeshMetricsSource> logger) : IMeshMetricsSource
{
    private const int Parallelism = 16;
    private static readonly TimeSpan PodTimeout = TimeSpan.FromSeconds(3);

    public async Task<MeshScrape> ScrapeAsync(CancellationToken cancellationToken)
    {
        var pods = inventory.Current().Pods.Where(p => p.HasProxy && !string.IsNullOrEmpty(p.Ip)).ToList();
        var results = new PodTraffic?[pods.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, pods.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            results[i] = await ScrapePodAsync(pods[i], ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return new MeshScrape(time.GetUtcNow(), [.. results.OfType<PodTraffic>()]);
    }

    private async Task<PodTraffic?> ScrapePodAsync(Smi.Core.Cluster.PodInfo pod, CancellationToken cancellationToken)
    {
        var host = pod.Ip!.Contains(':', StringComparison.Ordinal) ? $"[{pod.Ip}]" : pod.Ip;
        var url = new Uri($"http://{host}:{adminPort}/metrics");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PodTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            return new PodTraffic(MeshInventory.RefOf(pod), InboundSeriesReader.Read(ExpositionParser.Parse(text)));
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogScrapeFailed(logger, pod.Namespace, pod.Name, url, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "TrafficMetrics: could not scrape {Namespace}/{Pod} at {Url}: {Reason}")]
    private static partial void LogScrapeFailed(ILogger logger, string @namespace, string pod, Uri url, string reason);
}
