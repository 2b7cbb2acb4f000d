using Microsoft.Extensions.Time.Testing;
using Smi.Operator.Runtime;

namespace Smi.Operator.Tests.Runtime;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly BackoffPolicy NoJitter = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), 0);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Add_SameKeyTwice_QueuedOnce()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.Add("mesh");
        queue.Add("mesh");

        Assert.Equal(1, queue.Depth);
        Assert.Equal("mesh", await queue.TakeAsync(CancellationToken.None).AsTask().WaitAsync(Timeout));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task Add_WhileProcessing_QueuedAgainAfterDone()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.Add("mesh");
        var key = await queue.TakeAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);

        queue.Add("mesh");
        Assert.Equal(0, queue.Depth); // not handed out twice at once

        queue.Done(key);
        Assert.Equal("mesh", await queue.TakeAsync(CancellationToken.None).AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task AddAfter_NotReadyUntilDue_EarlierDueTimeWins()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.AddAfter("mesh", TimeSpan.FromMilliseconds(100));
        queue.AddAfter("mesh", TimeSpan.FromSeconds(10)); // later: ignored
        var take = queue.TakeAsync(CancellationToken.None).AsTask();

        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(take.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("mesh", await take.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Add_CancelsPendingDelay_ReadyAtOnce()
    {
        using var queue = new WorkQueue<string>(_time);
        queue.AddAfter("mesh", TimeSpan.FromSeconds(10));

        queue.Add("mesh");

        Assert.Equal("mesh", await queue.TakeAsync(CancellationToken.None).AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task AddRateLimited_DoublesUntilForget()
    {
        using var queue = new WorkQueue<string>(_time, NoJitter);

        foreach (var expected in new[] { 100, 200, 400 })
        {
            queue.AddRateLimited("mesh");
            var take = queue.TakeAsync(CancellationToken.None).AsTask();
            _time.Advance(TimeSpan.FromMilliseconds(expected - 1));
            Assert.False(take.IsCompleted, $"ready before {expected} ms");
            _time.Advance(TimeSpan.FromMilliseconds(1));
            queue.Done(await take.WaitAsync(Timeout));
        }

        Assert.Equal(3, queue.Failures("mesh"));
        queue.Forget("mesh");
        Assert.Equal(0, queue.Failures("mesh"));
    }

    [Fact]
    public void Backoff_IsCappedAndJittered()
    {
        var policy = new BackoffPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 0.2);

        Assert.InRange(policy.Delay(0).TotalMilliseconds, 100, 120);
        Assert.InRange(policy.Delay(30).TotalMilliseconds, 1000, 1200);
    }

    [Fact]
    public async Task TakeAsync_Cancelled_Throws()
    {
        using var queue = new WorkQueue<string>(_time);
        using var cts = new CancellationTokenSource();
        var take = queue.TakeAsync(cts.Token).AsTask();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => take.WaitAsync(Timeout));
    }
}
