using System.Globalization;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.GuardDuty;

/// <summary>High and Critical GuardDuty findings left open for 30 days or more.</summary>
public sealed class UnresolvedHighFindings : Check
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-gd-002",
        Title = "High-severity GuardDuty finding unresolved for 30 days",
        Service = "GuardDuty",
        Severity = Severity.Medium,
        ResourceType = "AWS::GuardDuty::Finding",
        Description = "For each detector in every scanned region, lists the account's findings with severity 7 or more that are "
            + "not archived (ListFindings with a FindingCriteria filter, so only those are fetched) and reads them with "
            + "GetFindings in batches of 50. A finding first created 30 or more days before the scan fails; Critical ones "
            + "(severity 9 and above) are reported as High. Findings about other member accounts are judged in those accounts.",
        Rationale = "A High finding means GuardDuty saw behaviour typical of a compromise: an instance talking to a known "
            + "command-and-control host, credentials used from an unusual network, a bucket policy opened to the world. Left "
            + "open for a month, either an intrusion has had weeks to spread or the alerts are ignored, which hides the next real one.",
        CommonCauses =
        [
            "Nobody is on the receiving end of GuardDuty findings: no EventBridge rule, no ticket, no Security Hub workflow.",
            "Expected activity (a vulnerability scanner, a penetration test) raises findings that are never suppressed, so real ones drown.",
            "The affected resource was fixed but the finding was never archived.",
        ],
        Recommendation = "Investigate the finding, contain and fix the affected resource, then archive it; suppress expected activity with a filter.",
        Remediation = new(
            Cli: """
                # After investigating and remediating the affected resource:
                aws guardduty archive-findings --region {region} --detector-id {detector_id} --finding-ids {finding_id}
                """,
            Terraform: """
                # Only for activity you have confirmed to be expected (an authorised scanner): real findings are fixed, then archived.
                resource "aws_guardduty_filter" "{filter_name:id}" {
                  name        = {filter_name}
                  detector_id = {detector_id}
                  action      = "ARCHIVE"
                  rank        = 1

                  finding_criteria {
                    criterion {
                      field  = "type"
                      equals = [{finding_type}]
                    }
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-summary.html",
            Effort: Effort.Medium),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [GuardDutyCalls.ListDetectors, GuardDutyCalls.ListOpenHighFindings, GuardDutyCalls.GetFindings];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var guardDuty = context.Data.GuardDuty();
        var detectors = 0;
        foreach (var read in guardDuty.Detectors())
        {
            if (!verdict.Accept(read, out var listing)) continue;
            foreach (var id in listing.DetectorIds ?? [])
            {
                detectors++;
                var findings = guardDuty.OpenHighFindings(new DetectorRef(read.Region, id));
                verdict.AddGaps(findings.Gaps);
                if (!findings.Complete) continue;
                var open = findings.Items.Where(f => !f.Archived && f.Severity >= GuardDutyCalls.HighSeverity).ToList();
                verdict.Scanned(Math.Max(open.Count, 1));
                foreach (var finding in open)
                    Judge(finding, read.Region, id, context, verdict);
            }
        }
        if (detectors == 0)
            verdict.NotApplicable("no GuardDuty detector in the scanned regions (see aws-gd-001)");
    }

    private static void Judge(GuardDutyFinding finding, string region, string detectorId, CheckContext context, Verdict verdict)
    {
        if (AwsDates.Parse(finding.CreatedAt) is not { } created)
            return;
        var age = context.Now - created;
        if (age < MaxAge) return;
        var what = finding.Resource?.ResourceType is { } type ? $" on {type}" : "";
        verdict.Fail(finding.Arn, region,
            $"GuardDuty finding {finding.Type}{what} (severity {finding.Severity.ToString("0.0", CultureInfo.InvariantCulture)}: "
            + $"{finding.Title ?? "no title"}) has been open since {AwsDates.Day(created)} ({AwsDates.DaysBetween(created, context.Now)} days).",
            new SlotValues()
                .With("detector_id", detectorId)
                .With("finding_id", finding.Id)
                .With("finding_type", finding.Type)
                .With("filter_name", FilterName(finding.Type)),
            severity: finding.Severity >= 9 ? Severity.High : null);
    }

    /// <summary>A filter name GuardDuty accepts (3–64 letters, digits, '-', '_', '.') derived from the finding type.</summary>
    private static string FilterName(string findingType)
    {
        var name = "archive-" + new string(findingType.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
        return name.Length > 64 ? name[..64] : name;
    }
}
