using Smi.Core.Cluster;
using static Smi.Core.Tests.Builders.MeshBuilder;

namespace Smi.Core.Tests.Builders;

/// <summary>Random but valid-looking meshes for property tests, reproducible from a seed.</summary>
internal static class RandomMesh
{
    public static ClusterSnapshot Generate(int seed)
    {
        var random = new Random(seed);
        var mesh = new MeshBuilder();
        string[] namespaces = ["a", "b", "c"];
        foreach (var ns in namespaces)
        {
            mesh.Namespace(ns, permissive: random.Next(4) == 0);
        }

        var services = new List<(string Ns, string Name)>();
        var count = random.Next(1, 12);
        for (var i = 0; i < count; i++)
        {
            var ns = namespaces[random.Next(namespaces.Length)];
            var app = $"app{i}";
            mesh.Workload(ns, app, $"sa{random.Next(5)}", $"app={app},tier=t{i % 3}", replicas: random.Next(0, 4), ready: random.Next(5) > 0, proxy: random.Next(6) > 0);
            mesh.Service(ns, app, $"app={app}", port: random.Next(2) == 0 ? 80 : 8080);
            services.Add((ns, app));
            if (random.Next(3) == 0 && !services.Contains((ns, $"tier{i % 3}")))
            {
                mesh.Service(ns, $"tier{i % 3}", $"tier=t{i % 3}");
                services.Add((ns, $"tier{i % 3}"));
            }
        }

        var groups = random.Next(0, 4);
        for (var i = 0; i < groups; i++)
        {
            var ns = namespaces[random.Next(namespaces.Length)];
            mesh.RouteGroup(ns, $"rg{i}", Match("m1", path: "/api"), Match("m2", methods: ["GET", "POST"], headers: ("x-user", "beta.*")));
            mesh.TcpRoute(ns, $"tcp{i}", random.Next(2) == 0 ? [] : [80, 8080]);
        }

        foreach (var (ns, name) in services.Where(_ => random.Next(2) == 0))
        {
            var backends = services.Where(s => s.Ns == ns).OrderBy(_ => random.Next()).Take(random.Next(1, 4))
                .Select(s => (s.Name, (decimal)random.Next(0, 5) / (random.Next(2) == 0 ? 1 : 1000))).ToArray();
            string[] matches = random.Next(3) == 0 ? [$"rg{random.Next(4)}"] : [];
            mesh.Split(ns, $"split-{name}-{random.Next(3)}", name, matches, backends);
        }

        var targets = random.Next(0, 6);
        for (var i = 0; i < targets; i++)
        {
            var ns = namespaces[random.Next(namespaces.Length)];
            var source = $"{namespaces[random.Next(namespaces.Length)]}/sa{random.Next(5)}";
            mesh.Target(ns, $"tt{i}", $"sa{random.Next(5)}", [source], random.Next(2) == 0 ? Tcp($"tcp{random.Next(4)}") : Http($"rg{random.Next(4)}", "m1"));
        }

        // A separate generator, so that adding policies left the rest of each seed's mesh unchanged.
        var policyRandom = new Random(seed ^ 0x5EED);
        var policies = policyRandom.Next(0, 5);
        for (var i = 0; i < policies; i++)
        {
            var (ns, target) = services[policyRandom.Next(services.Count)];
            var mirror = services.Where(s => s.Ns == ns && s.Name != target).Select(s => s.Name).FirstOrDefault();
            var r = policyRandom.Next(8);
            mesh.Policy(ns, $"tp{i}", target, p => p with
            {
                Port = r == 0 ? 80 : null,
                Matches = r == 1 ? [new Smi.Api.Model.PolicyRouteMatch(Smi.Api.Model.SmiKinds.HttpRouteGroup, $"rg{policyRandom.Next(4)}", [])] : [],
                Mirror = r == 2 && mirror is not null ? new Smi.Api.Model.PolicyMirror(mirror, null, 10, null) : null,
                Timeouts = r is 1 or 3 ? new Smi.Api.Model.PolicyTimeouts($"{policyRandom.Next(1, 9)}s", null) : null,
                LoadBalancing = r is 0 or 4 ? "LeastRequests" : null,
                RateLimits = r == 5 ? [new Smi.Api.Model.PolicyRateLimit(10, "1s", null, null, [])] : [],
                AccessLog = r >= 6 ? true : null,
            }, age: policyRandom.Next(3));
        }

        return mesh.Build();
    }

    /// <summary>The same snapshot with every array shuffled.</summary>
    public static ClusterSnapshot Shuffle(ClusterSnapshot snapshot, int seed)
    {
        var random = new Random(seed);
        return snapshot with
        {
            Namespaces = [.. snapshot.Namespaces.OrderBy(_ => random.Next())],
            Services = [.. snapshot.Services.OrderBy(_ => random.Next())],
            EndpointSlices = [.. snapshot.EndpointSlices.OrderBy(_ => random.Next()).Select(s => s with { Endpoints = [.. s.Endpoints.OrderBy(_ => random.Next())] })],
            Pods = [.. snapshot.Pods.OrderBy(_ => random.Next())],
            ServiceAccounts = [.. snapshot.ServiceAccounts.OrderBy(_ => random.Next())],
            TrafficSplits = [.. snapshot.TrafficSplits.OrderBy(_ => random.Next())],
            TrafficTargets = [.. snapshot.TrafficTargets.OrderBy(_ => random.Next())],
            HttpRouteGroups = [.. snapshot.HttpRouteGroups.OrderBy(_ => random.Next())],
            L4Routes = [.. snapshot.L4Routes.OrderBy(_ => random.Next())],
            TrafficPolicies = [.. snapshot.TrafficPolicies.OrderBy(_ => random.Next())],
        };
    }
}
