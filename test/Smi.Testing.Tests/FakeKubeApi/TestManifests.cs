namespace Smi.Testing.Tests.FakeKubeApi;

/// <summary>Inline manifests: a small two-version TrafficSplit-like CRD (the real SMI CRDs live in crds/, not here) and objects for it.</summary>
internal static class TestManifests
{
    public const string Group = "split.fake.test";

    public const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: trafficsplits.split.fake.test
        spec:
          group: split.fake.test
          scope: Namespaced
          names:
            kind: TrafficSplit
            listKind: TrafficSplitList
            plural: trafficsplits
            singular: trafficsplit
            shortNames: [tsf]
            categories: [smi]
          versions:
          - name: v1alpha4
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
            additionalPrinterColumns:
            - name: Service
              type: string
              jsonPath: .spec.service
            - name: First-Backend
              type: string
              jsonPath: .spec.backends[*].service
            - name: Age
              type: date
              jsonPath: .metadata.creationTimestamp
          - name: v1alpha3
            served: true
            storage: false
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    public const string Workloads = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
        spec:
          selector: {app: web}
          ports:
          - port: 80
            targetPort: 8080
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:1.25
                ports:
                - containerPort: 8080
        """;

    public static string Split(int v1Weight, int v2Weight, string ns = "shop") => $"""
        apiVersion: split.fake.test/v1alpha4
        kind: TrafficSplit
        metadata:
          name: web-split
          namespace: {ns}
        spec:
          service: web
          backends:
          - service: web-v1
            weight: {v1Weight}
          - service: web-v2
            weight: {v2Weight}
        """;
}
