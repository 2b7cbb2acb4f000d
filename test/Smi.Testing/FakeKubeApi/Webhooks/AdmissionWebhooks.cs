using System.Text;
using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Http;
using Smi.Testing.FakeKubeApi.Storage;

namespace Smi.Testing.FakeKubeApi.Webhooks;

/// <summary>
/// Dynamic admission: every matching webhook of the stored MutatingWebhookConfigurations (in name
/// order, each configuration's webhooks in order; JSON patches applied one after the other) and
/// then of the ValidatingWebhookConfigurations gets an <c>admission.k8s.io/v1 AdmissionReview</c>.
/// A denial becomes the Status the real server returns ("admission webhook "x" denied the request:
/// …", the webhook's code, at least 400); a webhook that cannot be called fails the request with 500
/// under <c>failurePolicy: Fail</c> (the default) and is skipped under Ignore.
/// </summary>
internal sealed class AdmissionWebhooks(ObjectStore store, WebhookClient client)
{
    private const string MutatingKey = "mutatingwebhookconfigurations.admissionregistration.k8s.io";
    private const string ValidatingKey = "validatingwebhookconfigurations.admissionregistration.k8s.io";

    /// <summary>Runs the mutating webhooks; returns the object they produced (unchanged for DELETE).</summary>
    public JsonObject? Mutate(AdmissionRequestInfo request, List<string> warnings)
    {
        var current = request;
        foreach (var (webhook, name) in Webhooks(MutatingKey, current))
        {
            var response = Call(webhook, name, current, warnings);
            if (response?["patch"] is JsonValue patch && current.Object is not null && request.Operation != "DELETE")
            {
                if (Meta.Str(response["patchType"]) is { } type && type != "JSONPatch")
                {
                    throw ApiException.Internal($"Internal error occurred: failed calling webhook \"{name}\": unsupported patch type \"{type}\"");
                }

                var operations = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(patch.GetValue<string>())));
                current = current with { Object = Patching.JsonPatch.Apply(current.Object, operations) };
            }
        }

        return current.Object;
    }

    /// <summary>Runs the validating webhooks; throws on the first denial.</summary>
    public void Validate(AdmissionRequestInfo request, List<string> warnings)
    {
        foreach (var (webhook, name) in Webhooks(ValidatingKey, request))
        {
            Call(webhook, name, request, warnings);
        }
    }

    private IEnumerable<(JsonObject Webhook, string Name)> Webhooks(string configurationKey, AdmissionRequestInfo request)
    {
        var configurations = store.List(configurationKey, null).Items;
        if (configurations.Count == 0)
        {
            yield break;
        }

        var namespaceObject = request.Namespace is null ? null : store.Get("namespaces", null, request.Namespace);
        foreach (var configuration in configurations)
        {
            foreach (var webhook in (configuration["webhooks"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if (WebhookMatcher.Matches(webhook, request, namespaceObject))
                {
                    yield return (webhook, Meta.Str(webhook["name"]) ?? Meta.Name(configuration) ?? "webhook");
                }
            }
        }
    }

    private JsonObject? Call(JsonObject webhook, string name, AdmissionRequestInfo request, List<string> warnings)
    {
        var sideEffects = Meta.Str(webhook["sideEffects"]) ?? "Unknown";
        if (request.DryRun && sideEffects is not ("None" or "NoneOnDryRun"))
        {
            throw ApiException.BadRequest($"admission webhook \"{name}\" does not support dry run");
        }

        var versions = (webhook["admissionReviewVersions"] as JsonArray)?.Select(Meta.Str).ToList() ?? ["v1"];
        var reviewVersion = versions.Contains("v1") ? "v1" : versions.Contains("v1beta1") ? "v1beta1" : null;
        var uid = Guid.NewGuid().ToString();
        JsonObject? response;
        try
        {
            if (reviewVersion is null)
            {
                throw new WebhookCallException("the webhook supports none of the AdmissionReview versions v1, v1beta1");
            }

            var timeout = TimeSpan.FromSeconds(Meta.Long(webhook["timeoutSeconds"]) ?? 10);
            var answer = client.Post(webhook["clientConfig"] as JsonObject, Review(reviewVersion, uid, request), timeout);
            response = answer["response"] as JsonObject;
            if (response is null || Meta.Str(response["uid"]) != uid)
            {
                throw new WebhookCallException($"expected response.uid=\"{uid}\", got \"{Meta.Str(response?["uid"])}\"");
            }
        }
        catch (WebhookCallException ex)
        {
            if (Meta.Str(webhook["failurePolicy"]) == "Ignore")
            {
                return null;
            }

            throw ApiException.Internal($"Internal error occurred: failed calling webhook \"{name}\": failed to call webhook: {ex.Message}");
        }

        warnings.AddRange((response["warnings"] as JsonArray)?.Select(Meta.Str).OfType<string>() ?? []);
        if (response["allowed"]?.GetValue<bool>() == true)
        {
            return response;
        }

        var status = response["status"] as JsonObject;
        var code = (int)(Meta.Long(status?["code"]) ?? 400);
        var message = Meta.Str(status?["message"]) ?? Meta.Str(status?["reason"]);
        var deniedBy = $"admission webhook \"{name}\" denied the request";
        throw ApiException.Custom(Math.Max(code, 400), Meta.Str(status?["reason"]) ?? string.Empty, message is null ? $"{deniedBy} without explanation" : $"{deniedBy}: {message}");
    }

    private static JsonObject Review(string version, string uid, AdmissionRequestInfo request)
    {
        var type = request.Type;
        var kind = new JsonObject { ["group"] = type.Group, ["version"] = request.Version, ["kind"] = type.Kind };
        var resource = new JsonObject { ["group"] = type.Group, ["version"] = request.Version, ["resource"] = type.Plural };
        var body = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = kind,
            ["resource"] = resource,
            ["requestKind"] = kind.DeepClone(),
            ["requestResource"] = resource.DeepClone(),
            ["name"] = request.Name,
            ["operation"] = request.Operation,
            ["userInfo"] = new JsonObject { ["username"] = "kubernetes-admin", ["groups"] = new JsonArray("system:masters", "system:authenticated") },
            ["object"] = request.Object?.DeepClone(),
            ["oldObject"] = request.OldObject?.DeepClone(),
            ["dryRun"] = request.DryRun,
            ["options"] = new JsonObject
            {
                ["kind"] = request.Operation switch { "CREATE" => "CreateOptions", "DELETE" => "DeleteOptions", _ => "UpdateOptions" },
                ["apiVersion"] = "meta.k8s.io/v1",
            },
        };
        if (request.Subresource is not null)
        {
            body["subResource"] = request.Subresource;
        }

        if (request.Namespace is not null)
        {
            body["namespace"] = request.Namespace;
        }

        return new JsonObject
        {
            ["apiVersion"] = $"admission.k8s.io/{version}",
            ["kind"] = "AdmissionReview",
            ["request"] = body,
        };
    }
}
