namespace Smi.Operator.Control;

/// <summary>
/// The one work-queue key: every event means "the mesh may have changed" and carries no data; the
/// reconciler recompiles the whole mesh from the caches (level-based, like Traefik Mesh's
/// "refresh" key and YARP's "Ingress Change").
/// </summary>
internal static class MeshKey
{
    public const string All = "mesh";
}
