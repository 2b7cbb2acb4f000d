using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Smi.Testing;

namespace Smi.Sandbox.Tests.Flagger;

/// <summary>
/// Flagger's canary analysis against the sandbox, with a real Prometheus: the flagger-style sample
/// (podinfo canary, podinfo-primary, the three Services, a load tester) runs as real proxies; the
/// TrafficSplit is stepped the way Flagger steps it, in the split versions its routers write; after
/// each step Flagger's built-in request-success-rate and request-duration queries — verbatim, for
/// the smi (Istio-shaped), osm and linkerd providers — run against Prometheus scraping every pod's
/// admin /metrics, and must report what the load actually saw.
/// </summary>
public sealed class FlaggerCanaryEndToEndTests(ITestOutputHelper output)
{
    private const string Namespace = "demo-flagger";
    private const string Canary = "podinfo";
    private const string Primary = "podinfo-primary";
    private const double RequestsPerSecond = 80;
    private const int CanaryLatencyMs = 20;

    /// <summary>Flagger's metric interval, shortened from its 1m default so a step takes seconds.</summary>
    private const string Interval = "10s";

    /// <summary>After a step converged: the interval plus a few scrapes, so the window sees only this step.</summary>
    private static readonly TimeSpan StepDwell = TimeSpan.FromSeconds(13);

    private static readonly TimeSpan Convergence = TimeSpan.FromSeconds(5);

    /// <summary>How often the walk polls Prometheus and the load tester's proxy while it waits.</summary>
    private static readonly TimeSpan NotYet = TimeSpan.FromMilliseconds(50);

    private static readonly Func<Exception, bool> IsNotListening = ex => ex is HttpRequestException;

