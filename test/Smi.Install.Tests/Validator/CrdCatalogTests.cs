using Smi.Install.Tests.Support;
using Smi.Testing.Crds;

namespace Smi.Install.Tests.Validator;

public sealed class CrdCatalogTests
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget, shortNames: [wd]}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            additionalPrinterColumns:
            - {name: Size, type: integer, jsonPath: .spec.size}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer, minimum: 1}
          - name: v0
            served: false
            storage: false
            schema:
              openAPIV3Schema:
                type: object
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: not-a-crd}
        """;

    [Fact]
    public void LoadYaml_ReadsCrdsOnly_WithVersionsAndNames()
    {
        var catalog = CrdCatalog.LoadYaml(Crd);

        var crd = Assert.Single(catalog.Definitions);
        Assert.Equal(("widgets.example.com", "example.com", "Widget", "widgets", "Namespaced"), (crd.Name, crd.Group, crd.Kind, crd.Plural, crd.Scope));
        Assert.Equal(["wd"], crd.ShortNames);
        Assert.Equal("v1", crd.StorageVersion.Name);
        Assert.True(crd.StorageVersion.HasStatusSubresource);
        Assert.Equal([new CrdPrinterColumn("Size", "integer", ".spec.size")], crd.StorageVersion.PrinterColumns);
        Assert.Equal("Widget.example.com", crd.QualifiedKind);
    }

    [Fact]
    public void Validate_ByApiVersionAndKind_UsesThatVersionsSchema()
    {
        var catalog = CrdCatalog.LoadYaml(Crd);

        var valid = catalog.Validate(Manifests.Object("apiVersion: example.com/v1\nkind: Widget\nspec: {size: 2}"));
        var invalid = catalog.Validate(Manifests.Object("apiVersion: example.com/v1\nkind: Widget\nspec: {size: 0}"));

        Assert.True(valid!.IsValid);
        Assert.Equal(["spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1"], invalid!.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Validate_OtherGroupOrKind_Null()
    {
        var catalog = CrdCatalog.LoadYaml(Crd);

        Assert.Null(catalog.Validate(Manifests.Object("apiVersion: v1\nkind: Service")));
        Assert.Null(catalog.Validate(Manifests.Object("apiVersion: example.com/v1\nkind: Gadget")));
    }

    [Fact]
    public void Validate_UnknownOrUnservedVersion_RejectedWithTheServedVersions()
    {
        var catalog = CrdCatalog.LoadYaml(Crd);

        var unknown = catalog.Validate(Manifests.Object("apiVersion: example.com/v9\nkind: Widget"));
        var unserved = catalog.Validate(Manifests.Object("apiVersion: example.com/v0\nkind: Widget"));

        Assert.Equal(["apiVersion: Unsupported value: \"example.com/v9\": supported values: \"example.com/v1\""], unknown!.Errors.Select(e => e.ToString()));
        Assert.False(unserved!.IsValid);
    }

    [Fact]
    public void Parse_TwoStorageVersions_Rejected()
    {
        var yaml = Crd.Replace("served: false\n    storage: false", "served: false\n    storage: true", StringComparison.Ordinal);

        var ex = Assert.Throws<CrdSchemaException>(() => CrdCatalog.LoadYaml(yaml));

        Assert.Contains(ex.Problems, p => p.Contains("exactly one version marked as storage", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NonStructuralVersion_ProblemNamesTheCrdAndVersion()
    {
        var yaml = Crd.Replace("size: {type: integer, minimum: 1}", "size: {minimum: 1}", StringComparison.Ordinal);

        var ex = Assert.Throws<CrdSchemaException>(() => CrdCatalog.LoadYaml(yaml));

        Assert.Equal(["widgets.example.com: spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified fields"], ex.Problems);
    }
}
