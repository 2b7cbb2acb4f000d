using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Resources;
using Smi.Testing.FakeKubeApi.Storage;
using Smi.Testing.FakeKubeApi.Webhooks;

namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>
/// Where admission webhooks sit in a write, as in the API server: mutating webhooks see the request
/// before the name is generated and server fields are set; validating webhooks see the final object.
/// Seeding (test ground truth) bypasses admission.
/// </summary>
internal sealed partial class ResourceWriter
{
    private JsonObject MutatingAdmission(string operation, ResourceType type, string version, string? subresource, JsonObject? obj, JsonObject? old, WriteOptions options)
    {
        if (admission is null || options.Seeding)
        {
            return obj!;
        }

        return admission.Mutate(Request(operation, type, version, subresource, obj, old, options), options.Warnings)!;
    }

    private void ValidatingAdmission(string operation, ResourceType type, string version, string? subresource, JsonObject? obj, JsonObject? old, WriteOptions options)
    {
        if (admission is not null && !options.Seeding)
        {
            admission.Validate(Request(operation, type, version, subresource, obj, old, options), options.Warnings);
        }
    }

    private static AdmissionRequestInfo Request(string operation, ResourceType type, string version, string? subresource, JsonObject? obj, JsonObject? old, WriteOptions options)
    {
        var subject = obj ?? old!;
        return new AdmissionRequestInfo(operation, type, version, subresource, type.Namespaced ? Meta.Namespace(subject) : null, Meta.Name(subject) ?? string.Empty, obj, old, options.DryRun);
    }
}
