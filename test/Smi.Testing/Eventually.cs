using System.Diagnostics;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace Smi.Testing;

/// <summary>
/// Polls until a condition holds, for tests of asynchronous convergence (a watch resumed, a file
/// rewritten, a proxy on a new revision). Each probe runs, then the helper sleeps
/// <c>pollInterval</c>; after <c>timeout</c> the test fails with what was awaited, how long and
/// how often it was tried, and the last value (or retried exception) the probe produced. An
/// asynchronous probe is itself bounded by <c>timeout</c>, so a hung call fails the test too.
/// </summary>
/// <remarks>
/// <c>what</c> defaults to the source text of the condition. <c>retryOn</c> names exceptions
/// that mean "not yet" (a file mid-replace, a listener not up); any other exception fails at
/// once. <c>details</c> is evaluated only on failure, for context such as a process's log.
/// </remarks>
public static class Eventually
{
    /// <summary>How long to wait when the caller does not say.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long to sleep between probes when the caller does not say.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest description of the last observed value in a failure message.</summary>
    private const int MaxDescription = 10_000;

    /// <summary>Waits until <paramref name="condition"/> returns true.</summary>
    public static Task TrueAsync(
        Func<bool> condition,
        [CallerArgumentExpression(nameof(condition))] string? what = null,
        TimeSpan? timeout = null,
        TimeSpan? pollInterval = null,
        Func<Exception, bool>? retryOn = null,
        Func<string>? details = null,
        CancellationToken cancellationToken = default) =>
        PollAsync(() => Task.FromResult(condition()), static ok => ok, what, timeout, pollInterval, retryOn, details, cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> completes with true.</summary>
    public static Task TrueAsync(
        Func<Task<bool>> condition,
        [CallerArgumentExpression(nameof(condition))] string? what = null,
        TimeSpan? timeout = null,
        TimeSpan? pollInterval = null,
        Func<Exception, bool>? retryOn = null,
        Func<string>? details = null,
        CancellationToken cancellationToken = default) =>
        PollAsync(condition, static ok => ok, what, timeout, pollInterval, retryOn, details, cancellationToken);

    /// <summary>Waits until <paramref name="probe"/> returns a value (not null) and returns it.</summary>
    public static async Task<T> ValueAsync<T>(
        Func<T?> probe,
        [CallerArgumentExpression(nameof(probe))] string? what = null,
        TimeSpan? timeout = null,
        TimeSpan? pollInterval = null,
        Func<Exception, bool>? retryOn = null,
        Func<string>? details = null,
        CancellationToken cancellationToken = default)
        where T : class =>
        (await PollAsync(() => Task.FromResult(probe()), static v => v is not null, what, timeout, pollInterval, retryOn, details, cancellationToken))!;

    /// <summary>Waits until <paramref name="probe"/> completes with a value (not null) and returns it.</summary>
    public static async Task<T> ValueAsync<T>(
        Func<Task<T?>> probe,
        [CallerArgumentExpression(nameof(probe))] string? what = null,
        TimeSpan? timeout = null,
        TimeSpan? pollInterval = null,
        Func<Exception, bool>? retryOn = null,
        Func<string>? details = null,
        CancellationToken cancellationToken = default)
        where T : class =>
        (await PollAsync(probe, static v => v is not null, what, timeout, pollInterval, retryOn, details, cancellationToken))!;

    /// <summary>
    /// Waits until the value <paramref name="probe"/> returns satisfies <paramref name="accept"/>
    /// and returns that value; on timeout the message shows the last value that did not.
    /// </summary>
    public static Task<T> MatchAsync<T>(
        Func<T> probe,
        Func<T, bool> accept,
        [CallerArgumentExpression(nameof(accept))] string? what = null,
        TimeSpan? timeout = null,
        TimeSpan? pollInterval = null,
        Func<Exception, bool>? retryOn = null,
        Func<string>? details = null,
        CancellationToken cancellationToken = default) =>
        PollAsync(() => Task.FromResult(probe()), accept, what, timeout, pollInterval, retryOn, details, cancellationToken);

    /// <summary>
    /// Waits until the value <paramref name="probe"/> completes with satisfies
    /// <paramref name="accept"/> and returns that value; on timeout the message shows the last
    /// value that did not.
    /// </summary>
    public static Task<T> MatchAsync<T>(
        Func<Task<T>> probe,
        Func<T, bool> accept,
        [CallerArgumentExpression(nameof(accept))] string? what = null,
        TimeSpan? timeout = null,
        TimeSpan? pollInterval = null,
        Func<Exception, bool>? retryOn = null,
        Func<string>? details = null,
        CancellationToken cancellationToken = default) =>
        PollAsync(probe, accept, what, timeout, pollInterval, retryOn, details, cancellationToken);

    private static async Task<T> PollAsync<T>(
        Func<Task<T>> probe,
        Func<T, bool> accept,
        string? what,
        TimeSpan? timeout,
        TimeSpan? pollInterval,
        Func<Exception, bool>? retryOn,
        Func<string>? details,
        CancellationToken cancellationToken)
    {
        var limit = timeout ?? DefaultTimeout;
        var interval = pollInterval ?? DefaultPollInterval;
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        var observed = "nothing yet";
        while (true)
        {
            attempts++;
            try
            {
                // Bounded by the whole timeout rather than what is left of it, so a probe that
                // starts just before the deadline still gets to finish, as it did in each copy
                // this helper replaced.
                var value = await probe().WaitAsync(limit, cancellationToken).ConfigureAwait(false);
                if (accept(value))
                {
                    return value;
                }

                observed = Describe(value);
            }
            catch (Exception ex) when (retryOn?.Invoke(ex) == true)
            {
                observed = $"{ex.GetType().Name}: {ex.Message}";
            }
            catch (TimeoutException ex)
            {
                throw Failure($"a probe did not return within {limit.TotalSeconds:0.#} s ({ex.Message})");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw Failure($"cancelled after {clock.Elapsed.TotalSeconds:0.#} s");
            }

            if (clock.Elapsed >= limit)
            {
                throw Failure($"timed out after {clock.Elapsed.TotalSeconds:0.#} s");
            }

            try
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw Failure($"cancelled after {clock.Elapsed.TotalSeconds:0.#} s");
            }
        }

        FailException Failure(string why)
        {
            var message = $"{why} ({attempts} attempt{(attempts == 1 ? string.Empty : "s")}) waiting until {what ?? "the condition holds"}; last observed: {observed}";
            return FailException.ForFailure(details is null ? message : $"{message}{Environment.NewLine}{details()}");
        }
    }

    private static string Describe<T>(T value)
    {
        var text = value switch
        {
            null => "null",
            bool b => b ? "true" : "false",
            string s => s,
            System.Collections.IEnumerable items => $"[{string.Join(", ", items.Cast<object?>())}]",
            _ => value.ToString() ?? "null",
        };
        return text.Length <= MaxDescription ? text : string.Concat(text.AsSpan(0, MaxDescription), "…");
    }
}
