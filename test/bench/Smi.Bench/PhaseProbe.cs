using System.Diagnostics;
using Smi.Bench.Compiler;
using Smi.Core.Compilation;
using Smi.ProxyConfig;

namespace Smi.Bench;

internal static class PhaseProbe
{
    public static int Run()
    {
        var snapshot = SyntheticMesh.Build(1000, 10);
        for (var round = 0; round < 5; round++)
        {
            var t = Stopwatch.StartNew();
            var diagnostics = new DiagnosticCollector();
            var topology = new Topology(snapshot);
            var a = t.Elapsed.TotalMilliseconds;
            var splits = new SplitCompiler(topology, diagnostics);
            splits.Resolve(snapshot.TrafficSplits);
            var access = new AccessCompiler(topology, diagnostics);
            access.Compile(snapshot.TrafficTargets);
            var b = t.Elapsed.TotalMilliseconds;
            var result = MeshCompiler.Compile(snapshot);
            var c = t.Elapsed.TotalMilliseconds;
            var bytes = 0L;
            foreach (var cfg in result.Configs.Values)
            {
                bytes += ProxyConfigSerializer.Serialize(cfg).Length;
            }

            var d = t.Elapsed.TotalMilliseconds;
            Console.WriteLine($"topology {a:F1} splits+access {b - a:F1} full {c - b:F1} serialize-all {d - c:F1} ({bytes / 1024} KiB)");
        }

        return 0;
    }
}
