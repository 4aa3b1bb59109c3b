using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.20 (v5 1.19): an IAM Access Analyzer for external access is active in every region.</summary>
public sealed class AccessAnalyzerEnabled : Check
{
    public const string AnalyzerName = "account-external-access";

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-012",
        Title = "IAM Access Analyzer not enabled in every region",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::AccessAnalyzer::Analyzer",
        Description = "Calls ListAnalyzers in every scanned region and fails each region without an ACTIVE analyzer of "
            + "type ACCOUNT or ORGANIZATION (the external-access analyzers CIS asks for; unused-access and "
            + "internal-access analyzers do not count). An organization analyzer is visible only in the account that "
            + "owns it, so member accounts need their own or are judged where the analyzer lives.",
        Rationale = "Access Analyzer reports resources that a policy shares outside the account or organization: a "
            + "bucket, key, role or queue opened to the world or to an unknown account by a careless policy edit. "
            + "It works per region, so a region without it is where such a share goes unnoticed.",
        CommonCauses =
        [
            "The analyzer was created once in the main region and never in the others.",
            "An organization analyzer exists in the management account, but member accounts were assumed covered.",
            "The analyzer was deleted or disabled (for example when trusted access was turned off).",
        ],
        Recommendation = "Create an external-access analyzer (ACCOUNT, or ORGANIZATION from the delegated administrator) in every region.",
        Remediation = new(
            Cli: $"aws accessanalyzer create-analyzer --region {{region}} --analyzer-name {AnalyzerName} --type ACCOUNT",
            Terraform: $$"""
                # The region argument needs AWS provider 6 or newer; with older providers use a provider alias per region.
                resource "aws_accessanalyzer_analyzer" "{region:id}" {
                  region        = {region}
                  analyzer_name = "{{AnalyzerName}}"
                  type          = "ACCOUNT"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "1.20", v5: "1.19", v7Iam: "2.18", v14: "1.20"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [AccountCalls.ListAnalyzers];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        foreach (var (region, response) in context.InEachRegion(context.Data.Account().Analyzers, verdict))
        {
            verdict.Scanned($"arn:{context.Partition}:access-analyzer:{region}:{context.AccountId}:analyzer");
            var external = (response.Analyzers ?? []).Where(a => a.ExternalAccess).ToList();
            if (external.Any(a => a.Active))
                continue;
            var inactive = external.Select(a => $"{a.Name} is {a.Status?.ToLowerInvariant() ?? "in an unknown state"}").ToList();
            var detail = inactive.Count > 0 ? $" ({string.Join("; ", inactive)})" : "";
            verdict.Fail($"arn:{context.Partition}:access-analyzer:{region}:{context.AccountId}:analyzer", region,
                $"No active external-access analyzer in {region}{detail}.");
        }
    }
}
