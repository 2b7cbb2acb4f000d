namespace SmiProxy.Tests.Infrastructure;

/// <summary>What a <see cref="LoadGenerator"/> saw.</summary>
internal sealed record LoadResult(int Succeeded, IReadOnlyList<string> Failures, IReadOnlyDictionary<string, int> ByBackend);
