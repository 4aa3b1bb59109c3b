using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.GuardDuty;

/// <summary>GuardDuty has an enabled detector in every scanned region.</summary>
public sealed class GuardDutyEnabled : RegionalServiceCheck<ListDetectorsResponse>
{
    private static readonly RemediationTemplate Create = new(
        Cli: "aws guardduty create-detector --region {region} --enable --finding-publishing-frequency FIFTEEN_MINUTES",
        Terraform: """
            # The region argument needs AWS provider 6 or newer; with older providers use a provider alias per region.
            resource "aws_guardduty_detector" "{region:id}" {
              region                       = {region}
              enable                       = true
              finding_publishing_frequency = "FIFTEEN_MINUTES"
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html",
        Effort: Effort.Low) { When = "the region has no detector" };

    private static readonly RemediationTemplate Enable = new(
        Cli: "aws guardduty update-detector --region {region} --detector-id {detector_id} --enable",
        Terraform: """
            # Import the existing detector first: terraform import aws_guardduty_detector.{detector_id:id} {detector_id}
            resource "aws_guardduty_detector" "{detector_id:id}" {
              region = {region}
              enable = true
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-suspend-disable.html",
        Effort: Effort.Low) { When = "the region has a suspended detector" };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-gd-001",
        Title = "GuardDuty not enabled",
        Service = "GuardDuty",
        Severity = Severity.High,
        ResourceType = "AWS::GuardDuty::Detector",
        Description = "Calls ListDetectors in every scanned region and GetDetector for each detector found. A region "
            + "with no detector fails, and so does a detector whose Status is DISABLED (suspended). GuardDuty is regional: "
            + "a detector in one region sees nothing of the others. Regions where GuardDuty is not offered are not applicable.",
        Rationale = "GuardDuty is the account's intrusion detection: it watches CloudTrail, VPC flow logs and DNS queries for "
            + "credential misuse, crypto-mining, command-and-control traffic and data exfiltration. Attackers who steal keys "
            + "deliberately work in regions the owner never uses, so a region without a detector is where they go unseen.",
        CommonCauses =
        [
            "GuardDuty was enabled by hand in the main region only.",
            "A detector was suspended to cut cost during a quiet period and never resumed.",
            "New regions were opted in after the organization-wide auto-enable was configured.",
        ],
        Recommendation = "Enable GuardDuty in every region, ideally through a delegated administrator with auto-enable for all member accounts.",
        Remediation = Create,
        RemediationVariants = [Enable],
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [GuardDutyCalls.ListDetectors, GuardDutyCalls.GetDetector];

    protected override string ServiceName => "GuardDuty";

    protected override (string Service, string What) Setting => ("guardduty", "detector");

    protected override IEnumerable<RegionRead<ListDetectorsResponse>> Read(CheckContext context) => context.Data.GuardDuty().Detectors();

    protected override void JudgeRegion(string region, ListDetectorsResponse listing, CheckContext context, Verdict verdict)
    {
        var ids = listing.DetectorIds ?? [];
        if (ids.Count == 0)
            verdict.Fail(RegionSetting(context, "guardduty", region, "detector"), region, $"GuardDuty has no detector in {region}.");
        foreach (var id in ids)
        {
            if (!context.Data.GuardDuty().Detector(new DetectorRef(region, id)).TryGet(out var detector, out var gap))
                verdict.Gap(gap!);
            else if (!detector.Enabled)
                verdict.Fail(RegionSetting(context, "guardduty", region, $"detector/{id}"), region,
                    $"GuardDuty detector {id} in {region} is suspended (status {detector.Status ?? "unknown"}).",
                    new SlotValues().With("detector_id", id), remediation: Enable);
        }
    }
}
