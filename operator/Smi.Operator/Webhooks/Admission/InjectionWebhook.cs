using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using Smi.Operator.Webhooks.Injection;

namespace Smi.Operator.Webhooks.Admission;

/// <summary>
/// The mutating webhook for pods: answers an AdmissionReview with the injection patch, or allows
/// the pod unchanged (with a warning saying why) when it is not to be meshed. It never denies a
/// pod: a broken injector must not stop workloads from starting (failurePolicy decides the rest).
/// </summary>
internal static class InjectionWebhook
{
    public static AdmissionReview Review(AdmissionReview review, InjectionOptions options)
    {
        var request = review.Request ?? throw new ArgumentException("AdmissionReview without request", nameof(review));
        var response = new AdmissionResponse { Uid = request.Uid, Allowed = true };
        if (request.Kind?.Kind != "Pod" || request.Object is null || request.Operation is not ("CREATE" or null))
        {
            return Answer(response);
        }

        V1Pod pod;
        try
        {
            pod = KubernetesJson.Deserialize<V1Pod>(request.Object.ToJsonString());
        }
        catch (JsonException ex)
        {
            response.Warnings = [$"smi-operator: the pod could not be read ({ex.Message}); it was not injected"];
            return Answer(response);
        }

        var result = SidecarInjector.Inject(pod, request.Namespace ?? pod.Metadata?.NamespaceProperty ?? "default", options);
        if (result.Patch is { } patch)
        {
            response.Patch = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch.ToJsonString()));
            response.PatchType = "JSONPatch";
        }

        if (result.Warnings.Count > 0)
        {
            response.Warnings = [.. result.Warnings];
        }

        return Answer(response);
    }

    private static AdmissionReview Answer(AdmissionResponse response) => new() { Response = response };
}
