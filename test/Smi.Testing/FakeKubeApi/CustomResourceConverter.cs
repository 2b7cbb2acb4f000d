using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi;

/// <summary>
/// Converts a custom resource to another version of its CRD, as a CRD's conversion webhook does.
/// Receives a copy of the object and the desired <c>apiVersion</c> (<c>group/version</c>) and
/// returns the converted object, whose <c>apiVersion</c> must be the desired one. Throwing makes
/// the request fail with 500, the way a failing conversion webhook does.
/// </summary>
public delegate JsonObject CustomResourceConverter(JsonObject obj, string desiredApiVersion);
