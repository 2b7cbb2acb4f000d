using System.Text.Json.Nodes;

namespace Smi.Testing.FakeKubeApi;

/// <summary>What a <see cref="CustomResourceValidator"/> gets.</summary>
/// <param name="Crd">The CustomResourceDefinition (a copy).</param>
/// <param name="Version">The version the object is written in, e.g. <c>v1alpha4</c>.</param>
/// <param name="Schema">That version's <c>schema.openAPIV3Schema</c>, if the CRD has one.</param>
/// <param name="Object">The object to validate (a copy; the validator may return it changed).</param>
/// <param name="OldObject">The stored object in the same version, for an update; null on create.</param>
/// <param name="FieldValidation">The request's <c>fieldValidation</c> (Strict, Warn or Ignore). The server applies it to
/// <see cref="CustomResourceValidationResult.UnknownFields"/> itself; a validator only needs it for its own checks.</param>
public sealed record CustomResourceValidationRequest(JsonObject Crd, string Version, JsonObject? Schema, JsonObject Object, JsonObject? OldObject, string FieldValidation = "Warn");
