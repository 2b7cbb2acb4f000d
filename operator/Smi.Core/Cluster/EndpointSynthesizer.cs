using System.Collections.Immutable;

namespace Smi.Core.Cluster;

/// <summary>
/// Does what the Kubernetes endpoints controller does, for places without one (local mode, the
/// sandbox, tests): one EndpointSlice per Service with a selector, holding every pod with an IP
/// whose labels match, with named target ports resolved against each pod's container ports. A
/// pod whose container lacks a named target port is left out of that port, as Kubernetes does.
/// </summary>
public static class EndpointSynthesizer
{
    /// <summary>Builds the slices of every selector Service.</summary>
    public static ImmutableArray<EndpointSliceInfo> Synthesize(IEnumerable<ServiceInfo> services, IReadOnlyCollection<PodInfo> pods)
    {
        var podsByNamespace = pods
            .Where(p => !string.IsNullOrEmpty(p.Ip))
            .GroupBy(p => p.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Name, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        var slices = ImmutableArray.CreateBuilder<EndpointSliceInfo>();
        foreach (var service in services.OrderBy(s => s.Key))
        {
            if (service.Selector is not { Count: > 0 } selector || service.Ports.IsDefaultOrEmpty)
            {
                continue;
            }

            var selected = (podsByNamespace.GetValueOrDefault(service.Namespace) ?? [])
                .Where(p => selector.All(kv => p.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value))
                .ToArray();

            // A slice holds endpoints sharing one port mapping; named target ports can differ by pod.
            var groups = selected
                .Select(p => (Pod: p, Ports: ResolvePorts(service, p)))
                .Where(x => x.Ports.Length > 0)
                .GroupBy(x => string.Join(",", x.Ports.Select(p => $"{p.Name}={p.Port}/{p.Protocol}")), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToArray();
            for (var i = 0; i < groups.Length; i++)
            {
                var group = groups[i];
                slices.Add(new EndpointSliceInfo
                {
                    Namespace = service.Namespace,
                    Name = groups.Length == 1 ? service.Name : $"{service.Name}-{i}",
                    ServiceName = service.Name,
                    Ports = group.First().Ports,
                    Endpoints = [.. group.Select(x => new EndpointInfo([x.Pod.Ip!], x.Pod.Ready, x.Pod.Name))],
                });
            }
        }

        return slices.ToImmutable();
    }

    private static ImmutableArray<EndpointPortInfo> ResolvePorts(ServiceInfo service, PodInfo pod)
    {
        var ports = ImmutableArray.CreateBuilder<EndpointPortInfo>();
        foreach (var port in service.Ports)
        {
            int? target = port.TargetPort switch
            {
                null or "" => port.Port,
                var t when int.TryParse(t, out var number) => number,
                var name => pod.ContainerPorts.FirstOrDefault(c => c.Name == name && string.Equals(c.Protocol, port.Protocol, StringComparison.OrdinalIgnoreCase))?.Port,
            };
            if (target is { } resolved)
            {
                ports.Add(new EndpointPortInfo(port.Name, resolved, port.Protocol));
            }
        }

        return ports.ToImmutable();
    }
}
