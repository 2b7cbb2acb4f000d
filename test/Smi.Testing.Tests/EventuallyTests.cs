using Xunit.Sdk;

namespace Smi.Testing.Tests;

public sealed class EventuallyTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task TrueAsync_ConditionBecomesTrue_ReturnsAfterAFewProbes()
    {
        var probes = 0;

        await Eventually.TrueAsync(() => ++probes == 3, timeout: TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, probes);
    }

    [Fact]
    public async Task TrueAsync_NeverTrue_FailsNamingTheConditionByItsSource()
    {
        var never = false;

        var error = await Assert.ThrowsAsync<FailException>(() => Eventually.TrueAsync(() => never, timeout: Short)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.StartsWith("timed out after", error.Message, StringComparison.Ordinal);
        Assert.Contains("waiting until () => never; last observed: false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValueAsync_AsyncProbe_ReturnsTheFirstValue()
    {
        var probes = 0;

        var value = await Eventually.ValueAsync(async () =>
        {
            await Task.Yield();
            return ++probes < 3 ? null : $"value {probes}";
        }).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal("value 3", value);
    }

    [Fact]
    public async Task MatchAsync_NeverAccepted_FailsWithWhatWasAwaitedTheLastValueAndDetails()
    {
        var counter = 0;

        var error = await Assert.ThrowsAsync<FailException>(() => Eventually.MatchAsync(() => ++counter, n => n < 0, "a negative count", Short, details: () => "the log"))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Contains($"attempts) waiting until a negative count; last observed: {counter}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine + "the log", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MatchAsync_CollectionValue_LastObservedListsItsItems()
    {
        var error = await Assert.ThrowsAsync<FailException>(() => Eventually.MatchAsync(() => new[] { "a", "b" }, lines => lines.Length == 5, "five lines", Short))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.EndsWith("waiting until five lines; last observed: [a, b]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MatchAsync_RetriedException_RetriesAndReportsItAsLastObserved()
    {
        var probes = 0;
        int Probe() => ++probes < 3 ? throw new IOException("mid-swap") : probes;

        Assert.Equal(3, await Eventually.MatchAsync(Probe, n => n == 3, retryOn: ex => ex is IOException).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        static bool Locked() => throw new IOException("locked");
        var error = await Assert.ThrowsAsync<FailException>(() => Eventually.TrueAsync(Locked, "the file", Short, retryOn: ex => ex is IOException))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Contains("last observed: IOException: locked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrueAsync_ExceptionNotRetried_PropagatesAtOnce()
    {
        var probes = 0;
        bool Stopped() => ++probes > 0 ? throw new InvalidOperationException("stopped") : false;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Eventually.TrueAsync(Stopped, retryOn: ex => ex is IOException))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(1, probes);
    }

    [Fact]
    public async Task TrueAsync_ProbeHangs_FailsAfterTheTimeout()
    {
        var error = await Assert.ThrowsAsync<FailException>(() => Eventually.TrueAsync(() => new TaskCompletionSource<bool>().Task, "a hung probe", Short))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.StartsWith("a probe did not return within 0.2 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrueAsync_Cancelled_FailsSayingSo()
    {
        using var cancel = new CancellationTokenSource(Short);

        var error = await Assert.ThrowsAsync<FailException>(() => Eventually.TrueAsync(() => false, "never", TimeSpan.FromSeconds(10), cancellationToken: cancel.Token))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.StartsWith("cancelled after", error.Message, StringComparison.Ordinal);
    }
}
