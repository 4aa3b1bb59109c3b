using System.Text.Json.Nodes;
using CloudAudit.Transport.Http;
using CloudAudit.Transport.Protocols;
using Xunit.Abstractions;

namespace CloudAudit.Transport.Tests.Conformance;

/// <summary>Every request-serialization case of botocore's protocol tests, per protocol file.</summary>
public sealed class InputConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => new(ProtocolSuite.Files);

    [Theory]
    [MemberData(nameof(Files))]
    public void Serializes_every_case_as_botocore_expects(string file)
    {
        var results = ConformanceRun.Run("input", file, Check);
        output.WriteLine(results.Summary);
        Assert.True(results.Failures.Count == 0, results.Report);
        Assert.True(results.Passed > 0);
    }

    private static string? Check(ProtocolCase c)
    {
        var protocol = Protocol.For(c.Model.Metadata.Protocol);
        protocol.NewIdempotencyToken = () => "00000000-0000-4000-8000-000000000000";
        var request = protocol.Serialize(c.Model.Metadata, c.Operation, c.Case["params"]!.AsObject());
        var expected = c.Case["serialized"]!.AsObject();
        var endpoint = new Uri((string?)c.Suite["clientEndpoint"] ?? "https://example.com");
        var target = RequestTarget.Build(endpoint, request, applyHostPrefix: true);

        if ((string?)expected["method"] is { } method && method != request.Method)
            return $"method {request.Method}, expected {method}";
        var expectedUri = (string)expected["uri"]!;
        var actualUri = target.PathAndQuery;
        if (!UriEqual(expectedUri, actualUri))
            return $"uri {actualUri}, expected {expectedUri}";
        if ((string?)expected["host"] is { } host && host != target.Host + endpoint.AbsolutePath.TrimEnd('/'))
            return $"host {target.Host}, expected {host}";
        foreach (var (name, value) in expected["headers"]?.AsObject() ?? [])
        {
            if (!request.Headers.TryGetValue(name, out var actual))
                return $"header {name} missing";
            if (actual != (string)value!)
                return $"header {name}: {actual}, expected {value}";
        }
        foreach (var name in expected["forbidHeaders"]?.AsArray().Select(n => (string)n!) ?? [])
            if (request.Headers.ContainsKey(name))
                return $"header {name} is forbidden";
        foreach (var name in expected["requireHeaders"]?.AsArray().Select(n => (string)n!) ?? [])
            // HttpClient writes Content-Length from the body; the wire request does not carry it.
            if (!request.Headers.ContainsKey(name) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                return $"header {name} is required";
        if ((string?)expected["body"] is { } body && !BodyEqual(c.Model.Metadata.Protocol, body, request.BodyText))
            return $"body {request.BodyText}, expected {body}";
        return null;
    }

    private static bool UriEqual(string expected, string actual)
    {
        static (string Path, string Query) Split(string uri)
        {
            var q = uri.IndexOf('?', StringComparison.Ordinal);
            return q < 0 ? (uri, "") : (uri[..q], uri[(q + 1)..]);
        }
        var (expectedPath, expectedQuery) = Split(expected);
        var (actualPath, actualQuery) = Split(actual);
        return expectedPath == actualPath && Semantic.FormEqual(expectedQuery, actualQuery);
    }

    private static bool BodyEqual(string protocol, string expected, string actual)
    {
        if (expected == actual)
            return true;
        if (expected.Length == 0 || actual.Length == 0)
            return false;
        return protocol switch
        {
            "query" or "ec2" => Semantic.FormEqual(expected, actual),
            "rest-xml" => Semantic.XmlEqual(expected, actual),
            _ => TryJsonEqual(expected, actual),
        };
    }

    private static bool TryJsonEqual(string expected, string actual)
    {
        try
        {
            return Semantic.JsonEqual(JsonNode.Parse(expected), JsonNode.Parse(actual));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
