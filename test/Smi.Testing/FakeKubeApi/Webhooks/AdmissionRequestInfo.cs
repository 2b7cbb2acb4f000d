using System.Text.Json.Nodes;
using Smi.Testing.FakeKubeApi.Resources;

namespace Smi.Testing.FakeKubeApi.Webhooks;

/// <summary>What an admission review describes: the operation on which resource, and the objects in the request's version.</summary>
internal sealed record AdmissionRequestInfo(
    string Operation,
    ResourceType Type,
    string Version,
    string? Subresource,
    string? Namespace,
    string Name,
    JsonObject? Object,
    JsonObject? OldObject,
    bool DryRun);
