using System.Collections.Immutable;
using FsCheck.Xunit;
using Smi.Api.Model;
using Smi.Core.Cluster;
using Smi.Core.Compilation;
using Smi.Core.Tests.Builders;
using Smi.ProxyConfig;

namespace Smi.Core.Tests.Compilation;

public sealed class IncrementalCompilerTests
{
    [Property(MaxTest = 150)]
    public void Compile_AfterRandomEdits_EqualsFullCompile(int seed)
    {
        var random = new Random(seed);
        var compiler = new IncrementalMeshCompiler();
        var snapshot = RandomMesh.Generate(seed);
        compiler.Compile(snapshot);
        for (var step = 0; step < 4; step++)
        {
            snapshot = Edit(snapshot, random);
            var incremental = compiler.Compile(snapshot);
            var full = MeshCompiler.Compile(snapshot);
            Assert.Equal(Render(full), Render(incremental));
        }
    }

    [Fact]
    public void Compile_SameSnapshotTwice_ReusesEveryConfig()
    {
        var compiler = new IncrementalMeshCompiler();
        var snapshot = RandomMesh.Generate(7);
        var first = compiler.Compile(snapshot);
        var computed = compiler.ComputedConfigs;

        var second = compiler.Compile(snapshot);

        Assert.Equal(computed, compiler.ComputedConfigs);
        Assert.All(first.Configs, kv => Assert.Same(kv.Value, second.Configs[kv.Key]));
    }

    [Fact]
    public void Compile_OneEndpointChange_RecomputesOnlyConfigsThatSeeIt()
    {
        var mesh = new MeshBuilder()
            .Workload("demo", "a", "a", "app=a", replicas: 2)
            .Workload("demo", "b", "b", "app=b")
            .Workload("demo", "c", "c", "app=c")
            .Service("demo", "a", "app=a")
            .Service("demo", "b", "app=b")
            .TcpRoute("demo", "all")
            .Target("demo", "b-calls-a", "a", ["b"], MeshBuilder.Tcp("all"));
        var compiler = new IncrementalMeshCompiler();
        var snapshot = mesh.Build();
        var before = compiler.Compile(snapshot);
        var computed = compiler.ComputedConfigs;

        var after = compiler.Compile(WithEndpointNotReady(snapshot, "a"));

        Assert.Equal(computed + 1, compiler.ComputedConfigs);
        Assert.NotEqual(before.For("demo/b").Revision, after.For("demo/b").Revision);
        Assert.Same(before.For("demo/c"), after.For("demo/c"));
        Assert.Same(before.For("demo/a"), after.For("demo/a"));
    }

    private static ClusterSnapshot WithEndpointNotReady(ClusterSnapshot snapshot, string service)
    {
        var index = snapshot.EndpointSlices.IndexOf(snapshot.EndpointSlices.First(s => s.ServiceName == service));
        var slice = snapshot.EndpointSlices[index];
        var changed = slice with { Endpoints = slice.Endpoints.SetItem(0, slice.Endpoints[0] with { Ready = false }) };
        return snapshot with { EndpointSlices = snapshot.EndpointSlices.SetItem(index, changed) };
    }

    private static ClusterSnapshot Edit(ClusterSnapshot s, Random random)
    {
        switch (random.Next(8))
        {
            case 0 when s.EndpointSlices.Length > 0:
                {
                    var i = random.Next(s.EndpointSlices.Length);
                    var slice = s.EndpointSlices[i];
                    if (slice.Endpoints.IsEmpty)
                    {
                        return s;
                    }

                    var e = random.Next(slice.Endpoints.Length);
                    var endpoint = slice.Endpoints[e];
                    return s with { EndpointSlices = s.EndpointSlices.SetItem(i, slice with { Endpoints = slice.Endpoints.SetItem(e, endpoint with { Ready = endpoint.Ready == false }) }) };
                }

            case 1 when s.TrafficSplits.Length > 0:
                {
                    var i = random.Next(s.TrafficSplits.Length);
                    var split = s.TrafficSplits[i];
                    var backends = split.Backends.Select(b => b with { Weight = random.Next(0, 4) }).ToImmutableArray();
                    return s with { TrafficSplits = s.TrafficSplits.SetItem(i, split with { Backends = backends }) };
                }

            case 2 when s.TrafficTargets.Length > 0:
                return s with { TrafficTargets = s.TrafficTargets.RemoveAt(random.Next(s.TrafficTargets.Length)) };
            case 3 when s.Namespaces.Length > 0:
                {
                    var i = random.Next(s.Namespaces.Length);
                    var ns = s.Namespaces[i];
                    var labels = ns.Labels.ContainsKey(MeshConventions.PermissiveKey) ? ns.Labels.Remove(MeshConventions.PermissiveKey) : ns.Labels.Add(MeshConventions.PermissiveKey, "true");
                    return s with { Namespaces = s.Namespaces.SetItem(i, ns with { Labels = labels }) };
                }

            case 4 when s.Services.Length > 0:
                return s with { Services = s.Services.RemoveAt(random.Next(s.Services.Length)) };
            case 5 when s.Pods.Length > 0:
                {
                    var i = random.Next(s.Pods.Length);
                    return s with { Pods = s.Pods.SetItem(i, s.Pods[i] with { HasProxy = !s.Pods[i].HasProxy }) };
                }

            case 6 when s.HttpRouteGroups.Length > 0:
                {
                    var i = random.Next(s.HttpRouteGroups.Length);
                    var group = s.HttpRouteGroups[i];
                    return s with { HttpRouteGroups = s.HttpRouteGroups.SetItem(i, group with { Matches = [.. group.Matches.Take(1)] }) };
                }

            case 7:
                return s with
                {
                    TrafficTargets = s.TrafficTargets.Add(new TrafficTarget
                    {
                        Metadata = new ObjectMeta { Name = $"added-{random.Next(1000)}", Namespace = "a" },
                        SourceApiVersion = "access.smi-spec.io/v1alpha3",
                        Destination = new IdentityReference(SmiKinds.ServiceAccount, $"sa{random.Next(5)}", "a"),
                        Sources = [new IdentityReference(SmiKinds.ServiceAccount, $"sa{random.Next(5)}", "b")],
                        Rules = [new TrafficTargetRule(SmiKinds.TcpRoute, "tcp0", [])],
                    }),
                };
        }

        return s;
    }

    private static string Render(CompileResult result) =>
        string.Join("\n", result.Configs.Select(kv => $"{kv.Key} {System.Text.Encoding.UTF8.GetString(ProxyConfigSerializer.Serialize(kv.Value))}"))
        + "\n" + string.Join("\n", result.Statuses.Select(s => $"{s.Object} {string.Join("|", s.Conditions)}"))
        + "\n" + string.Join("\n", result.Diagnostics);
}
