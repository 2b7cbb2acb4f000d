using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi.Writes;

/// <summary>What a write returns to the client: the HTTP status and the object in the request's version.</summary>
internal sealed record WriteResult(int StatusCode, JsonObject Body);
