namespace Smi.Api.Manifests;

/// <summary>What a loaded document turned out to be.</summary>
public enum LoadedContent
{
    /// <summary>An SMI object of a served version, converted to the hub (<see cref="LoadedDocument.Smi"/>).</summary>
    Smi,

    /// <summary>A core Kubernetes object the mesh reads (<see cref="LoadedDocument.Kubernetes"/>).</summary>
    Kubernetes,

    /// <summary>Something else (a Role, a ConfigMap, a metrics response): not the mesh's business.</summary>
    Skipped,

    /// <summary>Could not be read: see <see cref="LoadedDocument.Findings"/>.</summary>
    Invalid,
}
