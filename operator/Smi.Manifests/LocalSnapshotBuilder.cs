using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using k8s.Models;
using Smi.Api.Model;
using Smi.Core.Cluster;
using Smi.ProxyConfig;

namespace Smi.Manifests;

/// <summary>
/// Turns the folder's objects into a compiler snapshot the way a cluster would: workloads become
/// pods (simulated, with loopback addresses), Services get EndpointSlices from their selectors.
/// Unchanged inputs map to the same instances and arrays as last time, so the incremental compiler
/// redoes only what a change touches.
/// </summary>
internal sealed class LocalSnapshotBuilder
{
    private readonly WorkloadSimulator _simulator;
    private readonly SimulationOptions _options;
    private readonly ConditionalWeakTable<object, object> _mapped = [];
    private Dictionary<ServiceKey, (ServiceInfo Service, PodInfo[] Selected, ImmutableArray<EndpointSliceInfo> Slices)> _slices = [];
    private readonly Dictionary<string, object> _arrays = new(StringComparer.Ordinal);

    public LocalSnapshotBuilder(SimulationOptions? options = null)
    {
        _options = options ?? SimulationOptions.Default;
        _simulator = new(new AddressAllocator(_options.IsAddressFree, _options.PodAddresses));
    }

    public (ClusterSnapshot Snapshot, IReadOnlyList<SimulatedPod> Pods) Build(IReadOnlyList<LocalObject> objects, MeshOptions mesh)
    {
        var kube = objects.Where(o => o.Kubernetes is not null).Select(o => o.Kubernetes!).ToList();
        var namespaces = kube.OfType<V1Namespace>().Select(n => Map(n, KubernetesMapper.Namespace)).ToList();
        var byName = namespaces.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var services = kube.OfType<V1Service>().Select(s => Map(s, MapService)).ToList();
        var accounts = kube.OfType<V1ServiceAccount>().Select(a => Map(a, KubernetesMapper.ServiceAccount)).ToList();
        var pods = _simulator.Simulate(kube, ns => byName.GetValueOrDefault(ns), mesh);
        var podInfos = pods.Select(p => p.Pod).ToList();
        var smi = objects.Where(o => o.Smi is not null).Select(o => o.Smi!).ToList();

        var snapshot = new ClusterSnapshot
        {
            Mesh = mesh,
            Namespaces = Stable("namespaces", namespaces),
            Services = Stable("services", services),
            ServiceAccounts = Stable("serviceaccounts", accounts),
            Pods = Stable("pods", podInfos),
            EndpointSlices = Stable("endpointslices", Slices(services, podInfos)),
            TrafficSplits = Stable("trafficsplits", smi.OfType<TrafficSplit>().ToList()),
            TrafficTargets = Stable("traffictargets", smi.OfType<TrafficTarget>().ToList()),
            HttpRouteGroups = Stable("httproutegroups", smi.OfType<HttpRouteGroup>().ToList()),
            L4Routes = Stable("l4routes", smi.OfType<L4Route>().ToList()),
            TrafficPolicies = Stable("trafficpolicies", smi.OfType<TrafficPolicy>().ToList()),
        };
        return (snapshot, pods);
    }

    private ServiceInfo MapService(V1Service manifest)
    {
        var service = KubernetesMapper.Service(manifest);
        if (service.ClusterIp is not null || _options.AllocateClusterIps is not { } allocate)
        {
            return service;
        }

        var addresses = allocate(service.ObjectName);
        return service with { ClusterIp = addresses[0], ClusterIps = addresses.Count > 1 ? [.. addresses] : [] };
    }

    private List<EndpointSliceInfo> Slices(List<ServiceInfo> services, List<PodInfo> pods)
    {
        var byNamespace = pods.ToLookup(p => p.Namespace, StringComparer.Ordinal);
        var next = new Dictionary<ServiceKey, (ServiceInfo, PodInfo[], ImmutableArray<EndpointSliceInfo>)>();
        var result = new List<EndpointSliceInfo>();
        foreach (var service in services)
        {
            var selected = service.Selector is { Count: > 0 } selector
                ? byNamespace[service.Namespace].Where(p => selector.All(kv => p.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value)).ToArray()
                : [];
            var entry = _slices.TryGetValue(service.Key, out var previous)
                && ReferenceEquals(previous.Service, service)
                && previous.Selected.SequenceEqual(selected, ReferenceEqualityComparer.Instance)
                ? previous
                : (service, selected, EndpointSynthesizer.Synthesize([service], selected));
            next[service.Key] = entry;
            result.AddRange(entry.Item3);
        }

        _slices = next;
        return result;
    }

    private TTarget Map<TSource, TTarget>(TSource source, Func<TSource, TTarget> map)
        where TSource : class
        where TTarget : class
    {
        if (_mapped.TryGetValue(source, out var mapped) && mapped is TTarget target)
        {
            return target;
        }

        target = map(source);
        _mapped.AddOrUpdate(source, target);
        return target;
    }

    /// <summary>The previous array when it holds the very same items (so the compiler's index memos hit).</summary>
    private ImmutableArray<T> Stable<T>(string key, List<T> items)
        where T : class
    {
        if (_arrays.TryGetValue(key, out var previous) && previous is ImmutableArray<T> array && array.Length == items.Count && Enumerable.Range(0, items.Count).All(i => ReferenceEquals(array[i], items[i])))
        {
            return array;
        }

        var fresh = items.ToImmutableArray();
        _arrays[key] = fresh;
        return fresh;
    }
}
