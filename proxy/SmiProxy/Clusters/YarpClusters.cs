using System.Net;
using Smi.ProxyConfig;
using SmiProxy.Resilience;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace SmiProxy.Clusters;

/// <summary>
/// Maps the contract onto YARP: one YARP cluster per backend cluster (destinations = endpoints,
/// with load balancing and passive health from the resilience settings) and one per app port.
/// Outbound destinations are plain <c>http://</c> URIs even for meshed endpoints: the mTLS happens
/// in the connect callback (see <c>Tls.MeshConnector</c>), which knows the identity
/// each endpoint must present.
/// </summary>
internal static class YarpClusters
{
    public const string UnassignedClusterId = "smi/unassigned";
    public const string OutboundPrefix = "outbound/";
    public const string AppPrefix = "app/";

    public const string PortKey = "smi.port";
    public const string IdentityKey = "smi.identity";
    public const string SpiffeKey = "smi.spiffe";
    public const string PodKey = "smi.pod";

    /// <summary>The passive health policy (outlier ejection) of outbound clusters, and its threshold in cluster metadata.</summary>
    public const string OutlierPolicyName = "SmiConsecutiveFailures";
    public const string OutlierThresholdKey = "smi.outlierConsecutiveFailures";

    /// <summary>HTTP/1.1 to every destination: proxies speak it between themselves, and it is what apps behind HTTP_PROXY send.</summary>
    public static readonly ForwarderRequestConfig RequestConfig = new()
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    /// <summary>The single catch-all route every request enters by; the pipeline then reassigns it to the right cluster.</summary>
    public static readonly RouteConfig CatchAllRoute = new()
    {
        RouteId = "smi",
        ClusterId = UnassignedClusterId,
        Match = new RouteMatch { Path = "/{**catch-all}" },
    };

    public static readonly ClusterConfig UnassignedCluster = new() { ClusterId = UnassignedClusterId, HttpRequest = RequestConfig };

    public static ClusterConfig Outbound(BackendCluster cluster, ClusterResilience resilience, string trustDomain)
    {
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in cluster.Endpoints)
        {
            var meshed = endpoint.InboundPort is not null;
            var port = endpoint.InboundPort ?? endpoint.Port;
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [PortKey] = endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (endpoint.Pod is { } pod)
            {
                metadata[PodKey] = pod;
            }

            if (meshed && ProxyIdentity.TryParse(endpoint.Identity, out var identity))
            {
                metadata[IdentityKey] = identity.Key;
                metadata[SpiffeKey] = identity.SpiffeId(trustDomain);
            }

            // The id carries the mode too, so an endpoint that becomes meshed is a new destination
            // with fresh health and pooled connections keyed by its new port.
            var id = $"{FormatHost(endpoint.Address)}:{port}{(meshed ? "/mtls" : string.Empty)}";
            destinations[id] = new DestinationConfig
            {
                Address = $"http://{FormatHost(endpoint.Address)}:{port}/",
                Metadata = metadata,
            };
        }

        return new ClusterConfig
        {
            ClusterId = OutboundPrefix + cluster.Id,
            LoadBalancingPolicy = resilience.LoadBalancing,
            HealthCheck = new HealthCheckConfig
            {
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = OutlierPolicyName,
                    ReactivationPeriod = resilience.OutlierEjection,
                },
            },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [OutlierThresholdKey] = resilience.OutlierConsecutiveFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            HttpRequest = RequestConfig,
            Destinations = destinations,
        };
    }

    public static ClusterConfig App(IPAddress appAddress, int port) => new()
    {
        ClusterId = AppPrefix + port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        HttpRequest = RequestConfig,
        Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase)
        {
            ["app"] = new() { Address = $"http://{FormatHost(appAddress.ToString())}:{port}/" },
        },
    };

    private static string FormatHost(string address) => address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
}
