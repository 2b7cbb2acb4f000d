using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Smi.Bench.Proxy;

/// <summary>
/// The side-by-side suite of issue 6: every path to one backend, interleaved A B C ... in each
/// repetition, ratios computed within a repetition and the median reported, so that whatever else
/// the machine does affects all paths alike. `--smoke` runs each measurement once, briefly, for CI.
/// Any non-2xx answer or socket error fails the run.
/// </summary>
internal static class ProxyBench
{
    private static readonly int[] Connections = [1, 32, 256];
    private static readonly string[] Peers = ["nginx", "haproxy", "caddy"];

    public static async Task<int> RunAsync(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var root = FindRepoRoot();
        var proxyBinary = Option(args, "--proxy") ?? Path.Combine(root, "proxy/SmiProxy/bin/Release/net10.0/smi-proxy");
        var operatorBinary = Option(args, "--operator") ?? Path.Combine(root, "operator/SmiOperator/bin/Release/net10.0/smi-operator");
        var output = Option(args, "--out") ?? (smoke ? null : Path.Combine(root, "docs/benchmarks.md"));
        var repetitions = smoke ? 1 : int.Parse(Option(args, "--repetitions") ?? "3", CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(smoke ? 1 : double.Parse(Option(args, "--seconds") ?? "5", CultureInfo.InvariantCulture));
        var scratch = Directory.CreateTempSubdirectory("smi-bench-").FullName;
        var report = new Report(smoke);
        var problems = new List<string>();

        Console.Error.WriteLine($"bench: {(smoke ? "smoke" : "full")} run, {repetitions} repetition(s) of {duration.TotalSeconds:F0} s per measurement");
        await using (var fleet = await Fleet.StartAsync(proxyBinary))
        {
            var paths = fleet.Paths;

            // Closed loop.
            var closed = new Dictionary<(string Path, int Connections), List<WrkResult>>();
            foreach (var connections in Connections)
            {
                if (!smoke)
                {
                    foreach (var path in paths)
                    {
                        await WrkResult.RunAsync(path.Url, path.Host, connections, TimeSpan.FromSeconds(2)); // warm-up (JIT, pools)
                    }
                }

                for (var rep = 0; rep < repetitions; rep++)
                {
                    foreach (var path in paths)
                    {
                        var result = await WrkResult.RunAsync(path.Url, path.Host, connections, duration);
                        Console.Error.WriteLine($"bench: wrk c={connections} {path.Name}: {result.RequestsPerSecond:F0} rps, p50 {result.P50Us:F0} us, non-2xx {result.Non2xx}, socket errors {result.SocketErrors}");
                        Check(problems, $"wrk c={connections} {path.Name}", result.Clean, $"{result.Non2xx} non-2xx, {result.SocketErrors} socket errors, {result.Requests} requests");
                        Add(closed, (path.Name, connections), result);
                    }
                }
            }

            report.ClosedLoop(paths.Select(p => p.Name).ToList(), closed, repetitions);

            // Fixed rate: 1 000 rps and half of our one-hop saturation (median at 32 connections).
            var saturation = Stats.Median(closed[("smi-proxy", 32)].Select(r => r.RequestsPerSecond));
            var rates = new[] { 1000.0, Math.Round(saturation / 2 / 100) * 100 };
            var fixedRate = new Dictionary<(string Path, double Rate), List<(RateResult Result, double CpuPer1000, double RssMiB)>>();
            foreach (var rate in rates)
            {
                for (var rep = 0; rep < repetitions; rep++)
                {
                    foreach (var path in paths)
                    {
                        var pids = path.Pids();
                        var cpuBefore = ProcStats.CpuSeconds(pids);
                        var clock = Stopwatch.StartNew();
                        var result = await RateResult.RunAsync(path.Url, path.Host, rate, duration, scratch);
                        var cpu = (ProcStats.CpuSeconds(pids) - cpuBefore) / clock.Elapsed.TotalSeconds;
                        var rss = ProcStats.RssMiB(path.Pids());
                        Console.Error.WriteLine($"bench: h2load {rate:F0} rps {path.Name}: achieved {result.AchievedRps:F0}, p99 {result.P99Us:F0} us, {cpu:F2} vCPU, {rss:F0} MiB, failed {result.Failed}");
                        Check(problems, $"h2load {rate:F0} rps {path.Name}", result.Clean, $"{result.Failed} failed of {result.Succeeded + result.Failed}");
                        Add(fixedRate, (path.Name, rate), (result, cpu / Math.Max(1, result.AchievedRps / 1000), rss));
                    }
                }
            }

            report.FixedRate(paths.Select(p => p.Name).ToList(), rates, fixedRate);

            // Reload under load: the one-hop proxy's config swapped every second while wrk runs.
            var reloadDuration = smoke ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);
            var oneHop = paths.Single(p => p.Name == "smi-proxy");
            var quiet = await WrkResult.RunAsync(oneHop.Url, oneHop.Host, 32, reloadDuration);
            using var swapping = new CancellationTokenSource();
            var swaps = 0;
            var swapper = Task.Run(async () =>
            {
                while (!swapping.IsCancellationRequested)
                {
                    await Task.Delay(1000).ConfigureAwait(false);
                    fleet.WriteOneHopConfig(alternate: ++swaps % 2 == 1);
                }
            });
            var busy = await WrkResult.RunAsync(oneHop.Url, oneHop.Host, 32, reloadDuration);
            await swapping.CancelAsync();
            await swapper;
            Check(problems, "reload under load", busy.Clean, $"{busy.Non2xx} non-2xx, {busy.SocketErrors} socket errors during {swaps} swaps");
            report.Reload(quiet, busy, swaps);
        }

        // Control plane.
        var (millis, pods) = await Convergence.RunAsync(operatorBinary, smoke ? 3 : 50);
        report.Convergence(millis, pods);
        var compile = new StringWriter();
        var console = Console.Out;
        Console.SetOut(compile);
        try
        {
            QuickCompileReport.Run(smoke ? ["--iterations", "3"] : ["--iterations", "30"]);
        }
        finally
        {
            Console.SetOut(console);
        }

        report.Compiler(compile.ToString());
        Directory.Delete(scratch, recursive: true);

        var markdown = report.ToMarkdown(string.Join(' ', args), problems);
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, markdown);
            Console.Error.WriteLine($"bench: wrote {output}");
        }
        else
        {
            Console.WriteLine(markdown);
        }

        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"bench: FAILED: {problem}");
        }

        return problems.Count == 0 ? 0 : 1;
    }

    private static void Check(List<string> problems, string what, bool clean, string detail)
    {
        if (!clean)
        {
            problems.Add($"{what}: {detail}");
        }
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmiOperator.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>Collects the figures and writes docs/benchmarks.md.</summary>
    private sealed class Report(bool smoke)
    {
        private readonly StringBuilder _body = new();
        private readonly List<(string Target, string Measured, bool Met)> _targets = [];

        public void ClosedLoop(List<string> paths, Dictionary<(string Path, int Connections), List<WrkResult>> results, int repetitions)
        {
            _body.AppendLine("## Closed loop (wrk, 1 KiB responses)").AppendLine();
            _body.AppendLine("Requests/s: median over repetitions. Ratios are computed within each repetition (same minute, same machine state), then the median is taken.").AppendLine();
            _body.AppendLine($"| path | {string.Join(" | ", Connections.Select(c => $"rps @{c}"))} | {string.Join(" | ", Connections.Select(c => $"vs direct @{c}"))} | p50 @1 (us) | added p50 @1 (us) |");
            _body.AppendLine($"|---|{string.Concat(Enumerable.Repeat("---|", Connections.Length * 2))}---|---|");
            foreach (var path in paths)
            {
                var rps = Connections.Select(c => Stats.Median(results[(path, c)].Select(r => r.RequestsPerSecond)));
                var ratios = Connections.Select(c => RatioMedian(results, path, "direct", c));
                var p50 = Stats.Median(results[(path, 1)].Select(r => r.P50Us));
                var added = Stats.Median(Enumerable.Range(0, repetitions).Select(i => results[(path, 1)][i].P50Us - results[("direct", 1)][i].P50Us));
                _body.AppendLine(Invariant($"| {path} | {string.Join(" | ", rps.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} | {string.Join(" | ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))} | {p50:F0} | {(path == "direct" ? "-" : added.ToString("F0", CultureInfo.InvariantCulture))} |"));
            }

            _body.AppendLine().AppendLine("Our one-hop proxy against each peer (requests/s ratio, median of per-repetition ratios; > 1 means we are faster):").AppendLine();
            _body.AppendLine($"| peer | {string.Join(" | ", Connections.Select(c => $"@{c}"))} |");
            _body.AppendLine($"|---|{string.Concat(Enumerable.Repeat("---|", Connections.Length))}");
            foreach (var peer in Peers)
            {
                _body.AppendLine(Invariant($"| smi-proxy / {peer} | {string.Join(" | ", Connections.Select(c => RatioMedian(results, "smi-proxy", peer, c).ToString("F2", CultureInfo.InvariantCulture)))} |"));
            }

            _body.AppendLine();
            var nginx = RatioMedian(results, "smi-proxy", "nginx", 32);
            var caddy = RatioMedian(results, "smi-proxy", "caddy", 32);
            var addedP50 = Stats.Median(Enumerable.Range(0, repetitions).Select(i => results[("smi-proxy", 1)][i].P50Us - results[("direct", 1)][i].P50Us));
            _targets.Add(("one-hop throughput >= 1.0x nginx @32", Invariant($"{nginx:F2}x"), nginx >= 1.0));
            _targets.Add(("one-hop throughput >= 1.5x caddy @32", Invariant($"{caddy:F2}x"), caddy >= 1.5));
            _targets.Add(("added p50 latency @1 connection <= 100 us", Invariant($"{addedP50:F0} us"), addedP50 <= 100));
        }

        public void FixedRate(List<string> paths, double[] rates, Dictionary<(string Path, double Rate), List<(RateResult Result, double CpuPer1000, double RssMiB)>> results)
        {
            _body.AppendLine("## Fixed rate (h2load --rps, HTTP/1.1, 4 connections)").AppendLine();
            _body.AppendLine("Latency added = the path's percentile minus direct's in the same repetition (median over repetitions). vCPU per 1 000 rps and RSS are the proxy processes' own (both proxies for the mesh path; nginx/haproxy/caddy with their workers).").AppendLine();
            _body.AppendLine("| rate | path | achieved rps | p50 (us) | p90 (us) | p99 (us) | added p50 / p90 / p99 (us) | vCPU per 1k rps | RSS (MiB) |");
            _body.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var rate in rates)
            {
                foreach (var path in paths)
                {
                    var list = results[(path, rate)];
                    var direct = results[("direct", rate)];
                    double Added(Func<RateResult, double> pick) => Stats.Median(list.Select((r, i) => pick(r.Result) - pick(direct[i].Result)));
                    var achieved = Stats.Median(list.Select(r => r.Result.AchievedRps));
                    var saturated = list.Any(r => r.Result.Saturated) ? " (saturated)" : "";
                    _body.AppendLine(Invariant($"| {rate:F0} | {path} | {achieved:F0}{saturated} | {Stats.Median(list.Select(r => r.Result.P50Us)):F0} | {Stats.Median(list.Select(r => r.Result.P90Us)):F0} | {Stats.Median(list.Select(r => r.Result.P99Us)):F0} | {(path == "direct" ? "-" : Invariant($"{Added(r => r.P50Us):F0} / {Added(r => r.P90Us):F0} / {Added(r => r.P99Us):F0}"))} | {(path == "direct" ? "-" : Invariant($"{Stats.Median(list.Select(r => r.CpuPer1000)):F3}"))} | {(path == "direct" ? "-" : Invariant($"{Stats.Median(list.Select(r => r.RssMiB)):F0}"))} |"));
                }
            }

            _body.AppendLine();
            var mesh = results[("mesh (2 proxies + mTLS)", 1000)];
            var meshP99 = Stats.Median(mesh.Select((r, i) => r.Result.P99Us - results[("direct", 1000)][i].Result.P99Us));
            var ours = results[("smi-proxy", 1000)];
            var cpu = Stats.Median(ours.Select(r => r.CpuPer1000));
            var meshCpuPerProxy = Stats.Median(mesh.Select(r => r.CpuPer1000)) / 2;
            var rss = Math.Max(Stats.Median(ours.Select(r => r.RssMiB)), Stats.Median(mesh.Select(r => r.RssMiB)) / 2);
            _targets.Add(("full mesh path @1000 rps: added p99 < 2 ms", Invariant($"{meshP99 / 1000:F2} ms"), meshP99 < 2000));
            _targets.Add(("<= 0.15 vCPU per 1000 rps per proxy", Invariant($"one-hop {cpu:F3}, mesh {meshCpuPerProxy:F3} per proxy"), Math.Max(cpu, meshCpuPerProxy) <= 0.15));
            _targets.Add(("proxy RSS < 80 MB under that load", Invariant($"{rss:F0} MiB"), rss < 80));
        }

        public void Reload(WrkResult quiet, WrkResult busy, int swaps)
        {
            _body.AppendLine("## Reload under load").AppendLine();
            _body.AppendLine(Invariant($"wrk, 32 connections, one-hop proxy; then the same with its config (alternating load-balancing policy, so a new revision) swapped every second ({swaps} swaps)."));
            _body.AppendLine();
            _body.AppendLine("| run | rps | p50 (us) | p99 (us) | non-2xx | socket errors |");
            _body.AppendLine("|---|---|---|---|---|---|");
            _body.AppendLine(Invariant($"| no swaps | {quiet.RequestsPerSecond:F0} | {quiet.P50Us:F0} | {quiet.P99Us:F0} | {quiet.Non2xx} | {quiet.SocketErrors} |"));
            _body.AppendLine(Invariant($"| swap every 1 s | {busy.RequestsPerSecond:F0} | {busy.P50Us:F0} | {busy.P99Us:F0} | {busy.Non2xx} | {busy.SocketErrors} |"));
            _body.AppendLine();
            var spike = busy.P99Us / quiet.P99Us;
            _targets.Add(("reload under load: 0 failed requests", Invariant($"{busy.Non2xx + busy.SocketErrors} failed"), busy.Clean));
            _targets.Add(("reload under load: p99 <= 2x", Invariant($"{spike:F2}x"), spike <= 2));
        }

        public void Convergence(List<double> millis, int pods)
        {
            var sorted = millis.Order().ToList();
            _body.AppendLine("## Convergence (sandbox)").AppendLine();
            _body.AppendLine(Invariant($"`smi-operator sandbox` with {pods} pods (real proxies); {millis.Count} TrafficSplit edits (file replaced atomically); time from the edit until every proxy's admin `/config` reports a new revision."));
            _body.AppendLine();
            _body.AppendLine(Invariant($"| edits | p50 (ms) | p99 (ms) | max (ms) |\n|---|---|---|---|\n| {millis.Count} | {Stats.Percentile(sorted, 0.5):F0} | {Stats.Percentile(sorted, 0.99):F0} | {sorted[^1]:F0} |"));
            _body.AppendLine();
            _targets.Add(("convergence p99 < 1 s in the sandbox", Invariant($"{Stats.Percentile(sorted, 0.99):F0} ms"), Stats.Percentile(sorted, 0.99) < 1000));
        }

        public void Compiler(string table)
        {
            _body.AppendLine("## Compiler (`Smi.Bench compile`)").AppendLine();
            _body.AppendLine("Synthetic deny-by-default mesh: 1 000 apps over 10 namespaces, 2 000 Services, 1 000 TrafficSplits, 1 000 TrafficTargets; wall time p50/p99 and CPU per compile.").AppendLine();
            _body.AppendLine(table.Trim()).AppendLine();
        }

        public string ToMarkdown(string args, List<string> problems)
        {
            var text = new StringBuilder();
            text.AppendLine("# Benchmarks").AppendLine();
            text.AppendLine("Produced by `test/bench/run.sh` (which installs wrk, nghttp2-client, nginx, haproxy and caddy, builds Release and runs `Smi.Bench proxy`). Do not edit by hand: run it again.").AppendLine();
            text.AppendLine("| | |\n|---|---|");
            text.AppendLine(Invariant($"| date | {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC |"));
            text.AppendLine(Invariant($"| machine | {Environment.ProcessorCount} vCPU, {Memory()} , {Cpu()} |"));
            text.AppendLine(Invariant($"| command | `test/bench/run.sh {args}`{(smoke ? " (smoke: one short repetition, figures not meaningful)" : "")} |"));
            text.AppendLine(Invariant($"| load average at start | {File.ReadAllText("/proc/loadavg").Trim()} |"));
            text.AppendLine(Invariant($"| peers | {Version("nginx", "-v")}; {Version("haproxy", "-v")}; {Version("caddy", "version")} |"));
            text.AppendLine().AppendLine("## Targets").AppendLine();
            text.AppendLine("| target | measured | met |\n|---|---|---|");
            foreach (var (target, measured, met) in _targets)
            {
                text.AppendLine($"| {target} | {measured} | {(met ? "yes" : "**no**")} |");
            }

            text.AppendLine();
            if (problems.Count > 0)
            {
                text.AppendLine("**Run failed:** " + string.Join("; ", problems)).AppendLine();
            }

            text.Append(_body);
            return text.ToString();
        }

        private static double RatioMedian(Dictionary<(string Path, int Connections), List<WrkResult>> results, string path, string baseline, int connections) =>
            Stats.Median(results[(path, connections)].Zip(results[(baseline, connections)], (a, b) => a.RequestsPerSecond / b.RequestsPerSecond));

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        private static string Memory() =>
            File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim() is var kb && long.TryParse(kb.Split(' ')[0], out var k) ? Invariant($"{k / 1024.0 / 1024:F0} GiB RAM") : "?";

        private static string Cpu() => File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";

        private static string Version(string tool, string flag)
        {
            try
            {
                var start = new ProcessStartInfo(Tools.Require(tool), flag) { RedirectStandardOutput = true, RedirectStandardError = true };
                using var process = Process.Start(start)!;
                var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
                process.WaitForExit(5000);
                return text.Split('\n')[0].Trim();
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return $"{tool} missing";
            }
        }
    }
}
