namespace Smi.Operator.Runtime;

/// <summary>
/// Per-key exponential backoff with jitter: <c>base * 2^failures</c>, capped, times a random factor
/// in [1, 1 + jitter). Defaults: 100 ms doubling to 5 minutes, 20 % jitter.
/// </summary>
/// <param name="Base">Delay after the first failure.</param>
/// <param name="Max">Cap.</param>
/// <param name="Jitter">Relative random spread added on top.</param>
internal sealed record BackoffPolicy(TimeSpan Base, TimeSpan Max, double Jitter)
{
    public static readonly BackoffPolicy Default = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5), 0.2);

    public TimeSpan Delay(int failures)
    {
        var exponent = Math.Min(failures, 30);
        var delay = Math.Min(Base.TotalMilliseconds * Math.Pow(2, exponent), Max.TotalMilliseconds);
        var jitter = Jitter <= 0 ? 1 : 1 + (Random.Shared.NextDouble() * Jitter);
        return TimeSpan.FromMilliseconds(Math.Min(delay * jitter, Max.TotalMilliseconds * (1 + Jitter)));
    }
}
