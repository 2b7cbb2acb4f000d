namespace SmiProxy.Resilience;

/// <summary>
/// The route's request timeout. It replaces <see cref="HttpContext.RequestAborted"/> with a token
/// that also fires at the deadline (as ASP.NET Core's request-timeout middleware does), which YARP's
/// forwarder honours; the timer stops when response headers arrive, so a long download is not cut.
/// Dispose restores the original token.
/// </summary>
internal sealed class RequestDeadline : IDisposable
{
    private readonly HttpContext _context;
    private readonly CancellationToken _original;
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _link;

    public RequestDeadline(HttpContext context, TimeSpan timeout)
    {
        _context = context;
        _original = context.RequestAborted;
        Timeout = timeout;
        _source = new CancellationTokenSource(timeout);
        _link = _original.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _source);
        context.RequestAborted = _source.Token;
    }

    public TimeSpan Timeout { get; }

    /// <summary>True when the deadline passed (and not because the client went away).</summary>
    public bool TimedOut => _source.IsCancellationRequested && !_original.IsCancellationRequested;

    /// <summary>Response headers arrived: the rest of the response is not bounded by the request timeout.</summary>
    public void ResponseStarted()
    {
        if (!_source.IsCancellationRequested)
        {
            _source.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _context.RequestAborted = _original;
        _link.Dispose();
        _source.Dispose();
    }
}
