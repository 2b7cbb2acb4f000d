namespace Smi.Sandbox.Tests.Node;

/// <summary>Manifests for the netns tests.</summary>
internal static class NetnsManifests
{
    /// <summary>A meshed client (sleeping) and two meshed echo pods behind Service web, the client allowed to web by an HTTP TrafficTarget; web's readiness probe is an httpGet on its app port.</summary>
    public const string ClientAndWeb = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: demo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: client, namespace: demo}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: demo}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              serviceAccountName: web
              containers:
              - name: app
                image: echo
                ports: [{containerPort: 8080}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: client, namespace: demo}
        spec:
          selector: {matchLabels: {app: client}}
          template:
            metadata: {labels: {app: client}}
            spec:
              serviceAccountName: client
              containers:
              - name: app
                image: busybox
                command: [sleep, "3600"]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: demo}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080, name: http}]
        ---
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: client-web, namespace: demo}
        spec:
          destination: {kind: ServiceAccount, name: web, namespace: demo}
          sources: [{kind: ServiceAccount, name: client, namespace: demo}]
          rules: [{kind: HTTPRouteGroup, name: all, matches: [all]}]
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: HTTPRouteGroup
        metadata: {name: all, namespace: demo}
        spec:
          matches: [{name: all, pathRegex: ".*"}]
        """;
}
