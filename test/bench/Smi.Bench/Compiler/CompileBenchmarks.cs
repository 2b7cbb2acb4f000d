using BenchmarkDotNet.Attributes;
using Smi.Core.Cluster;
using Smi.Core.Compilation;

namespace Smi.Bench.Compiler;

/// <summary>Full compile of the synthetic mesh at 1 k and 10 k pods, and a recompile after one endpoint change.</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private ClusterSnapshot _snapshot = null!;
    private ClusterSnapshot _changed = null!;

    [Params(1_000, 10_000)]
    public int Pods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = SyntheticMesh.Build(apps: 1000, podsPerApp: Pods / 1000);
        _changed = SyntheticMesh.WithOneEndpointChange(_snapshot);
    }

    [Benchmark]
    public CompileResult FullCompile() => MeshCompiler.Compile(_snapshot);

    [Benchmark]
    public CompileResult AfterOneEndpointChange() => MeshCompiler.Compile(_changed);
}
