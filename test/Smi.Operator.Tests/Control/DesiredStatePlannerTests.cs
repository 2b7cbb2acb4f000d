using System.Text;
using Microsoft.Extensions.Time.Testing;
using Smi.Certificates;
using Smi.Core.Compilation;
using Smi.Core.Diagnostics;
using Smi.Operator.Certificates;
using Smi.Operator.Control;
using Smi.Operator.Kubernetes;
using Smi.Operator.Tests.Kubernetes;
using Smi.ProxyConfig;
using Smi.Testing;

namespace Smi.Operator.Tests.Control;

/// <summary>What the operator writes, and when it writes nothing, from a compile and the caches — no HTTP.</summary>
public sealed class DesiredStatePlannerTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private static readonly CompileResult Canary = PlannerCluster.Compile(File.ReadAllText(Path.Combine(RepoPaths.Samples, "canary", "canary.yaml")));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MeshCertificateAuthority _ca;
    private readonly ProxyCertificateIssuer _issuer;

    public DesiredStatePlannerTests()
    {
        _ca = MeshCertificateAuthority.Create("cluster.local", _time);
        _issuer = new ProxyCertificateIssuer(_ca, Lifetime, _time);
    }

    public void Dispose() => _ca.Dispose();

    [Fact]
    public void Plan_NothingWrittenYet_EveryIdentityGetsItsConfigMapAndSecretOwnedByItsServiceAccount()
    {
        var plan = Plan(Canary, PlannerCluster.Current(Canary));

        Assert.Equal(Canary.Configs.Keys.Select(i => $"{i.Namespace}/smi-proxy-{i.ServiceAccount}"), plan.ConfigMaps.Select(c => $"{c.Metadata.NamespaceProperty}/{c.Metadata.Name}"));
        foreach (var configMap in plan.ConfigMaps)
        {
            var identity = Canary.Configs.Keys.Single(i => ProxyConfigMaps.NameFor(i.ServiceAccount) == configMap.Metadata.Name);
            Assert.Equal(Canary.Configs[identity].Revision, ProxyConfigMaps.RevisionOf(configMap));
            Assert.Equal("smi-operator", configMap.Metadata.Labels[OwnedObjects.ManagedByLabel]);
            Assert.Equal(identity.ServiceAccount, configMap.Metadata.Labels[OwnedObjects.ServiceAccountLabel]);
            Assert.Equal("true", configMap.Metadata.Labels[ProxyConfigMaps.ProxyConfigLabel]);
            Assert.Equal($"uid-{identity.Key}", Assert.Single(configMap.Metadata.OwnerReferences).Uid);
        }

        Assert.True(plan.SecretsPlanned);
        Assert.Equal(Canary.Configs.Keys, plan.Secrets.Select(s => s.Identity));
        var (secret, _, notAfter) = plan.Secrets[0];
        Assert.Equal(("kubernetes.io/tls", "smi-proxy-client-tls"), (secret.Type, secret.Metadata.Name));
        Assert.Equal(_ca.CertificatePem, Encoding.ASCII.GetString(secret.Data[CertificateFiles.TrustBundle]));
        Assert.Equal(_time.GetUtcNow() + Lifetime, notAfter);
        Assert.Equal(Canary.Statuses.Length, plan.Statuses.Length);
    }

    [Fact]
    public void Plan_ClusterAlreadyAsPlanned_NothingToWrite()
    {
        var current = PlannerCluster.Current(Canary);
        var first = Plan(Canary, current);
        _time.Advance(TimeSpan.FromMinutes(5));

        var second = Plan(Canary, PlannerCluster.Written(current, first), first.Findings);

        Assert.True(second.IsEmpty, $"{second.ConfigMaps.Length} ConfigMaps, {second.Secrets.Length} Secrets, {second.Statuses.Length} statuses, {second.Events.Length} events");
    }

    [Fact]
    public void Plan_ServiceAccountSeenOnlyAfterTheFirstWrite_ConfigMapsAndSecretsWrittenAgainWithTheOwner()
    {
        var withAccounts = PlannerCluster.Current(Canary);
        var withoutAccounts = withAccounts with { ServiceAccounts = withAccounts.ServiceAccounts.Clear() };
        var first = Plan(Canary, withoutAccounts);
        Assert.All(first.ConfigMaps, c => Assert.Null(c.Metadata.OwnerReferences));

        var plan = Plan(Canary, PlannerCluster.Written(withAccounts, first), first.Findings);

        Assert.Equal(Canary.Configs.Count, plan.ConfigMaps.Length);
        Assert.All(plan.ConfigMaps, c => Assert.StartsWith("uid-", Assert.Single(c.Metadata.OwnerReferences).Uid, StringComparison.Ordinal));
        Assert.Equal(Canary.Configs.Count, plan.Secrets.Length);
    }

    [Fact]
    public void Plan_LabelsAndAnnotationsAddedByOthers_NothingToWrite()
    {
        var current = PlannerCluster.Current(Canary);
        var first = Plan(Canary, current);
        current = PlannerCluster.Written(current, first);
        foreach (var obj in current.ConfigMaps.Values.Select(c => c.Metadata).Concat(current.Secrets.Values.Select(s => s.Metadata)))
        {
            obj.Labels["team"] = "payments";
            obj.Annotations = new Dictionary<string, string>(obj.Annotations ?? new Dictionary<string, string>()) { ["note"] = "hands off" };
        }

        var plan = Plan(Canary, current, first.Findings);

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Plan_ServiceAccountLabelOfAnOlderVersion_WrittenAgain()
    {
        var current = PlannerCluster.Current(Canary);
        var first = Plan(Canary, current);
        current = PlannerCluster.Written(current, first);
        var (key, configMap) = current.ConfigMaps.First();
        configMap.Metadata.Labels[OwnedObjects.ServiceAccountLabel] = "cut-by-an-older-version-";

        var plan = Plan(Canary, current, first.Findings);

        Assert.Equal(configMap.Metadata.Name, Assert.Single(plan.ConfigMaps).Metadata.Name);
        Assert.Empty(plan.Secrets);
        Assert.NotEqual("cut-by-an-older-version-", plan.ConfigMaps[0].Metadata.Labels[OwnedObjects.ServiceAccountLabel]);
        Assert.Equal(key, $"{plan.ConfigMaps[0].Metadata.NamespaceProperty}/{plan.ConfigMaps[0].Metadata.Name}");
    }

    [Fact]
    public void Plan_IdentitiesGone_OnlyTheOperatorsProxyObjectsAreStale()
    {
        var current = PlannerCluster.Written(PlannerCluster.Current(Canary), Plan(Canary, PlannerCluster.Current(Canary)));
        var nothing = Canary with { Configs = Canary.Configs.Clear(), Statuses = [], Diagnostics = [] };
        var unlabelled = new k8s.Models.V1ConfigMap { Metadata = new k8s.Models.V1ObjectMeta { Name = "other", NamespaceProperty = "demo", Labels = new Dictionary<string, string> { [OwnedObjects.ManagedByLabel] = "smi-operator" } } };
        var opaque = new k8s.Models.V1Secret { Type = "Opaque", Metadata = new k8s.Models.V1ObjectMeta { Name = "webhook", NamespaceProperty = "smi-system", Labels = new Dictionary<string, string> { [OwnedObjects.ServiceAccountLabel] = "x" } } };
        current = current with { ConfigMaps = current.ConfigMaps.Add("demo/other", unlabelled), Secrets = current.Secrets.Add("smi-system/webhook", opaque) };

        var plan = Plan(nothing, current);

        Assert.Equal(Canary.Configs.Count, plan.StaleConfigMaps.Length);
        Assert.DoesNotContain(unlabelled, plan.StaleConfigMaps);
        Assert.Equal(Canary.Configs.Count, plan.StaleSecrets.Length);
        Assert.DoesNotContain(opaque, plan.StaleSecrets);
        Assert.Empty(plan.ConfigMaps);
    }

    [Fact]
    public void Plan_MeshCaNotLoaded_ConfigMapsPlannedSecretsLeftAlone()
    {
        var current = PlannerCluster.Written(PlannerCluster.Current(Canary), Plan(Canary, PlannerCluster.Current(Canary)));
        var nothing = Canary with { Configs = Canary.Configs.Clear() };

        var fresh = DesiredStatePlanner.Plan(Canary, PlannerCluster.Current(Canary), issuer: null, new HashSet<Diagnostic>(), _time.GetUtcNow(), "operator-0");
        var gone = DesiredStatePlanner.Plan(nothing, current, issuer: null, new HashSet<Diagnostic>(), _time.GetUtcNow(), "operator-0");

        Assert.Equal(Canary.Configs.Count, fresh.ConfigMaps.Length);
        Assert.False(fresh.SecretsPlanned);
        Assert.Empty(fresh.Secrets);
        Assert.Empty(gone.StaleSecrets);
    }

    [Fact]
    public void Plan_SecretsFromAnotherCa_Reissued()
    {
        var current = PlannerCluster.Written(PlannerCluster.Current(Canary), Plan(Canary, PlannerCluster.Current(Canary)));
        using var rotated = MeshCertificateAuthority.Create("cluster.local", _time);

        var plan = DesiredStatePlanner.Plan(Canary, current, new ProxyCertificateIssuer(rotated, Lifetime, _time), new HashSet<Diagnostic>(), _time.GetUtcNow(), "operator-0");

        Assert.Equal(Canary.Configs.Keys, plan.Secrets.Select(s => s.Identity));
        Assert.All(plan.Secrets, s => Assert.Equal(rotated.CertificatePem, Encoding.ASCII.GetString(s.Secret.Data[CertificateFiles.TrustBundle])));
        Assert.Empty(plan.ConfigMaps);
    }

    [Theory]
    [InlineData(0.5, false)]
    [InlineData(0.7, true)]
    public void Plan_CertificateAge_ReissuedFromTwoThirdsOfItsLifetime(double fraction, bool reissued)
    {
        var current = PlannerCluster.Written(PlannerCluster.Current(Canary), Plan(Canary, PlannerCluster.Current(Canary)));
        _time.Advance(Lifetime * fraction);

        var plan = Plan(Canary, current);

        Assert.Equal(reissued ? Canary.Configs.Count : 0, plan.Secrets.Length);
    }

    [Fact]
    public void Plan_SecretWithoutACertificate_Reissued()
    {
        var current = PlannerCluster.Written(PlannerCluster.Current(Canary), Plan(Canary, PlannerCluster.Current(Canary)));
        var (key, broken) = current.Secrets.First();
        broken.Data[CertificateFiles.Certificate] = Encoding.ASCII.GetBytes("not a certificate");

        var plan = Plan(Canary, current with { Secrets = current.Secrets.SetItem(key, broken) });

        Assert.Equal(broken.Metadata.Name, Assert.Single(plan.Secrets).Secret.Metadata.Name);
    }

    [Fact]
    public void Plan_ObjectGenerationMoved_StatusRewrittenKeepingItsTransitionTime()
    {
        var current = PlannerCluster.Current(Canary);
        var first = Plan(Canary, current);
        current = PlannerCluster.Written(current, first);
        var written = first.Statuses.First(s => s.Object.Kind == "TrafficSplit");
        var split = current.FindSmi("TrafficSplit", written.Object.Namespace, written.Object.Name)!.Value.Object!;
        split.Metadata.Generation = 2;
        _time.Advance(TimeSpan.FromHours(1));

        var plan = Plan(Canary, current, first.Findings);

        var status = Assert.Single(plan.Statuses).Body["status"]!;
        Assert.Equal(2, status["observedGeneration"]!.GetValue<long>());
        Assert.Equal(written.Body["status"]!["conditions"]![0]!["lastTransitionTime"]!.GetValue<string>(), status["conditions"]![0]!["lastTransitionTime"]!.GetValue<string>());
        Assert.Equal("2025-03-01T12:00:00Z", status["conditions"]![0]!["lastTransitionTime"]!.GetValue<string>());
    }

    [Fact]
    public void Plan_UnreadableObject_AcceptedFalseInvalidObjectAndOneWarningEvent()
    {
        var failure = new SmiDecodeFailure(new ObjectRef("TrafficSplit", "demo", "broken", 3), "spec.backends[0].weight: expected a whole number, got \"ten\"");
        var broken = PlannerCluster.Smi("TrafficSplit", "demo", "broken", generation: 3);
        var current = PlannerCluster.Current(Canary);
        current = current with { Smi = [current.Smi[0].Add("demo/broken", broken), .. current.Smi.Skip(1)], Unreadable = [failure] };

        var plan = Plan(Canary, current);

        var status = plan.Statuses.Single(s => s.Object.Name == "broken").Body;
        Assert.Equal(("split.smi-spec.io/v1alpha4", "TrafficSplit", "broken"), (status["apiVersion"]!.GetValue<string>(), status["kind"]!.GetValue<string>(), status["metadata"]!["name"]!.GetValue<string>()));
        var condition = Assert.Single(status["status"]!["conditions"]!.AsArray())!;
        Assert.Equal(("Accepted", "False", "InvalidObject", 3L), (condition["type"]!.GetValue<string>(), condition["status"]!.GetValue<string>(), condition["reason"]!.GetValue<string>(), condition["observedGeneration"]!.GetValue<long>()));
        Assert.Contains("spec.backends[0].weight: expected a whole number", condition["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var @event = Assert.Single(plan.Events);
        Assert.Equal(("Warning", "InvalidObject", "uid-TrafficSplit-demo-broken"), (@event.Type, @event.Reason, @event.InvolvedObject.Uid));
        Assert.Contains("kubectl -n demo edit trafficsplit broken", @event.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Finding_RecordedOnceWhileItLastsAndAgainWhenItReturns()
    {
        var failure = new SmiDecodeFailure(new ObjectRef("TrafficSplit", "demo", "broken", 1), "spec: expected an object");
        var current = PlannerCluster.Current(Canary);
        var with = current with { Smi = [current.Smi[0].Add("demo/broken", PlannerCluster.Smi("TrafficSplit", "demo", "broken")), .. current.Smi.Skip(1)], Unreadable = [failure] };
        var without = with with { Unreadable = [] };

        var appeared = Plan(Canary, with);
        var lasting = Plan(Canary, with, appeared.Findings);
        var fixedNow = Plan(Canary, without, lasting.Findings);
        var returned = Plan(Canary, with, fixedNow.Findings);

        Assert.Equal([1, 0, 0, 1], new[] { appeared, lasting, fixedNow, returned }.Select(p => p.Events.Length));
    }

    [Fact]
    public void Plan_SeventyCharacterServiceAccountCutOnADash_ValidLabelOnConfigMapAndSecret()
    {
        var result = PlannerCluster.Compile(LongServiceAccountManifest(KubernetesNamesTests.LongServiceAccount));

        var plan = Plan(result, PlannerCluster.Current(result));

        var configMap = plan.ConfigMaps.Single(c => c.Metadata.Name == "smi-proxy-" + KubernetesNamesTests.LongServiceAccount);
        var secret = plan.Secrets.Single(s => s.Identity.ServiceAccount == KubernetesNamesTests.LongServiceAccount).Secret;
        foreach (var label in new[] { configMap.Metadata.Labels[OwnedObjects.ServiceAccountLabel], secret.Metadata.Labels[OwnedObjects.ServiceAccountLabel] })
        {
            Assert.True(KubernetesNames.IsValidLabelValue(label), label);
            Assert.Equal(KubernetesNames.LabelValue(KubernetesNamesTests.LongServiceAccount), label);
        }
    }

    internal static string LongServiceAccountManifest(string serviceAccount) => $$$"""
        apiVersion: v1
        kind: Namespace
        metadata: {name: long, labels: {smi-operator.io/inject: enabled}}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: {{{serviceAccount}}}, namespace: long}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: worker, namespace: long}
        spec:
          selector: {matchLabels: {app: worker}}
          template:
            metadata: {labels: {app: worker}}
            spec:
              serviceAccountName: {{{serviceAccount}}}
              containers: [{name: app, image: echo, ports: [{containerPort: 8080}]}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: worker, namespace: long}
        spec:
          selector: {app: worker}
          ports: [{port: 80, targetPort: 8080}]
        """;

    private DesiredState Plan(CompileResult result, CurrentObjects current, IReadOnlySet<Diagnostic>? recorded = null) =>
        DesiredStatePlanner.Plan(result, current, _issuer, recorded ?? new HashSet<Diagnostic>(), _time.GetUtcNow(), "operator-0");
}
