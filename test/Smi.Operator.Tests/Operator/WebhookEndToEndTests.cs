using System.Text.Json.Nodes;

namespace Smi.Operator.Tests.Operator;

/// <summary>The conversion and injection webhooks, called by the fake API server over TLS as a real one would.</summary>
public sealed class WebhookEndToEndTests
{
    [Fact]
    public async Task KubectlApply_V1Alpha1Quantities_StoredThroughConversion_ReadBackInEveryVersion()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.StartOperatorAsync();
        await fixture.Eventually(() => fixture.Api.Get("apiextensions.k8s.io", "v1", "customresourcedefinitions", null, "trafficsplits.split.smi-spec.io")?["spec"]?["conversion"]?["webhook"]?["clientConfig"]?["caBundle"] is not null ? "ok" : null, "the caBundle in the CRD's conversion stanza");
        await fixture.KubectlOk($"apply -f {fixture.Kubectl.WriteFile("demo.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: demo}\n")}");
        var file = fixture.Kubectl.WriteFile("split-v1alpha1.yaml", """
            apiVersion: split.smi-spec.io/v1alpha1
            kind: TrafficSplit
            metadata: {name: web, namespace: demo}
            spec:
              service: web
              backends:
              - {service: web-v1, weight: "1"}
              - {service: web-v2, weight: 500m}
            """);

        await fixture.KubectlOk($"apply -f {file}");

        // Stored in v1alpha4 with exact integer ratios (not sdk-go's 1:500), the quantities stashed.
        var stored = fixture.Api.Get("split.smi-spec.io", "v1alpha4", "trafficsplits", "demo", "web")!;
        Assert.Equal(2, stored["spec"]!["backends"]![0]!["weight"]!.GetValue<long>());
        Assert.Equal(1, stored["spec"]!["backends"]![1]!["weight"]!.GetValue<long>());

        var v1alpha1 = (await fixture.KubectlOk("-n demo get trafficsplits.v1alpha1.split.smi-spec.io web -o json")).StandardOutput;
        var backends = JsonNode.Parse(v1alpha1)!["spec"]!["backends"]!.AsArray();
        Assert.Equal(["1", "500m"], backends.Select(b => b!["weight"]!.ToString()));
        foreach (var version in new[] { "v1alpha2", "v1alpha3" })
        {
            var json = JsonNode.Parse((await fixture.KubectlOk($"-n demo get trafficsplits.{version}.split.smi-spec.io web -o json")).StandardOutput)!;
            Assert.Equal($"split.smi-spec.io/{version}", json["apiVersion"]!.GetValue<string>());
            Assert.Equal([2L, 1L], json["spec"]!["backends"]!.AsArray().Select(b => b!["weight"]!.GetValue<long>()));
        }
    }

    [Fact]
    public async Task KubectlApply_PodInMeshedNamespace_InjectedAsNativeSidecar()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.KubectlOk($"apply -f {Path.Combine(Smi.Testing.RepoPaths.Root, "config", "webhooks", "mutating_webhook_configuration.yaml")}");
        await fixture.StartOperatorAsync();
        await fixture.Eventually(() => fixture.Api.Get("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", null, "smi-operator")?["webhooks"]?[0]?["clientConfig"]?["caBundle"] is not null ? "ok" : null, "the caBundle in the mutating webhook");
        var file = fixture.Kubectl.WriteFile("pod.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels: {smi-operator.io/inject: enabled}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: api
              namespace: shop
              labels: {app: api}
            spec:
              serviceAccountName: api
              containers:
              - name: app
                image: ghcr.io/smi-operator/echo:0.1.0
                ports: [{containerPort: 8080}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: opted-out
              namespace: shop
              labels: {smi-operator.io/inject: disabled}
            spec:
              containers:
              - name: app
                image: ghcr.io/smi-operator/echo:0.1.0
            """);

        await fixture.KubectlOk($"apply -f {file}");

        var pod = JsonNode.Parse((await fixture.KubectlOk("-n shop get pod api -o json")).StandardOutput)!;
        var init = pod["spec"]!["initContainers"]!.AsArray();
        Assert.Equal(["smi-init", "smi-proxy"], init.Select(c => c!["name"]!.GetValue<string>()));
        var proxy = init[1]!;
        Assert.Equal("Always", proxy["restartPolicy"]!.GetValue<string>());
        Assert.Equal("/ready", proxy["startupProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.True(proxy["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        var volumes = pod["spec"]!["volumes"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("smi-config", volumes);
        Assert.Equal("smi-proxy-api", pod["spec"]!["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "smi-config")!["configMap"]!["name"]!.GetValue<string>());
        Assert.Equal("injected", pod["metadata"]!["annotations"]!["smi-operator.io/proxy-status"]!.GetValue<string>());

        var optedOut = JsonNode.Parse((await fixture.KubectlOk("-n shop get pod opted-out -o json")).StandardOutput)!;
        Assert.Null(optedOut["spec"]!["initContainers"]);
    }
}
