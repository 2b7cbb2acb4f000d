using SmiProxy.Clusters;

namespace SmiProxy.Configuration;

/// <summary>A container port of the app and the YARP cluster that forwards to it.</summary>
internal sealed class AppPortEntry
{
    private volatile ClusterBinding? _binding;

    public AppPortEntry(int port, string clusterId)
    {
        Port = port;
        ClusterId = clusterId;
    }

    public int Port { get; }

    public string ClusterId { get; }

    public ClusterBinding? Binding => _binding;

    public void Bind(ClusterBinding binding) => _binding = binding;
}
