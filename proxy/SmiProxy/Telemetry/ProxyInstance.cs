using System.Security.Cryptography;
using SmiProxy.Settings;

namespace SmiProxy.Telemetry;

/// <summary>
/// Identifies one proxy instance in the process. Its meter name is unique, so the instance's
/// MeterProvider (which listens by meter name, process-wide) sees only this instance's instruments,
/// even when twenty proxies share a process.
/// </summary>
internal sealed class ProxyInstance
{
    public ProxyInstance(SidecarProxyOptions options)
    {
        Options = options;
        Id = RandomNumberGenerator.GetHexString(12, lowercase: true);
        MeterName = "SmiProxy." + Id;
    }

    public SidecarProxyOptions Options { get; }

    public string Id { get; }

    public string MeterName { get; }
}
