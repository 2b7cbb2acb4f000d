using System.Text.Json.Nodes;
using Smi.Install.Tests.Support;

namespace Smi.Install.Tests.Install;

/// <summary>The whole install as <c>kubectl kustomize .</c> renders it from the repository root.</summary>
internal static class RenderedInstall
{
    public const string Namespace = "smi-system";

    public static Task<IReadOnlyList<JsonObject>> ObjectsAsync() => Kustomize.RenderAsync(".");

    public static async Task<JsonObject> SingleAsync(string kind, string name) =>
        Manifests.Single(await ObjectsAsync(), kind, name);
}
