using Yarp.ReverseProxy.Model;

namespace SmiProxy.Clusters;

/// <summary>
/// A YARP cluster as the request path uses it: its runtime state and a route model whose
/// <see cref="RouteModel.Cluster"/> is that same cluster. YARP's load balancing and passive health
/// middleware read the cluster from the route model, so switching a request to a cluster must switch
/// the route model too (<c>HttpContext.ReassignProxyRequest(route, cluster)</c>).
/// </summary>
internal sealed record ClusterBinding(ClusterState Cluster, RouteModel Route);
