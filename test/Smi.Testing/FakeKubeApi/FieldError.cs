namespace Smi.Testing.FakeKubeApi;

/// <summary>One invalid field: <paramref name="Field"/> is a path such as <c>spec.backends[0].weight</c>.</summary>
public sealed record FieldError(string Field, string Message);
