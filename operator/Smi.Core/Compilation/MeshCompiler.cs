namespace Smi.Core.Compilation;

/// <summary>
/// The mesh compiler: a pure, deterministic function from a <see cref="Cluster.ClusterSnapshot"/>
/// to one proxy configuration per identity plus statuses and diagnostics. No I/O, no clock, no
/// logging; the same input in any order gives byte-identical output. For repeated compiles of a
/// changing mesh use <see cref="IncrementalMeshCompiler"/>, which gives the same output faster.
/// </summary>
public static class MeshCompiler
{
    /// <summary>Compiles a snapshot from scratch.</summary>
    public static CompileResult Compile(Cluster.ClusterSnapshot snapshot) => new IncrementalMeshCompiler().Compile(snapshot);
}
