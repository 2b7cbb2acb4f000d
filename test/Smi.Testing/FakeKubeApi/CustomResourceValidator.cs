namespace Smi.Testing.FakeKubeApi;

/// <summary>
/// Validates (and may prune/default) a custom resource against its CRD, the seam for a structural
/// schema validator. Called for every create and update of a custom resource, in the version the
/// client sent, before the object is converted to the storage version and stored.
/// </summary>
public delegate CustomResourceValidationResult CustomResourceValidator(CustomResourceValidationRequest request);
