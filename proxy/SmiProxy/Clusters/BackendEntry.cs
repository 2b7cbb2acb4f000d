using Smi.ProxyConfig;

namespace SmiProxy.Clusters;

/// <summary>A weighted backend of a route, bound to its YARP cluster once YARP has applied the config.</summary>
internal sealed class BackendEntry
{
    private volatile ClusterBinding? _binding;

    public BackendEntry(ServiceKey service, string clusterId)
    {
        Service = service.ToString();
        ClusterId = clusterId;
    }

    /// <summary>The backend Service's text ("name.namespace"), made once: it goes into headers, labels and messages.</summary>
    public string Service { get; }

    /// <summary>YARP cluster id.</summary>
    public string ClusterId { get; }

    public ClusterBinding? Binding => _binding;

    /// <summary>True when the backend's cluster has at least one endpoint (healthy or not).</summary>
    public bool HasEndpoints => _binding is { } binding && binding.Cluster.DestinationsState.AllDestinations.Count > 0;

    public void Bind(ClusterBinding binding) => _binding = binding;
}
