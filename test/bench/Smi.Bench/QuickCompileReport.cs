using System.Diagnostics;
using System.Globalization;
using Smi.Bench.Compiler;
using Smi.Core.Cluster;
using Smi.Core.Compilation;
using Smi.ProxyConfig;

namespace Smi.Bench;

/// <summary>
/// A Stopwatch-based compile benchmark: warm up, then time N compiles of each scenario and print
/// p50/p99 with the config sizes, as a Markdown table. Fast enough for a CI smoke run.
/// </summary>
internal static class QuickCompileReport
{
    public static int Run(string[] args)
    {
        var iterations = args.Length >= 2 && args[0] == "--iterations" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        Console.WriteLine("| scenario | pods | services | splits | identities | p50 ms | p99 ms | CPU ms/compile | largest config (JSON / gzip) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var podsPerApp in new[] { 1, 10 })
        {
            var snapshot = SyntheticMesh.Build(apps: 1000, podsPerApp: podsPerApp);
            var changed = SyntheticMesh.WithOneEndpointChange(snapshot);
            Report("full compile", snapshot, () => MeshCompiler.Compile(snapshot), iterations);

            // Incremental: the compiler has seen the mesh; one endpoint flips, as an informer event would.
            var compiler = new IncrementalMeshCompiler();
            var flip = false;
            Report("one endpoint changed (incremental)", snapshot, () => compiler.Compile((flip = !flip) ? changed : snapshot), iterations);
        }

        return 0;
    }

    /// <summary>Runs incremental one-endpoint recompiles in a loop, for a profiler to watch.</summary>
    public static int Loop(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
        var snapshot = SyntheticMesh.Build(apps: 1000, podsPerApp: 10);
        var changed = SyntheticMesh.WithOneEndpointChange(snapshot);
        var compiler = new IncrementalMeshCompiler();
        for (var i = 0; i < count; i++)
        {
            compiler.Compile(i % 2 == 0 ? snapshot : changed);
        }

        return 0;
    }

    private static void Report(string scenario, ClusterSnapshot snapshot, Func<CompileResult> compile, int iterations)
    {
        var result = compile();
        for (var i = 0; i < 3; i++)
        {
            compile();
        }

        var times = new double[iterations];
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            compile();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        process.Refresh();
        // CPU time is what the compile costs; wall time also counts whatever else shares the 2 cores.
        var cpuPerCompile = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;

        Array.Sort(times);
        var largest = result.Configs.Values.Select(ProxyConfigSerializer.Serialize).MaxBy(b => b.Length)!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {scenario} | {snapshot.Pods.Length} | {snapshot.Services.Length} | {snapshot.TrafficSplits.Length} | {result.Configs.Count} | {Stats.Percentile(times, 0.5):F1} | {Stats.Percentile(times, 0.99):F1} | {cpuPerCompile:F1} | {largest.Length / 1024.0:F1} KiB / {ProxyConfigSerializer.Gzip(largest).Length / 1024.0:F1} KiB |"));
    }
}
