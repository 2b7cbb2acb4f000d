using Smi.ProxyConfig;

namespace SmiProxy.Resilience;

/// <summary>The per-request part of <see cref="ResilienceSettings"/> after applying a route's overrides to the defaults.</summary>
/// <param name="RequestTimeout">Until response headers; past it the app gets 504.</param>
/// <param name="ConnectTimeout">TCP connect plus TLS handshake.</param>
/// <param name="RetryAttempts">Extra attempts after a connect failure (idempotent requests without a body).</param>
internal sealed record RouteResilience(TimeSpan RequestTimeout, TimeSpan ConnectTimeout, int RetryAttempts)
{
    public static RouteResilience Resolve(ResilienceSettings defaults, ResilienceSettings? route)
    {
        var d = ResilienceSettings.Default;
        return new RouteResilience(
            TimeSpan.FromMilliseconds(route?.RequestTimeoutMs ?? defaults.RequestTimeoutMs ?? d.RequestTimeoutMs!.Value),
            TimeSpan.FromMilliseconds(route?.ConnectTimeoutMs ?? defaults.ConnectTimeoutMs ?? d.ConnectTimeoutMs!.Value),
            route?.RetryAttempts ?? defaults.RetryAttempts ?? d.RetryAttempts!.Value);
    }
}