    [Fact]
    public async Task CanaryWalk_HealthyCanary_EveryStepConvergesWithoutFailures_AndFlaggerQueriesReport100Percent()
    {
        var prometheus = RequirePrometheus();
        string[] steps = ["0/100 v1alpha2", "10/90 v1alpha1", "20/80 v1alpha3", "30/70 v1alpha2", "40/60 v1alpha1", "50/50 v1alpha3", "0/100 v1alpha2"];

        var results = await WalkAsync(prometheus, canaryAnnotations: $"sandbox.smi-operator.io/latency-ms: \"{CanaryLatencyMs}\"", steps);

        var failures = results.SelectMany(r => r.Outcomes).Where(o => o.Status != 200).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} failed requests, e.g. {failures.FirstOrDefault()}");
        foreach (var step in results)
        {
            Assert.True(step.Converged < Convergence, $"{step.Name}: took {step.Converged.TotalMilliseconds:F0} ms to reach the load tester's proxy");
            Assert.InRange(step.ClientCanaryShare, step.CanaryWeight - 2, step.CanaryWeight + 2);
            foreach (var (provider, canary) in step.Canary)
            {
                var primary = step.Primary[provider];
                Assert.True(primary.SuccessRate is 100, $"{step.Name} {provider}: primary success rate {primary.SuccessRate}");
                if (step.CanaryWeight == 0)
                {
                    // No canary traffic in the window: empty or NaN, which Flagger reports as "no values found".
                    Assert.True(canary.SuccessRate is null or double.NaN, $"{step.Name} {provider}: canary success rate {canary.SuccessRate} without canary traffic");
                    continue;
                }

                Assert.True(canary.SuccessRate is 100, $"{step.Name} {provider}: canary success rate {canary.SuccessRate}");
                if (provider == "smi")
                {
                    // The shipped MetricTemplates read the same series as the built-in smi checks.
                    Assert.Equal(canary.SuccessRate, step.Templates["smi-request-success-rate"]);
                    Assert.Equal(canary.DurationMs, step.Templates["smi-request-duration"]);
                    // histogram_quantile interpolates inside the bucket holding 20 ms, (10, 25]: the median lands there.
                    Assert.True(step.Templates["smi-request-duration-p50"] is > 10 and <= 25, $"{step.Name}: p50 {step.Templates["smi-request-duration-p50"]}");
                    Assert.True(step.Templates["smi-request-rate"] > 0, $"{step.Name}: canary request rate {step.Templates["smi-request-rate"]}");
                    Assert.Equal(0, step.Templates["smi-request-denied-rate"]);
                }

                // Durations are milliseconds: the canary's app sleeps 20 ms, so p99 is at least that.
                Assert.True(canary.DurationMs is >= CanaryLatencyMs and <= 500, $"{step.Name} {provider}: canary p99 {canary.DurationMs} ms");
                Assert.True(primary.DurationMs is > 0 and <= 500, $"{step.Name} {provider}: primary p99 {primary.DurationMs} ms");
            }

            Assert.NotNull(step.PrometheusCanaryShare);
            Assert.InRange(step.PrometheusCanaryShare.Value, step.CanaryWeight - 3, step.CanaryWeight + 3);

            // The operator's TrafficMetrics API, from the same proxies: the split's backends with their weights and counts.
            var (canarySuccess, canaryFailure, canaryWeight) = step.Backend(Canary + "-canary");
            var (primarySuccess, primaryFailure, primaryWeight) = step.Backend(Primary);
            Assert.Equal((step.CanaryWeight, 100 - step.CanaryWeight), (canaryWeight, primaryWeight));
            Assert.Equal((0, 0), (canaryFailure, primaryFailure));
            Assert.InRange(100 * canarySuccess / (canarySuccess + primarySuccess), step.CanaryWeight - 3, step.CanaryWeight + 3);

            // Its edges: the load tester called the canary and primary Deployments in the same proportion.
            var (toCanary, toPrimary) = (step.EdgeSuccess(Canary), step.EdgeSuccess(Primary));
            Assert.True(toPrimary > 0, step.LoadTesterEdges!.ToJsonString());
            Assert.InRange(100 * toCanary / (toCanary + toPrimary), step.CanaryWeight - 3, step.CanaryWeight + 3);
        }
    }

    [Fact]
    public async Task CanaryWalk_CanaryFailsAQuarter_FlaggerQueriesReportThatShare_PrimaryNeverFails()
    {
        var prometheus = RequirePrometheus();
        string[] steps = ["0/100 v1alpha1", "10/90 v1alpha2", "20/80 v1alpha3", "0/100 v1alpha1"];

        var results = await WalkAsync(prometheus, canaryAnnotations: "sandbox.smi-operator.io/failure-rate: \"0.25\"", steps);

        var unexpected = results.SelectMany(r => r.Outcomes).Where(o => o.Status != 200 && !(o.Status == 500 && IsCanaryPod(o.Pod))).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} failures not from the canary's app, e.g. {unexpected.FirstOrDefault()}");
        foreach (var step in results)
        {
            Assert.True(step.Converged < Convergence, $"{step.Name}: took {step.Converged.TotalMilliseconds:F0} ms");
            foreach (var (provider, canary) in step.Canary)
            {
                Assert.True(step.Primary[provider].SuccessRate is 100, $"{step.Name} {provider}: primary success rate {step.Primary[provider].SuccessRate}");
                if (step.CanaryWeight == 0)
                {
                    continue;
                }

                Assert.True(canary.SuccessRate is >= 72 and <= 78, $"{step.Name} {provider}: canary success rate {canary.SuccessRate}, expected 75 ± 3");
            }

            if (step.CanaryWeight > 0)
            {
                var (ok, failed, _) = step.Backend(Canary + "-canary");
                Assert.True(step.Backend(Primary).Failure == 0, $"{step.Name}: TrafficMetrics counts primary failures");
                Assert.InRange(100 * ok / (ok + failed), 72, 78);

                var canaryOutcomes = step.Outcomes.Where(o => IsCanaryPod(o.Pod)).ToList();
                var seen = 100.0 * canaryOutcomes.Count(o => o.Status == 200) / canaryOutcomes.Count;
                Assert.InRange(seen, 73, 77);
            }
        }
    }

    private static bool IsCanaryPod(string? pod) => pod is not null && pod.StartsWith(Canary + "-", StringComparison.Ordinal) && !pod.StartsWith(Primary + "-", StringComparison.Ordinal);

    private static string RequirePrometheus()
    {
        var binary = PrometheusServer.FindBinary();
        if (binary is null)
        {
            Assert.Skip("Prometheus is not installed: this end-to-end test runs the real `prometheus` binary (Debian: apt-get install -y prometheus; .ci/run installs it).");
        }

        return binary;
    }

    private async Task<List<StepResult>> WalkAsync(string prometheusBinary, string canaryAnnotations, IReadOnlyList<string> steps)
    {
        var ct = TestContext.Current.CancellationToken;
        var first = ParseStep(steps[0]);
        void Prepare(string folder)
        {
            File.WriteAllText(Path.Combine(folder, "flagger-style.yaml"), FlaggerFolder(canaryAnnotations));
            File.WriteAllText(Path.Combine(folder, "trafficsplit.yaml"), SplitYaml(first.Canary, first.Version));
        }

        await using var sandbox = await SandboxRun.StartAsync(sample: null, Prepare, ready: f => f.Pods.Count == 4, trafficMetrics: true, ct).WaitAsync(TimeSpan.FromSeconds(90), ct);
        await using var prometheus = await PrometheusServer.StartAsync(prometheusBinary, sandbox.Pods.Select(p => new Uri(p.Admin).Authority).ToList(), ct).WaitAsync(TimeSpan.FromSeconds(40), ct);
        await Eventually.TrueAsync(async () => await prometheus.TargetsUpAsync(ct) == sandbox.Pods.Count, "Prometheus scrapes every pod", TimeSpan.FromSeconds(20), NotYet, retryOn: IsNotListening, cancellationToken: ct);

        var loadtester = sandbox.Pods.Single(p => p.Workload == "Deployment/loadtester");
        await using var load = new CanaryLoad(loadtester.Outbound, new Uri($"http://{Canary}.{Namespace}:9898/"), RequestsPerSecond);
        var results = new List<StepResult>();
        for (var i = 0; i < steps.Count; i++)
        {
            var (canaryWeight, version) = ParseStep(steps[i]);
            var converged = TimeSpan.Zero;
            if (i > 0)
            {
                // As Flagger does: replace the backends, in the version its router writes.
                var before = await sandbox.RevisionAsync(loadtester, ct);
                var written = Stopwatch.StartNew();
                await File.WriteAllTextAsync(Path.Combine(sandbox.Folder, "trafficsplit.yaml"), SplitYaml(canaryWeight, version), ct);
                await Eventually.TrueAsync(async () => await sandbox.RevisionAsync(loadtester, ct) != before, $"step {steps[i]} reaches the load tester's proxy", TimeSpan.FromSeconds(15), NotYet, retryOn: IsNotListening, cancellationToken: ct);
                converged = written.Elapsed;
            }

            var start = Stopwatch.GetTimestamp();
            await Task.Delay(StepDwell, ct);
            var outcomes = load.Between(start, Stopwatch.GetTimestamp());
            var result = new StepResult(steps[i], canaryWeight, converged, outcomes)
            {
                ClientCanaryShare = 100.0 * outcomes.Count(o => IsCanaryPod(o.Pod)) / Math.Max(1, outcomes.Count),
                PrometheusCanaryShare = await prometheus.QueryAsync(
                    $$"""sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="{{Namespace}}",destination_workload="{{Canary}}"}[{{Interval}}])) / sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="{{Namespace}}",destination_workload=~"{{Canary}}|{{Primary}}"}[{{Interval}}])) * 100 or vector(0)""",
                    ct),
            };
            result.SplitMetrics = await sandbox.TrafficMetricsAsync($"namespaces/{Namespace}/trafficsplits/{Canary}", ct);
            result.LoadTesterEdges = await sandbox.TrafficMetricsAsync($"namespaces/{Namespace}/deployments/loadtester/edges", ct);
            foreach (var (name, query) in ShippedMetricTemplates.Read())
            {
                result.Templates[name] = await prometheus.QueryAsync(FlaggerQueries.Render(query, Namespace, Canary, Interval), ct);
            }

            foreach (var (provider, (successRate, duration)) in FlaggerQueries.ByProvider)
            {
                result.Canary[provider] = await CheckAsync(prometheus, successRate, duration, Canary, ct);
                result.Primary[provider] = await CheckAsync(prometheus, successRate, duration, Primary, ct);
            }

            output.WriteLine(result.ToString());
            results.Add(result);
        }

        return results;
    }

    private static async Task<CheckValues> CheckAsync(PrometheusServer prometheus, string successRate, string duration, string target, CancellationToken ct) => new(
        await prometheus.QueryAsync(FlaggerQueries.Render(successRate, Namespace, target, Interval), ct),
        await prometheus.QueryAsync(FlaggerQueries.Render(duration, Namespace, target, Interval), ct));

    private static (int Canary, string Version) ParseStep(string step)
    {
        var parts = step.Split(' ');
        return (int.Parse(parts[0].Split('/')[0], CultureInfo.InvariantCulture), parts[1]);
    }

    /// <summary>The TrafficSplit as Flagger's routers write it: canary first; v1alpha1 weights are Quantities (JSON strings).</summary>
    private static string SplitYaml(int canary, string version)
    {
        string Weight(int w) => version == "v1alpha1" ? $"\"{w}\"" : w.ToString(CultureInfo.InvariantCulture);
        return $"""
            apiVersion: split.smi-spec.io/{version}
            kind: TrafficSplit
            metadata:
              name: {Canary}
              namespace: {Namespace}
            spec:
              service: {Canary}
              backends:
              - service: {Canary}-canary
                weight: {Weight(canary)}
              - service: {Primary}
                weight: {Weight(100 - canary)}
            """;
    }

    /// <summary>The flagger-style sample without its TrafficSplit (the test writes that), the canary's app told how to behave.</summary>
    private static string FlaggerFolder(string canaryAnnotations)
    {
        var sample = File.ReadAllText(Path.Combine(RepoPaths.Samples, "flagger-style", "flagger-style.yaml"));
        var documents = sample.Split("\n---\n").Where(d => !d.Contains("kind: TrafficSplit", StringComparison.Ordinal)).ToList();
        var text = string.Join("\n---\n", documents);
        const string canaryTemplate = "    metadata:\n      labels:\n        app: podinfo\n";
        Assert.Contains(canaryTemplate, text, StringComparison.Ordinal);
        return text.Replace(canaryTemplate, $"    metadata:\n      annotations:\n        {canaryAnnotations}\n      labels:\n        app: podinfo\n", StringComparison.Ordinal);
    }

    private sealed record CheckValues(double? SuccessRate, double? DurationMs);

    private sealed record StepResult(string Name, int CanaryWeight, TimeSpan Converged, IReadOnlyList<LoadOutcome> Outcomes)
    {
        public Dictionary<string, CheckValues> Canary { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, CheckValues> Primary { get; } = new(StringComparer.Ordinal);

        /// <summary>The canary's value of every MetricTemplate shipped in config/flagger.</summary>
        public Dictionary<string, double?> Templates { get; } = new(StringComparer.Ordinal);

        public double ClientCanaryShare { get; init; }

        public double? PrometheusCanaryShare { get; init; }

        /// <summary>The sandbox's TrafficMetrics API for the TrafficSplit (one item per backend).</summary>
        public JsonNode? SplitMetrics { get; set; }

        /// <summary>The sandbox's TrafficMetrics API for the load tester's edges (the Deployments it called).</summary>
        public JsonNode? LoadTesterEdges { get; set; }

        /// <summary>success_count of the load tester's edge to one Deployment (0 without an edge).</summary>
        public double EdgeSuccess(string deployment)
        {
            var edge = LoadTesterEdges!["items"]!.AsArray().SingleOrDefault(i => (string?)i!["edge"]!["resource"]!["name"] == deployment);
            Assert.True(edge is null || ((string?)edge["edge"]!["direction"], (string?)edge["edge"]!["resource"]!["kind"]) == ("to", "Deployment"), edge?.ToJsonString());
            return edge is null ? 0 : double.Parse((string)edge["metrics"]!.AsArray().Single(m => (string?)m!["name"] == "success_count")!["value"]!, CultureInfo.InvariantCulture);
        }

        /// <summary>success_count and failure_count of one backend in <see cref="SplitMetrics"/>, and its weight.</summary>
        public (double Success, double Failure, int Weight) Backend(string name)
        {
            var item = SplitMetrics!["items"]!.AsArray().Single(i => (string?)i!["backend"]!["name"] == name)!;
            double Count(string metric) => double.Parse((string)item["metrics"]!.AsArray().Single(m => (string?)m!["name"] == metric)!["value"]!, CultureInfo.InvariantCulture);
            return (Count("success_count"), Count("failure_count"), item["backend"]!["weight"]!.GetValue<int>());
        }

        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"step {Name}: converged in {Converged.TotalMilliseconds:F0} ms; {Outcomes.Count} requests, {Outcomes.Count(o => o.Status != 200)} not 200; canary share seen {ClientCanaryShare:F1}%, Prometheus {PrometheusCanaryShare:F1}%");
            if (SplitMetrics is not null)
            {
                var (cs, cf, cw) = Backend(FlaggerCanaryEndToEndTests.Canary + "-canary");
                var (ps, pf, pw) = Backend(FlaggerCanaryEndToEndTests.Primary);
                text.Append(CultureInfo.InvariantCulture, $"\n  TrafficMetrics: canary (weight {cw}) {cs} ok {cf} failed | primary (weight {pw}) {ps} ok {pf} failed");
            }

            text.Append("\n  MetricTemplates: " + string.Join(", ", Templates.Select(t => $"{t.Key} {t.Value:F2}")));
            foreach (var provider in Canary.Keys)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  {provider,-8} canary success {Canary[provider].SuccessRate:F2}% p99 {Canary[provider].DurationMs:F1} ms | primary success {Primary[provider].SuccessRate:F2}% p99 {Primary[provider].DurationMs:F1} ms");
            }

            return text.ToString();
        }
    }
}
