using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Operator.Kubernetes;

namespace Smi.Operator.Webhooks;

/// <summary>
/// Makes the API server trust the webhooks: writes the CA bundle into both webhook configurations
/// (<c>smi-operator</c>), into the conversion stanza of the five SMI CRDs and into the TrafficMetrics
/// APIService (<c>v1alpha1.metrics.smi-spec.io</c>), only where it differs.
/// Objects that are not installed are skipped (a dev setup without webhooks still works).
/// </summary>
internal sealed partial class CaBundlePatcher(IKubernetes client, ILogger<CaBundlePatcher> logger)
{
    public const string WebhookConfigurationName = "smi-operator";
    public const string TrafficMetricsApiService = "v1alpha1.metrics.smi-spec.io";

    public async Task<int> ApplyAsync(string caBundlePem, CancellationToken cancellationToken)
    {
        var bundle = Encoding.ASCII.GetBytes(caBundlePem);
        var patched = 0;
        patched += await PatchAsync("MutatingWebhookConfiguration", async () =>
        {
            var config = await client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(WebhookConfigurationName, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (config.Webhooks?.All(w => w.ClientConfig.CaBundle?.SequenceEqual(bundle) == true) != false)
            {
                return false;
            }

            foreach (var webhook in config.Webhooks)
            {
                webhook.ClientConfig.CaBundle = bundle;
            }

            await client.AdmissionregistrationV1.ReplaceMutatingWebhookConfigurationAsync(config, WebhookConfigurationName, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        patched += await PatchAsync("ValidatingWebhookConfiguration", async () =>
        {
            var config = await client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(WebhookConfigurationName, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (config.Webhooks?.All(w => w.ClientConfig.CaBundle?.SequenceEqual(bundle) == true) != false)
            {
                return false;
            }

            foreach (var webhook in config.Webhooks)
            {
                webhook.ClientConfig.CaBundle = bundle;
            }

            await client.AdmissionregistrationV1.ReplaceValidatingWebhookConfigurationAsync(config, WebhookConfigurationName, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        // Only the SMI CRDs convert between versions; TrafficPolicy has one version and no webhook (nor RBAC to patch it).
        foreach (var (group, _, plural, _) in SmiResources.StorageVersions.Where(r => r.Group != Smi.Api.Model.SmiKinds.PolicyGroup))
        {
            var name = $"{plural}.{group}";
            patched += await PatchAsync($"CustomResourceDefinition {name}", async () =>
            {
                var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (crd.Spec.Conversion?.Webhook?.ClientConfig is not { } clientConfig || clientConfig.CaBundle?.SequenceEqual(bundle) == true)
                {
                    return false;
                }

                var patch = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["conversion"] = new JsonObject
                        {
                            ["webhook"] = new JsonObject { ["clientConfig"] = new JsonObject { ["caBundle"] = Convert.ToBase64String(bundle) } },
                        },
                    },
                };
                await client.ApiextensionsV1.PatchCustomResourceDefinitionAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }

        patched += await PatchAsync($"APIService {TrafficMetricsApiService}", async () =>
        {
            var service = await client.ApiregistrationV1.ReadAPIServiceAsync(TrafficMetricsApiService, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (service.Spec.CaBundle?.SequenceEqual(bundle) == true)
            {
                return false;
            }

            var patch = new JsonObject { ["spec"] = new JsonObject { ["caBundle"] = Convert.ToBase64String(bundle) } };
            await client.ApiregistrationV1.PatchAPIServiceAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), TrafficMetricsApiService, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        return patched;
    }

    private async Task<int> PatchAsync(string what, Func<Task<bool>> patch)
    {
        try
        {
            if (await patch().ConfigureAwait(false))
            {
                LogPatched(logger, what);
                return 1;
            }
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            LogMissing(logger, what);
        }

        return 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Patched the webhook CA bundle into {What}")]
    private static partial void LogPatched(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{What} is not installed; no CA bundle to patch")]
    private static partial void LogMissing(ILogger logger, string what);
}
