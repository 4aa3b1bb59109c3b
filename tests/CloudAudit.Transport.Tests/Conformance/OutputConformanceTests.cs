using System.Text;
using System.Text.Json.Nodes;
using CloudAudit.Transport.Protocols;
using Xunit.Abstractions;

namespace CloudAudit.Transport.Tests.Conformance;

/// <summary>Every response-parsing case (results and errors) of botocore's protocol tests, per protocol file.</summary>
public sealed class OutputConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => new(ProtocolSuite.Files);

    [Theory]
    [MemberData(nameof(Files))]
    public void Parses_every_case_as_botocore_expects(string file)
    {
        var results = ConformanceRun.Run("output", file, Check);
        output.WriteLine(results.Summary);
        Assert.True(results.Failures.Count == 0, results.Report);
        Assert.True(results.Passed > 0);
    }

    private static string? Check(ProtocolCase c)
    {
        var protocol = Protocol.For(c.Model.Metadata.Protocol);
        var wire = c.Case["response"]!.AsObject();
        var headers = (wire["headers"]?.AsObject() ?? []).ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.OrdinalIgnoreCase);
        var response = new WireResponse((int)wire["status_code"]!, headers, Encoding.UTF8.GetBytes((string?)wire["body"] ?? ""));

        if ((string?)c.Case["errorCode"] is { } expectedCode)
        {
            var error = protocol.ParseError(response);
            if (error.Code != expectedCode)
                return $"error code {error.Code}, expected {expectedCode}";
            if ((string?)c.Case["errorMessage"] is { } expectedMessage && error.Message != expectedMessage)
                return $"error message {error.Message}, expected {expectedMessage}";
            return null;
        }

        var parsed = protocol.Parse(c.Operation, response);
        var actual = Semantic.AsBotocore(parsed, c.Operation.Output);
        var expected = c.Case["result"] ?? new JsonObject();
        return Semantic.JsonEqual(expected, actual) ? null : $"result {actual?.ToJsonString()}, expected {expected.ToJsonString()}";
    }
}
