using System.Threading.Channels;
using k8s;

namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>Drains a client watch into a channel so tests can await events one at a time, with a deadline.</summary>
internal sealed class WatchCollector<T> : IAsyncDisposable
{
    private readonly Channel<(WatchEventType Type, T Object)> _events = Channel.CreateUnbounded<(WatchEventType, T)>();
    private readonly CancellationTokenSource _stop;
    private readonly Task _pump;

    public WatchCollector(Func<Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> open, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _pump = Task.Run(async () =>
        {
            try
            {
                // Like the operator's informers, errors sent in-band (410 Expired) are rethrown, not swallowed.
                await foreach (var e in open(ex => throw ex, _stop.Token))
                {
                    await _events.Writer.WriteAsync(e, _stop.Token);
                }

                _events.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                _events.Writer.TryComplete(ex);
            }
        });
    }

    /// <summary>The next event; throws what ended the stream (or ChannelClosedException when it ended cleanly).</summary>
    public async Task<(WatchEventType Type, T Object)> NextAsync(CancellationToken cancellationToken) =>
        await _events.Reader.ReadAsync(cancellationToken);

    /// <summary>Completes when the stream has ended; returns the exception that ended it, if any.</summary>
    public async Task<Exception?> EndAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _events.Reader.Completion.WaitAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex;
        }
    }

    /// <summary>Drops events until one that matches, then returns it.</summary>
    public async Task<(WatchEventType Type, T Object)> NextMatchingAsync(Func<(WatchEventType Type, T Object), bool> predicate, CancellationToken cancellationToken)
    {
        while (true)
        {
            var e = await NextAsync(cancellationToken);
            if (predicate(e))
            {
                return e;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Cancelled on purpose.
        }

        _stop.Dispose();
    }
}
