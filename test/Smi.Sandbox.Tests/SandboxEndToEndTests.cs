using System.Diagnostics;
using System.Net;
using Smi.Testing;

namespace Smi.Sandbox.Tests;

/// <summary>
/// The sandbox as a user runs it: a sample folder, the local control plane, real proxies on their
/// own loopback addresses, and edits to the folder applied like <c>kubectl apply</c>.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SandboxEndToEndTests
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ConvergePoll = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Canary_NinetyTen_ThousandRequestsFromOneProxyLandExactly900And100()
    {
        await using var sandbox = await SandboxRun.StartAsync("canary");

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 1000; i++)
        {
            var (status, workload, body) = await sandbox.GetAsync("client", "http://web.demo/");
            Assert.True(status == HttpStatusCode.OK, $"request {i}: {(int)status} {body}");
            counts[workload!] = counts.GetValueOrDefault(workload!) + 1;
        }

        // One client proxy, smooth weighted round robin: exact, not just close.
        Assert.Equal(900, counts.GetValueOrDefault("web-v1"));
        Assert.Equal(100, counts.GetValueOrDefault("web-v2"));
    }

    [Fact]
    public async Task BlueGreen_WeightsFlippedInTheFileUnderLoad_AllTrafficMovesWithZeroFailures()
    {
        await using var sandbox = await SandboxRun.StartAsync("canary");
        var load = new LoadLoop(sandbox, "client", "http://web.demo/");
        var running = load.RunAsync();
        await load.WaitForAsync(200);

        var before = await sandbox.RevisionAsync("client");
        var flipped = Stopwatch.StartNew();
        sandbox.Write("canary.yaml", sandbox.Read("canary.yaml").Replace("weight: 90", "weight: 0", StringComparison.Ordinal).Replace("weight: 10", "weight: 100", StringComparison.Ordinal));
        await Eventually.TrueAsync(async () => await sandbox.RevisionAsync("client") != before, timeout: Converge, pollInterval: ConvergePoll);
        var converged = flipped.Elapsed;
        var mark = load.Snapshot();
        await load.WaitForAsync(mark.Total + 300);
        var after = load.Snapshot();
        await load.StopAsync(running);

        Assert.Equal(0, after.Failures);
        Assert.True(converged < TimeSpan.FromSeconds(3), $"took {converged.TotalMilliseconds:F0} ms to converge");

        // Everything sent after the client's proxy reported the new revision went to web-v2 (the
        // load loop is sequential, so at most the one request in flight at the switch may differ).
        var v1After = after.ByWorkload.GetValueOrDefault("web-v1") - mark.ByWorkload.GetValueOrDefault("web-v1");
        Assert.True(v1After <= 2, $"{v1After} requests still reached web-v1 after the flip");
        var v2After = after.ByWorkload.GetValueOrDefault("web-v2") - mark.ByWorkload.GetValueOrDefault("web-v2");
        Assert.True(v2After >= after.Total - mark.Total - 2, $"{v2After} of {after.Total - mark.Total} requests after the flip reached web-v2");
    }

    [Fact]
    public async Task AbHeader_MatchingRequestsGoToV2_TheRestToTheRootServicesPods()
    {
        await using var sandbox = await SandboxRun.StartAsync("ab-header");

        for (var i = 0; i < 20; i++)
        {
            using var canary = new HttpRequestMessage(HttpMethod.Get, "http://website.demo-ab/");
            canary.Headers.Add("x-canary", "true");
            Assert.Equal("website-v2", (await sandbox.SendAsync("client", canary)).Workload);

            using var firefox = new HttpRequestMessage(HttpMethod.Get, "http://website.demo-ab/page");
            firefox.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0");
            Assert.Equal("website-v2", (await sandbox.SendAsync("client", firefox)).Workload);

            using var plain = new HttpRequestMessage(HttpMethod.Get, "http://website.demo-ab/");
            plain.Headers.Add("x-canary", "false"); // the value must match the whole regex
            Assert.Equal("website-v1", (await sandbox.SendAsync("client", plain)).Workload);
        }
    }

    [Fact]
    public async Task AccessControl_DefaultDeny_TargetAllowsExactlyItsRoutes_RemovingItDeniesAgain()
    {
        // The canary app without its TrafficTarget: SMI denies by default.
        await using var sandbox = await SandboxRun.StartAsync("canary", folder =>
        {
            var path = Path.Combine(folder, "canary.yaml");
            var text = File.ReadAllText(path);
            var cut = text.IndexOf("apiVersion: access.smi-spec.io/v1alpha3", StringComparison.Ordinal);
            Assert.True(cut > 0, "the canary sample's TrafficTarget moved; update this test");
            File.WriteAllText(path, text[..cut]);
        });

        var denied = await sandbox.GetAsync("client", "http://web.demo/api/items");
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains("demo/client", denied.Body, StringComparison.Ordinal);

        sandbox.Write("target.yaml", ReadOnlyTarget);
        await Eventually.TrueAsync(async () => (await sandbox.GetAsync("client", "http://web.demo/api/items")).Status == HttpStatusCode.OK, timeout: Converge, pollInterval: ConvergePoll);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync("client", "http://web.demo/api/items/7")).Status);
        using (var post = new HttpRequestMessage(HttpMethod.Post, "http://web.demo/api/items") { Content = new StringContent("{}") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await sandbox.SendAsync("client", post)).Status);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await sandbox.GetAsync("client", "http://web.demo/admin")).Status);

        sandbox.Delete("target.yaml");
        await Eventually.TrueAsync(async () => (await sandbox.GetAsync("client", "http://web.demo/api/items")).Status == HttpStatusCode.Forbidden, timeout: Converge, pollInterval: ConvergePoll);
    }

    [Fact]
    public async Task Scale_ReplicasEditedInTheFile_PodsStartAndStopAndTrafficFollows()
    {
        await using var sandbox = await SandboxRun.StartAsync("canary");
        Assert.Equal(2, sandbox.File.Pods.Count(p => SandboxRun.WorkloadName(p) == "web-v1"));

        sandbox.Write("canary.yaml", ReplaceFirst(sandbox.Read("canary.yaml"), "replicas: 2", "replicas: 4"));
        await sandbox.WaitForPodsAsync(f => f.Pods.Count(p => SandboxRun.WorkloadName(p) == "web-v1") == 4);

        var pods = new HashSet<string>(StringComparer.Ordinal);
        await Eventually.TrueAsync(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var (status, _, body) = await sandbox.GetAsync("client", "http://web-v1.demo/");
                Assert.Equal(HttpStatusCode.OK, status);
                pods.Add(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("pod").GetString()!);
            }

            return pods.Count == 4;
        }, timeout: Converge, pollInterval: ConvergePoll);
    }

    [Fact]
    public async Task TrafficPolicySample_BatchIsRateLimited_ClientIsNot_AndCopiesReachTheShadow()
    {
        await using var sandbox = await SandboxRun.StartAsync("traffic-policy");

        var batch = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            batch.Add((await sandbox.GetAsync("batch", "http://web.demo/")).Status);
        }

        for (var i = 0; i < 40; i++)
        {
            var (status, workload, _) = await sandbox.GetAsync("client", "http://web.demo/");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("web", workload); // callers only ever see the primary's answers
        }

        // 5 req/s with a burst of 5 per web replica (limits are enforced by each destination proxy):
        // at most 2 x (5 + refill) of 40 back-to-back requests pass; least-requests balancing of
        // sequential requests may send them all to one replica, so at least the 5 of one bucket.
        Assert.Equal(40, batch.Count(s => s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
        Assert.InRange(batch.Count(s => s == HttpStatusCode.TooManyRequests), 20, 35);

        // 10% of the 80 requests are copied to web-shadow (fire-and-forget); its proxy counts them.
        using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var shadow = sandbox.Pod("web-shadow");
        await Eventually.TrueAsync(async () => (await admin.GetStringAsync(new Uri(new Uri(shadow.Admin), "/metrics"))).Contains("smi_requests_total{", StringComparison.Ordinal), timeout: Converge, pollInterval: ConvergePoll);
    }

    private const string ReadOnlyTarget = """
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: HTTPRouteGroup
        metadata: {name: read-api, namespace: demo}
        spec:
          matches:
          - name: read
            pathRegex: /api/.*
            methods: [GET]
        ---
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: client-reads-web, namespace: demo}
        spec:
          destination: {kind: ServiceAccount, name: web, namespace: demo}
          rules:
          - kind: HTTPRouteGroup
            name: read-api
            matches: [read]
          sources:
          - {kind: ServiceAccount, name: client, namespace: demo}
        """;

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not in the sample; update this test");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
