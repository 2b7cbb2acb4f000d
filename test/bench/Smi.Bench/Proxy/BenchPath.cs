namespace Smi.Bench.Proxy;

/// <summary>A path under test: where the load generator sends, and which processes carry it.</summary>
internal sealed record BenchPath(string Name, string Url, string? Host, Func<IReadOnlyList<int>> Pids);
