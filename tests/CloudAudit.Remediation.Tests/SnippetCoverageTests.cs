using CloudAudit.Checks;
using CloudAudit.Remediation.Tests.Cli;
using CloudAudit.Remediation.Tests.Snippets;
using CloudAudit.Remediation.Tests.Terraform;
using Xunit.Abstractions;

namespace CloudAudit.Remediation.Tests;

/// <summary>The validation sees every fix the product prints: each template, and the demo's real findings.</summary>
public class SnippetCoverageTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_check_has_its_templates_and_demo_findings_validated()
    {
        foreach (var check in CheckRegistry.All)
        {
            var snippets = RemediationSnippets.All.Where(s => s.CheckId == check.Info.Id).ToList();
            var templates = RemediationSnippets.Templates(check.Info).Count();
            Assert.Equal(templates * 2, snippets.Count(s => s.Origin.StartsWith("template", StringComparison.Ordinal)));
            Assert.Contains(snippets, s => s.Origin.StartsWith("demo finding", StringComparison.Ordinal));
        }
        var all = RemediationSnippets.All;
        var fromTemplates = all.Count(s => s.Origin.StartsWith("template", StringComparison.Ordinal));
        output.WriteLine($"{all.Count} snippets from {CheckRegistry.All.Count} checks ({all.Count(s => s.Language == SnippetLanguage.Cli)} CLI, "
            + $"{all.Count(s => s.Language == SnippetLanguage.Terraform)} Terraform, {all.Select(s => s.Text).Distinct().Count()} distinct): "
            + $"{fromTemplates} from templates, {all.Count - fromTemplates} from demo findings; "
            + $"and {HostileSlots.All().Count() * 2} renderings with hostile slot values. "
            + $"CLI models: botocore {AwsCliCatalog.Default.SourceCommit}. Terraform: {TerraformSchema.Default.Source}, provider {TerraformSchema.Default.ProviderVersion}.");
    }
}
