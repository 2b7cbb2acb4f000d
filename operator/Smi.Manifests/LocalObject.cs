using k8s;
using k8s.Models;
using Smi.Api.Model;

namespace Smi.Manifests;

/// <summary>An object read from the folder: an SMI hub object or a Kubernetes object, and where it came from.</summary>
/// <param name="Key">"apiGroup/Kind namespace/name": unique per object, the same across versions of a kind.</param>
/// <param name="File">The file it was read from.</param>
/// <param name="Smi">The SMI object, if it is one.</param>
/// <param name="Kubernetes">The Kubernetes object, if it is one.</param>
internal sealed record LocalObject(string Key, string File, SmiObject? Smi, IKubernetesObject<V1ObjectMeta>? Kubernetes);
