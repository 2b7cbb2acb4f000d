using Smi.Operator.Kubernetes;
using Smi.Operator.Tests.Control;
using Smi.Operator.Tests.Kubernetes;
using Smi.Testing;

namespace Smi.Operator.Tests.Operator;

/// <summary>
/// The objects the operator owns, through the fake API server (which enforces the real server's
/// label rules and records field ownership): how they are written, and that nothing is written
/// when nothing changed.
/// </summary>
public sealed class OwnedObjectsEndToEndTests
{
    private static readonly string Canary = Path.Combine(RepoPaths.Samples, "canary", "canary.yaml");

    [Fact]
    public async Task LongServiceAccount_CutOnADash_ConfigMapAndSecretWrittenWithValidLabels()
    {
        await using var fixture = await OperatorFixture.StartAsync(webhooks: false);
        var app = await fixture.StartOperatorAsync();
        var sa = KubernetesNamesTests.LongServiceAccount;
        var manifest = fixture.Kubectl.WriteFile("long.yaml", DesiredStatePlannerTests.LongServiceAccountManifest(sa));

        await fixture.KubectlOk($"apply -f {manifest}");
        ClusterSeed.SeedWorkloads(fixture.Api, manifest);

        var configMap = await fixture.Eventually(() => fixture.Api.Get(string.Empty, "v1", "configmaps", "long", ProxyConfigMaps.NameFor(sa)), "the long identity's ConfigMap");
        var secret = await fixture.Eventually(() => fixture.Api.Get(string.Empty, "v1", "secrets", "long", ProxyConfigMaps.SecretNameFor(sa)), "the long identity's Secret");
        var account = fixture.Api.Get(string.Empty, "v1", "serviceaccounts", "long", sa)!;
        foreach (var written in new[] { configMap, secret })
        {
            var label = written["metadata"]!["labels"]![OwnedObjects.ServiceAccountLabel]!.GetValue<string>();
            Assert.True(KubernetesNames.IsValidLabelValue(label) && label.Length <= 63, label);
            Assert.Equal(KubernetesNames.LabelValue(sa), label);
            Assert.Equal(account["metadata"]!["uid"]!.GetValue<string>(), written["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>());
            var owner = Assert.Single(written["metadata"]!["managedFields"]!.AsArray())!;
            Assert.Equal(("smi-operator", "Apply"), (owner["manager"]!.GetValue<string>(), owner["operation"]!.GetValue<string>()));
        }

        // The reconcile that wrote them did not fail, nor did any after it.
        await fixture.KubectlOk($"apply -f {Canary}");
        ClusterSeed.SeedWorkloads(fixture.Api, Canary);
        await fixture.Eventually(() => fixture.Api.Get(string.Empty, "v1", "secrets", "demo", "smi-proxy-client-tls"), "the canary client's Secret");
        Assert.Equal(0, fixture.Measurements(app).Sum("smi_operator_reconcile", "result=error"));
        fixture.Api.AssertNoUnhandledRequests();
    }

    [Fact]
    public async Task Reconcile_UnchangedMesh_WritesNothing_AfterConflictsOnConfigMapsAndSecretsWereRetried()
    {
        await using var fixture = await OperatorFixture.StartAsync(webhooks: false);
        var app = await fixture.StartOperatorAsync();
        foreach (var resource in new[] { "configmaps", "secrets" })
        {
            fixture.Api.FailNext("patch", $"/api/v1/namespaces/demo/{resource}", 409);
            fixture.Api.FailNext("patch", $"/api/v1/namespaces/demo/{resource}", 409);
        }

        await fixture.KubectlOk($"apply -f {Canary}");
        ClusterSeed.SeedWorkloads(fixture.Api, Canary);
        await fixture.Eventually(() => fixture.Api.Get(string.Empty, "v1", "secrets", "demo", "smi-proxy-client-tls") is not null && fixture.Api.Get(string.Empty, "v1", "configmaps", "demo", "smi-proxy-web") is not null ? "ok" : null, "ConfigMaps and Secrets despite the conflicts");
        foreach (var resource in new[] { "/configmaps/", "/secrets/" })
        {
            Assert.Contains(fixture.Api.Requests, r => r.Verb == "patch" && r.StatusCode == 409 && r.Path.Contains(resource, StringComparison.Ordinal));
        }

        // Converged once a reconcile writes nothing; from then on none does.
        for (var attempt = 0; (await OperatorNudge.ReconcileAsync(fixture, app)).Count > 0; attempt++)
        {
            Assert.True(attempt < 20, "the operator kept writing to an unchanged mesh");
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Empty(await OperatorNudge.ReconcileAsync(fixture, app));
        }

        Assert.Equal(0, fixture.Measurements(app).Sum("smi_operator_reconcile", "result=error"));
    }
}
