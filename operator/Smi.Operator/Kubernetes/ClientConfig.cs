using k8s;

namespace Smi.Operator.Kubernetes;

/// <summary>Finds the API server: an explicit kubeconfig, else in-cluster, else $KUBECONFIG / ~/.kube/config.</summary>
internal static class ClientConfig
{
    public static KubernetesClientConfiguration Load(string? kubeconfig, string? context)
    {
        if (kubeconfig is not null)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, context);
        }

        return KubernetesClientConfiguration.IsInCluster() && context is null
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(currentContext: context);
    }
}
