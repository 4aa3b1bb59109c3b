using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Inspector;

/// <summary>Amazon Inspector scans EC2, ECR and Lambda in every scanned region.</summary>
public sealed class InspectorNotEnabled : RegionalServiceCheck<BatchGetAccountStatusResponse>
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-inspector-001",
        Title = "Amazon Inspector not enabled",
        Service = "Inspector",
        Severity = Severity.Medium,
        ResourceType = "AWS::InspectorV2::Activation",
        Description = "Calls the Inspector (v2) BatchGetAccountStatus in every scanned region. A region fails when the account's "
            + "Inspector status is not ENABLED, or when any of the EC2, ECR and Lambda scan types is not ENABLED; the finding "
            + "names the missing scan types. Regions where Inspector is not offered are not applicable.",
        Rationale = "Inspector continuously matches installed packages on instances, container images and Lambda functions "
            + "against newly published CVEs and flags network paths that expose them. Without it, a critical vulnerability in "
            + "a base image or a dependency goes unnoticed until it is exploited.",
        CommonCauses =
        [
            "Inspector was never activated, or only the classic (v1) service was used.",
            "Only EC2 scanning was enabled; ECR and Lambda scanning were added later and are off.",
            "Regions used later are not covered by the organization's delegated administrator auto-enable.",
        ],
        Recommendation = "Enable Inspector with EC2, ECR and Lambda scanning in every region, through a delegated administrator for the organization.",
        Remediation = new(
            Cli: "aws inspector2 enable --region {region} --resource-types EC2 ECR LAMBDA",
            Terraform: """
                resource "aws_inspector2_enabler" "{region:id}" {
                  region         = {region}
                  account_ids    = [{account_id}]
                  resource_types = ["EC2", "ECR", "LAMBDA"]
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/inspector/latest/user/getting_started_tutorial.html",
            Effort: Effort.Low),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [InspectorCalls.BatchGetAccountStatus];

    protected override string ServiceName => "Amazon Inspector";

    protected override (string Service, string What) Setting => ("inspector2", "activation");

    protected override IEnumerable<RegionRead<BatchGetAccountStatusResponse>> Read(CheckContext context) => context.Data.Inspector().AccountStatus();

    protected override void JudgeRegion(string region, BatchGetAccountStatusResponse status, CheckContext context, Verdict verdict)
    {
        var account = status.Accounts?.FirstOrDefault(a => a.AccountId == context.AccountId);
        if (account is null)
        {
            var failed = status.FailedAccounts?.FirstOrDefault(a => a.AccountId == context.AccountId);
            verdict.Gap(new Inventory.DataGap(region, "inspector2", "BatchGetAccountStatus", Inventory.Snapshot.ErrorKind.Other,
                failed?.ErrorCode ?? "NoAccountState", failed?.ErrorMessage ?? "the response has no status for this account"));
            return;
        }
        var disabled = account.DisabledScanTypes().ToList();
        if (account.State?.Status == "ENABLED" && disabled.Count == 0) return;
        var what = account.State?.Status == "ENABLED"
            ? $"Amazon Inspector is enabled in {region} but does not scan {string.Join(", ", disabled)}."
            : $"Amazon Inspector is not enabled in {region} (status {account.State?.Status ?? "unknown"}).";
        verdict.Fail(RegionSetting(context, "inspector2", region, "activation"), region, what);
    }
}
