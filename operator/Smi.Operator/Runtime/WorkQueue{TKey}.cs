using System.Threading.Channels;

namespace Smi.Operator.Runtime;

/// <summary>
/// A keyed, de-duplicating, rate-limited work queue shaped like client-go's: a key waiting in the
/// queue is there once however often it is added; a key is never handed out twice at the same
/// time; adding a key while it is being processed queues it again for after <see cref="Done"/>.
/// <see cref="AddAfter"/> debounces (the earliest due time wins), <see cref="AddRateLimited"/>
/// backs off per key exponentially with jitter (reset by <see cref="Forget"/>).
/// </summary>
internal sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly BackoffPolicy _backoff;
    private readonly HashSet<TKey> _queued = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly HashSet<TKey> _dirty = [];
    private readonly Dictionary<TKey, DateTimeOffset> _delayed = [];
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly Channel<TKey> _ready = Channel.CreateUnbounded<TKey>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Dictionary<TKey, ITimer> _timers = [];
    private bool _disposed;

    public WorkQueue(TimeProvider time, BackoffPolicy? backoff = null)
    {
        _time = time;
        _backoff = backoff ?? BackoffPolicy.Default;
    }

    /// <summary>Keys waiting (ready or delayed), for the queue-depth metric.</summary>
    public int Depth
    {
        get
        {
            lock (_lock)
            {
                return _queued.Count + _delayed.Count;
            }
        }
    }

    /// <summary>Queues a key now (no-op if it is already waiting).</summary>
    public void Add(TKey key)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            CancelDelay(key);
            if (_processing.Contains(key))
            {
                _dirty.Add(key);
                return;
            }

            if (_queued.Add(key))
            {
                _ready.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Queues a key after <paramref name="delay"/>; an earlier pending due time wins (debounce with a bound).</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_lock)
        {
            if (_disposed || _queued.Contains(key))
            {
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_delayed.TryGetValue(key, out var existing) && existing <= due)
            {
                return;
            }

            CancelDelay(key);
            _delayed[key] = due;
            _timers[key] = _time.CreateTimer(_ => Fire(key, due), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Queues a key after its per-key backoff; every call without <see cref="Forget"/> doubles it.</summary>
    public void AddRateLimited(TKey key)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
            delay = _backoff.Delay(failures);
        }

        AddAfter(key, delay);
    }

    /// <summary>Resets a key's backoff (after a successful reconcile).</summary>
    public void Forget(TKey key)
    {
        lock (_lock)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>Consecutive failures recorded for a key.</summary>
    public int Failures(TKey key)
    {
        lock (_lock)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Waits for the next key and marks it as being processed; call <see cref="Done"/> after.</summary>
    public async ValueTask<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var key = await _ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                if (_queued.Remove(key))
                {
                    _processing.Add(key);
                    return key;
                }
            }
        }
    }

    /// <summary>Ends processing of a key; if it was added meanwhile, it is queued again.</summary>
    public void Done(TKey key)
    {
        lock (_lock)
        {
            _processing.Remove(key);
            if (_dirty.Remove(key) && !_disposed && _queued.Add(key))
            {
                _ready.Writer.TryWrite(key);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var timer in _timers.Values)
            {
                timer.Dispose();
            }

            _timers.Clear();
            _ready.Writer.TryComplete();
        }
    }

    private void Fire(TKey key, DateTimeOffset due)
    {
        lock (_lock)
        {
            // A newer AddAfter or an Add may have replaced this timer.
            if (!_delayed.TryGetValue(key, out var current) || current != due)
            {
                return;
            }

            _delayed.Remove(key);
            if (_timers.Remove(key, out var timer))
            {
                timer.Dispose();
            }
        }

        Add(key);
    }

    private void CancelDelay(TKey key)
    {
        _delayed.Remove(key);
        if (_timers.Remove(key, out var timer))
        {
            timer.Dispose();
        }
    }
}
