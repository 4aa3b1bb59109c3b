using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>
/// CIS 3.8 / 3.9: a multi-region, logging trail records S3 object-level events (write or read) for
/// all buckets, through basic or advanced event selectors. One check class, two rows.
/// </summary>
public sealed class S3DataEvents : ICheckFamily
{
    public IEnumerable<Check> Checks =>
    [
        new S3DataEventsCheck(write: true),
        new S3DataEventsCheck(write: false),
    ];
}

[FamilyMember]
public sealed class S3DataEventsCheck : Check
{
    private readonly bool _write;

    public S3DataEventsCheck(bool write)
    {
        _write = write;
        var kind = write ? "write" : "read";
        var readOnly = write ? "false" : "true";
        Info = new CheckInfo
        {
            Id = write ? "aws-ct-006" : "aws-ct-007",
            Title = $"S3 object-level {kind} events not recorded by CloudTrail",
            Service = "CloudTrail",
            Severity = Severity.Medium,
            ResourceType = "AWS::CloudTrail::Trail",
            Description = $"Looks for a multi-region, logging trail whose event selectors record S3 object-level {kind} "
                + "data events for all buckets (basic selector AWS::S3::Object with arn:aws:s3 and a matching "
                + "ReadWriteType, or an advanced selector on eventCategory Data and resources.type AWS::S3::Object "
                + "without bucket or event-name restrictions).",
            Rationale = write
                ? "Object writes and deletions (PutObject, DeleteObject) are how ransomware and data tampering reach S3. "
                  + "Management events do not include them, so without data events there is no record of which objects were "
                  + "changed or destroyed, or by whom."
                : "Object reads (GetObject) are how data leaves S3. Management events do not include them, so without read "
                  + "data events an exfiltration leaves no trace of which objects were taken or by whom.",
            CommonCauses =
            [
                "Data events cost extra per event, so they were never enabled.",
                $"Data events are recorded only for a few named buckets, or only for {(write ? "reads" : "writes")}.",
            ],
            Recommendation = $"Record S3 object-level {kind} events for all buckets on a multi-region trail.",
            Remediation = new(
                Cli: $$"""
                    # Replaces the trail's selectors: keep all management events and add S3 object {{kind}} events for all buckets.
                    aws cloudtrail put-event-selectors --region {home_region} --trail-name {trail_name} \
                      --advanced-event-selectors '[{"Name":"Management events","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},{"Name":"S3 object {{kind}}s","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},{"Field":"readOnly","Equals":["{{readOnly}}"]}]}]'
                    """,
                Terraform: $$"""
                    resource "aws_cloudtrail" "{trail_name:id}" {
                      name                  = {trail_name}
                      s3_bucket_name        = {bucket}
                      is_multi_region_trail = true

                      advanced_event_selector {
                        name = "Management events"
                        field_selector {
                          field  = "eventCategory"
                          equals = ["Management"]
                        }
                      }

                      advanced_event_selector {
                        name = "S3 object {{kind}}s"
                        field_selector {
                          field  = "eventCategory"
                          equals = ["Data"]
                        }
                        field_selector {
                          field  = "resources.type"
                          equals = ["AWS::S3::Object"]
                        }
                        field_selector {
                          field  = "readOnly"
                          equals = ["{{readOnly}}"]
                        }
                      }
                    }
                    """,
                DocUrl: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html",
                Effort: Effort.Low) { When = "a multi-region trail exists: add the data events to it" },
            RemediationVariants = [TrailFixes.CreateTrail],
            Compliance = write ? Cis.Refs(v3: "3.8", v5: "3.8", v14: "3.10") : Cis.Refs(v3: "3.9", v5: "3.9", v14: "3.11"),
        };
    }

    public override CheckInfo Info { get; }

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [CloudTrailCalls.DescribeTrails, CloudTrailCalls.GetTrailStatus, CloudTrailCalls.GetEventSelectors];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var coverage = TrailCoverage.Of(context);
        verdict.Scanned();
        var multiRegion = coverage.Trails.Where(t => t.Trail.MultiRegion && t.Logging != false).ToList();
        if (multiRegion.Any(t => t.Logging == true && t.Selectors is { } s && RecordsAllBuckets(s)))
            return;
        verdict.AddGaps(coverage.Listing.Gaps);
        verdict.AddGaps(multiRegion.SelectMany(t => t.Gaps));
        if (verdict.Gaps.Count > 0)
            return;
        var kind = _write ? "write" : "read";
        var trail = multiRegion.FirstOrDefault(t => t.Trail.OwnerAccount == context.AccountId)?.Trail;
        if (trail is null)
        {
            verdict.Fail(context.AccountId, AwsIds.GlobalRegion,
                $"No logging multi-region trail exists to record S3 object-level {kind} events.", remediation: TrailFixes.CreateTrail);
            return;
        }
        verdict.Fail(trail.Arn, trail.HomeRegion!, $"No logging multi-region trail records S3 object-level {kind} events for all buckets.",
            CloudTrailEnabled.TrailSlots(trail));
    }

    private bool RecordsAllBuckets(TrailEventSelectors selectors)
    {
        foreach (var selector in selectors.EventSelectors ?? [])
        {
            var type = selector.ReadWriteType ?? "All";
            if (type != "All" && type != (_write ? "WriteOnly" : "ReadOnly")) continue;
            if ((selector.DataResources ?? []).Any(r => r.Type == "AWS::S3::Object"
                    && (r.Values ?? []).Any(v => v is "arn:aws:s3" or "arn:aws:s3:::" || v.EndsWith(":s3", StringComparison.Ordinal) || v.EndsWith(":s3:::", StringComparison.Ordinal))))
                return true;
        }
        foreach (var selector in selectors.AdvancedEventSelectors ?? [])
        {
            var fields = selector.FieldSelectors;
            bool Is(string field, string value) => fields.Any(f => f.Field == field && f.EqualTo?.Contains(value) == true);
            if (!Is("eventCategory", "Data") || !Is("resources.type", "AWS::S3::Object")) continue;
            var readOnly = fields.FirstOrDefault(f => f.Field == "readOnly");
            if (readOnly is not null && readOnly.EqualTo?.Contains(_write ? "false" : "true") != true) continue;
            // Any other field (bucket ARN prefix, event name, user) narrows coverage below "all buckets".
            if (fields.Any(f => f.Field is not ("eventCategory" or "resources.type" or "readOnly"))) continue;
            return true;
        }
        return false;
    }
}
