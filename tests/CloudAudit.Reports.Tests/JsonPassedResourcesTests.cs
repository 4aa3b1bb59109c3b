using System.Text.Json.Nodes;
using CloudAudit.Reports.Json;
using CloudAudit.Reports.Tests.Support;

namespace CloudAudit.Reports.Tests;

public sealed class JsonPassedResourcesTests
{
    [Fact]
    public void Each_result_lists_its_passed_resources_sorted_and_none_of_them_in_a_finding()
    {
        var results = JsonNode.Parse(Render.ToText(JsonReportWriter.Write, TestReports.Demo()))!["results"]!.AsArray();

        foreach (var result in results)
        {
            var passed = result!["passed_resources"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
            Assert.Equal(passed.Order(StringComparer.Ordinal), passed);
            var failing = result["findings"]!.AsArray().Select(f => f!["resource_id"]!.GetValue<string>())
                .Concat(result["suppressed_findings"]!.AsArray().Select(s => s!["finding"]!["resource_id"]!.GetValue<string>()));
            Assert.Empty(passed.Intersect(failing));
        }
        // The demo accounts have resources that pass a check beside others that fail it.
        Assert.Contains(results, r => r!["passed_resources"]!.AsArray().Count > 0 && r["findings"]!.AsArray().Count > 0);
    }
}
