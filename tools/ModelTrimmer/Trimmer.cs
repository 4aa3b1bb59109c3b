using System.Text.Json.Nodes;

namespace CloudAudit.Tools.ModelTrimmer;

/// <summary>Reads botocore's data folder and produces the trimmed documents the transport embeds.</summary>
internal sealed class Trimmer(string modelsDir)
{
    // Traits the transport never reads; dropping them keeps the embedded data small.
    private static readonly HashSet<string> DroppedKeys = ["documentation", "documentationUrl", "deprecatedMessage", "examples"];

    public JsonObject? TrimService(string service, IReadOnlyList<string> operations, List<string> warnings)
    {
        var model = LoadLatest(service, "service-2.json");
        if (model is null)
        {
            warnings.Add($"service {service}: not in the models");
            return null;
        }

        var allOperations = model["operations"]!.AsObject();
        var allShapes = model["shapes"]!.AsObject();
        var keptOperations = new JsonObject();
        var reachable = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in operations)
        {
            if (allOperations[name] is not JsonObject operation)
            {
                warnings.Add($"{service} {name}: operation not in the model");
                continue;
            }
            var copy = Strip(operation);
            copy.Remove("errors");
            keptOperations[name] = copy;
            foreach (var end in new[] { "input", "output" })
                if (copy[end]?["shape"]?.GetValue<string>() is { } shapeName)
                    Reach(shapeName, allShapes, reachable);
        }

        var keptShapes = new JsonObject();
        foreach (var name in reachable)
            keptShapes[name] = Strip(allShapes[name]!.AsObject());

        var paginators = new JsonObject();
        if (LoadLatest(service, "paginators-1.json")?["pagination"] is JsonObject allPaginators)
            foreach (var (name, paginator) in allPaginators)
                if (keptOperations.ContainsKey(name))
                    paginators[name] = paginator!.DeepClone();

        return new JsonObject
        {
            ["metadata"] = Strip(model["metadata"]!.AsObject()),
            ["operations"] = keptOperations,
            ["shapes"] = keptShapes,
            ["paginators"] = paginators,
        };
    }

    /// <summary>Every operation of every service in the models, with its HTTP method, for the read-only guard test.</summary>
    public JsonObject OperationIndex()
    {
        var index = new JsonObject();
        foreach (var service in ServiceNames())
        {
            var model = LoadLatest(service, "service-2.json")!;
            var operations = new JsonObject();
            foreach (var (name, operation) in model["operations"]!.AsObject())
                operations[name] = operation!["http"]?["method"]?.GetValue<string>() ?? "POST";
            index[service] = new JsonObject
            {
                ["serviceId"] = model["metadata"]!["serviceId"]?.GetValue<string>(),
                ["endpointPrefix"] = model["metadata"]!["endpointPrefix"]?.GetValue<string>(),
                ["operations"] = operations,
            };
        }
        return index;
    }

    /// <summary>endpoints.json reduced to what resolution reads: hostnames, credential scopes, global endpoints.</summary>
    public JsonObject Endpoints()
    {
        var source = Load(Path.Combine(modelsDir, "endpoints.json"))!;
        var partitions = new JsonArray();
        foreach (var partition in source["partitions"]!.AsArray())
        {
            var services = new JsonObject();
            foreach (var (name, service) in partition!["services"]!.AsObject())
            {
                var endpoints = new JsonObject();
                foreach (var (region, endpoint) in service!["endpoints"]!.AsObject())
                {
                    if (endpoint!["deprecated"]?.GetValue<bool>() == true)
                        continue;
                    var kept = new JsonObject();
                    foreach (var key in new[] { "hostname", "credentialScope" })
                        if (endpoint[key] is { } value)
                            kept[key] = value.DeepClone();
                    endpoints[region] = kept;
                }
                var trimmed = new JsonObject { ["endpoints"] = endpoints };
                foreach (var key in new[] { "partitionEndpoint", "isRegionalized" })
                    if (service[key] is { } value)
                        trimmed[key] = value.DeepClone();
                if (service["defaults"]?["hostname"] is { } hostname)
                    trimmed["hostname"] = hostname.DeepClone();
                if (service["defaults"]?["credentialScope"] is { } scope)
                    trimmed["credentialScope"] = scope.DeepClone();
                services[name] = trimmed;
            }
            partitions.Add(new JsonObject
            {
                ["partition"] = partition["partition"]!.DeepClone(),
                ["dnsSuffix"] = partition["dnsSuffix"]!.DeepClone(),
                ["regionRegex"] = partition["regionRegex"]!.DeepClone(),
                ["hostname"] = partition["defaults"]!["hostname"]!.DeepClone(),
                ["regions"] = new JsonArray(partition["regions"]!.AsObject().Select(r => (JsonNode)r.Key).ToArray()),
                ["services"] = services,
            });
        }
        return new JsonObject { ["partitions"] = partitions };
    }

    public JsonObject Partitions() => Load(Path.Combine(modelsDir, "partitions.json"))!.AsObject();

    private IEnumerable<string> ServiceNames() =>
        new[] { modelsDir, ExtraModelsDir }.Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Where(d => Directory.GetDirectories(d).Length > 0)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal);

    /// <summary>Hand-written models of services botocore's data lacks (see extra-models/README.md).</summary>
    private static string ExtraModelsDir => Path.Combine(AppContext.BaseDirectory, "extra-models");

    private static void Reach(string shapeName, JsonObject allShapes, SortedSet<string> reachable)
    {
        if (!reachable.Add(shapeName))
            return;
        var shape = allShapes[shapeName]!;
        foreach (var key in new[] { "member", "key", "value" })
            if (shape[key]?["shape"]?.GetValue<string>() is { } target)
                Reach(target, allShapes, reachable);
        if (shape["members"] is JsonObject members)
            foreach (var (_, member) in members)
                Reach(member!["shape"]!.GetValue<string>(), allShapes, reachable);
    }

    private static JsonObject Strip(JsonObject node)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in node)
        {
            if (DroppedKeys.Contains(key))
                continue;
            copy[key] = value is JsonObject child ? Strip(child) : value?.DeepClone();
        }
        return copy;
    }

    private JsonNode? LoadLatest(string service, string fileName)
    {
        var serviceDir = Path.Combine(modelsDir, service);
        if (!Directory.Exists(serviceDir))
            serviceDir = Path.Combine(ExtraModelsDir, service);
        if (!Directory.Exists(serviceDir))
            return null;
        var latest = Directory.GetDirectories(serviceDir).Order(StringComparer.Ordinal).LastOrDefault();
        return latest is null ? null : Load(Path.Combine(latest, fileName));
    }

    private static JsonNode? Load(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
}
