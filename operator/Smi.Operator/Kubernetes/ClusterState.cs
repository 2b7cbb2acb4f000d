using System.Collections.Immutable;
using k8s;
using k8s.Models;
using Smi.Api.Model;
using Smi.Core.Cluster;
using Smi.Manifests;
using Smi.Operator.Runtime;

namespace Smi.Operator.Kubernetes;

/// <summary>
/// Every informer the operator runs and the snapshot they add up to. SMI kinds are watched in
/// their storage versions (split v1alpha4, access v1alpha3, specs v1alpha4): the API server
/// converts objects written in any served version to it through the conversion webhook, so one
/// watch per kind sees them all, and each object once.
/// </summary>
internal sealed class ClusterState
{
    private readonly MappedCache<V1Namespace, NamespaceInfo> _namespaces = new(n => [KubernetesMapper.Namespace(n)]);
    private readonly MappedCache<V1Service, ServiceInfo> _services = new(s => [KubernetesMapper.Service(s)]);
    private readonly MappedCache<V1EndpointSlice, EndpointSliceInfo> _slices = new(s => KubernetesMapper.EndpointSlice(s) is { } slice ? [slice] : []);
    private readonly MappedCache<V1Pod, PodInfo> _pods = new(p => [KubernetesMapper.Pod(p)]);
    private readonly MappedCache<V1ServiceAccount, ServiceAccountInfo> _accounts = new(a => [KubernetesMapper.ServiceAccount(a)]);
    private readonly MappedCache<UnstructuredObject, SmiDecodeResult>[] _smi;

    public ClusterState(IKubernetes client, TimeProvider time, ILoggerFactory logging, Func<UnstructuredObject, SmiDecodeResult> decodeSmi)
    {
        var logger = logging.CreateLogger("SmiOperator.Informers");
        Namespaces = new(new KubernetesResourceClient<V1Namespace, V1NamespaceList>(
            "namespaces",
            ct => client.CoreV1.ListNamespaceAsync(cancellationToken: ct),
            (rv, timeout, ct) => client.CoreV1.WatchListNamespaceAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: ex => throw ex, cancellationToken: ct)), time, logger);
        Services = new(new KubernetesResourceClient<V1Service, V1ServiceList>(
            "services",
            ct => client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct),
            (rv, timeout, ct) => client.CoreV1.WatchListServiceForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: ex => throw ex, cancellationToken: ct)), time, logger);
        EndpointSlices = new(new KubernetesResourceClient<V1EndpointSlice, V1EndpointSliceList>(
            "endpointslices",
            ct => client.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(cancellationToken: ct),
            (rv, timeout, ct) => client.DiscoveryV1.WatchListEndpointSliceForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: ex => throw ex, cancellationToken: ct)), time, logger);
        Pods = new(new KubernetesResourceClient<V1Pod, V1PodList>(
            "pods",
            ct => client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct),
            (rv, timeout, ct) => client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: ex => throw ex, cancellationToken: ct)), time, logger);
        ServiceAccounts = new(new KubernetesResourceClient<V1ServiceAccount, V1ServiceAccountList>(
            "serviceaccounts",
            ct => client.CoreV1.ListServiceAccountForAllNamespacesAsync(cancellationToken: ct),
            (rv, timeout, ct) => client.CoreV1.WatchListServiceAccountForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: timeout, onError: ex => throw ex, cancellationToken: ct)), time, logger);
        var selector = OwnedObjects.Selector;
        ConfigMaps = new(new KubernetesResourceClient<V1ConfigMap, V1ConfigMapList>(
            "configmaps",
            ct => client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: selector, cancellationToken: ct),
            (rv, timeout, ct) => client.CoreV1.WatchListConfigMapForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: rv, timeoutSeconds: timeout, onError: ex => throw ex, cancellationToken: ct)), time, logger);
        Secrets = new(new KubernetesResourceClient<V1Secret, V1SecretList>(
            "secrets",
            ct => client.CoreV1.ListSecretForAllNamespacesAsync(labelSelector: selector, cancellationToken: ct),
            (rv, timeout, ct) => client.CoreV1.WatchListSecretForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: selector, resourceVersion: rv, timeoutSeconds: timeout, onError: ex => throw ex, cancellationToken: ct)), time, logger);
        Smi = [.. SmiResources.StorageVersions.Select(r => new ResourceInformer<UnstructuredObject>(new CustomResourceClient(client, r.Group, r.Version, r.Plural), time, logger))];
        _smi = [.. Smi.Select(_ => new MappedCache<UnstructuredObject, SmiDecodeResult>(o => [decodeSmi(o)]))];
    }

    public ResourceInformer<V1Namespace> Namespaces { get; }

    public ResourceInformer<V1Service> Services { get; }

    public ResourceInformer<V1EndpointSlice> EndpointSlices { get; }

    public ResourceInformer<V1Pod> Pods { get; }

    public ResourceInformer<V1ServiceAccount> ServiceAccounts { get; }

    /// <summary>The operator's own ConfigMaps (by label), to write only what differs.</summary>
    public ResourceInformer<V1ConfigMap> ConfigMaps { get; }

    /// <summary>The operator's own Secrets (by label): proxy certificates.</summary>
    public ResourceInformer<V1Secret> Secrets { get; }

    /// <summary>One informer per SMI kind, in <see cref="SmiResources.StorageVersions"/> order.</summary>
    public IReadOnlyList<ResourceInformer<UnstructuredObject>> Smi { get; }

    public IEnumerable<IInformer> All => new IInformer[] { Namespaces, Services, EndpointSlices, Pods, ServiceAccounts, ConfigMaps, Secrets }.Concat(Smi);

    public bool HasSynced => All.All(i => i.HasSynced);

    /// <summary>The compiler's input, built from the caches (unchanged objects keep their mapped instances).</summary>
    public ClusterSnapshot Snapshot(MeshOptions mesh) => Read(mesh).Snapshot;

    /// <summary>
    /// The compiler's input and, from the same read of the caches, the SMI objects that could not be
    /// decoded (left out of the snapshot; the operator reports them).
    /// </summary>
    public (ClusterSnapshot Snapshot, ImmutableArray<SmiDecodeFailure> Unreadable) Read(MeshOptions mesh)
    {
        var decoded = Smi.Select((informer, i) => _smi[i].Map(informer.Items)).SelectMany(a => a).ToList();
        var smi = decoded.Where(d => d.IsSuccess).Select(d => d.Value!).ToList();
        var snapshot = new ClusterSnapshot
        {
            Mesh = mesh,
            Namespaces = _namespaces.Map(Namespaces.Items),
            Services = _services.Map(Services.Items),
            EndpointSlices = _slices.Map(EndpointSlices.Items),
            Pods = _pods.Map(Pods.Items),
            ServiceAccounts = _accounts.Map(ServiceAccounts.Items),
            TrafficSplits = [.. smi.OfType<TrafficSplit>()],
            TrafficTargets = [.. smi.OfType<TrafficTarget>()],
            HttpRouteGroups = [.. smi.OfType<HttpRouteGroup>()],
            L4Routes = [.. smi.OfType<L4Route>()],
            TrafficPolicies = [.. smi.OfType<TrafficPolicy>()],
        };
        return (snapshot, [.. decoded.Where(d => !d.IsSuccess).Select(d => d.Failure!)]);
    }
}
