namespace SmiProxy.Settings;

/// <summary>Connection feature on the inbound side: the connection came through a peer proxy's opaque TCP tunnel, for this app port.</summary>
internal sealed class TunnelFeature(int appPort)
{
    public int AppPort { get; } = appPort;
}
