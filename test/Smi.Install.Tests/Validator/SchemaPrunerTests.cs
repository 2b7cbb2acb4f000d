using System.Text.Json.Nodes;
using Smi.Install.Tests.Support;
using Smi.Testing.Crds;

namespace Smi.Install.Tests.Validator;

public sealed class SchemaPrunerTests
{
    private static readonly StructuralSchema Split = Schemas.Parse("""
        type: object
        properties:
          spec:
            type: object
            properties:
              service: {type: string}
              backends:
                type: array
                items:
                  type: object
                  properties:
                    service: {type: string}
                    weight: {type: integer}
              labels:
                type: object
                additionalProperties: {type: string}
              extra:
                x-kubernetes-preserve-unknown-fields: true
                type: object
                properties:
                  known:
                    type: object
                    properties:
                      a: {type: string}
        """);

    [Fact]
    public void PruneResource_UnknownFields_RemovedAndReportedInDocumentOrder()
    {
        var obj = Manifests.Object("""
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            matches: [{name: x}]
            spec:
              service: web
              port: 80
              backends:
              - service: web-v1
                weight: 1
                colour: blue
            """);

        var pruned = SchemaPruner.PruneResource(obj, Split);

        Assert.Equal(["matches", "spec.port", "spec.backends[0].colour"], pruned);
        Assert.Equal("""{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","spec":{"service":"web","backends":[{"service":"web-v1","weight":1}]}}""", obj.ToJsonString());
    }

    [Fact]
    public void PruneResource_TypeMetaAndMetadata_KeptButUnknownMetadataFieldsDropped()
    {
        var obj = Manifests.Object("""
            apiVersion: v1
            kind: X
            metadata:
              name: a
              namespace: b
              labels: {app: web}
              annotations: {note: hi}
              colour: blue
            """);

        var pruned = SchemaPruner.PruneResource(obj, Split);

        Assert.Equal(["metadata.colour"], pruned);
        Assert.Equal("a", obj["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("web", obj["metadata"]!["labels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public void PruneResource_MapValues_KeysKept()
    {
        var obj = Manifests.Object("spec: {labels: {a: x, b.c/d: y}}");

        var pruned = SchemaPruner.PruneResource(obj, Split);

        Assert.Empty(pruned);
        Assert.Equal(2, obj["spec"]!["labels"]!.AsObject().Count);
    }

    [Fact]
    public void PruneResource_PreserveUnknownFields_KeepsUnknownButPrunesBelowKnownSchemas()
    {
        var obj = Manifests.Object("spec: {extra: {anything: [1, 2], known: {a: x, b: y}}}");

        var pruned = SchemaPruner.PruneResource(obj, Split);

        Assert.Equal(["spec.extra.known.b"], pruned);
        Assert.Equal("""{"anything":[1,2],"known":{"a":"x"}}""", obj["spec"]!["extra"]!.ToJsonString());
    }

    [Fact]
    public void PruneResource_ObjectWhereScalarSchema_EveryKeyPrunedLikeTheApiServer()
    {
        var obj = Manifests.Object("spec: {service: {name: web}}");

        var pruned = SchemaPruner.PruneResource(obj, Split);

        Assert.Equal(["spec.service.name"], pruned);
        Assert.Equal("{}", obj["spec"]!["service"]!.ToJsonString());
    }

    [Fact]
    public void PruneResource_RootPreservingUnknownFields_PrunesNothing()
    {
        var schema = Schemas.Parse("type: object\nx-kubernetes-preserve-unknown-fields: true");
        var obj = Manifests.Object("spec: {a: 1}\nstatus: {b: 2}");

        Assert.Empty(SchemaPruner.PruneResource(obj, schema));
        Assert.Equal(2, obj.Count);
    }

    [Fact]
    public void PruneNonNullableNulls_DropsNullsOfNonNullableFieldsOnly()
    {
        var schema = Schemas.Parse("""
            type: object
            properties:
              a: {type: string}
              b: {type: string, nullable: true}
              list:
                type: array
                items:
                  type: object
                  properties:
                    c: {type: string}
            """);
        var obj = Manifests.Object("a: null\nb: null\nlist: [{c: null}]\nunknown: null");

        var dropped = SchemaPruner.PruneNonNullableNulls(obj, schema);

        Assert.Equal(["a", "list[0].c"], dropped);
        Assert.Equal("""{"b":null,"list":[{}],"unknown":null}""", obj.ToJsonString());
    }

    [Fact]
    public void Prune_NonRootValue_PathsRelativeToTheGivenPath()
    {
        var value = JsonNode.Parse("""[{"service":"a","x":1}]""");

        var pruned = SchemaPruner.Prune(value, Split.Properties["spec"].Properties["backends"], "spec.backends");

        Assert.Equal(["spec.backends[0].x"], pruned);
    }
}
