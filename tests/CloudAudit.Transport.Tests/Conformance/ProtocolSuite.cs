using System.Text.Json.Nodes;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Tests.Conformance;

/// <summary>One case of botocore's protocol tests, with the model its suite describes.</summary>
internal sealed record ProtocolCase(string File, string Id, ServiceModel Model, OperationModel Operation, JsonObject Case, JsonObject Suite)
{
    public override string ToString() => $"{File}:{Id}";
}

internal static class ProtocolSuite
{
    public static readonly string[] Files = ["ec2", "query", "json", "json_1_0", "json_1_0-query-compatible", "rest-json", "rest-xml"];

    public static string DataPath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "ProtocolTests", .. parts]);

    public static IEnumerable<ProtocolCase> Load(string direction, string file)
    {
        var suites = JsonNode.Parse(File.ReadAllText(DataPath(direction, file + ".json")))!.AsArray();
        foreach (var suite in suites.Select(s => s!.AsObject()))
        {
            foreach (var testCase in suite["cases"]!.AsArray().Select(c => c!.AsObject()))
            {
                var given = testCase["given"]!.AsObject();
                var name = (string)given["name"]!;
                var document = new JsonObject
                {
                    ["metadata"] = suite["metadata"]!.DeepClone(),
                    ["shapes"] = suite["shapes"]!.DeepClone(),
                    ["operations"] = new JsonObject { [name] = given.DeepClone() },
                };
                var model = ServiceModel.Parse(file, document);
                yield return new ProtocolCase(file, (string?)testCase["id"] ?? name, model, model.Operations[name], testCase, suite);
            }
        }
    }
}
