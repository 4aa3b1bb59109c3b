using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Threat;

/// <summary>
/// TF-103 (cloud-audit's own): a bucket, EBS snapshot, AMI or RDS snapshot shared with everyone in the window, or a
/// bucket's Block Public Access taken away: the exfiltration step of a stolen-key intrusion.
/// </summary>
public sealed class MadePublic : EventDetector
{
    private static readonly string[] PublicAclMarks =
        ["acs.amazonaws.com/groups/global/AllUsers", "acs.amazonaws.com/groups/global/AuthenticatedUsers", "public-read", "authenticated-read"];

    private const string BlockAll = "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true";

    private static RemediationTemplate Fix(string cli, string terraform, string docUrl, string when) =>
        new(cli + "\n" + Containment.ActivityOfCaller, terraform, docUrl, Effort.Low) { When = when };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-103",
        Title = "Resource made public in the window",
        Service = "Threat feed",
        Severity = Severity.High,
        Category = Category.Threat,
        ResourceType = "AWS::S3::Bucket",
        Description = "Reads CloudTrail's event history over the collection window, in each scanned region, for the calls that "
            + "share data with everyone, and fails each one that succeeded: a bucket policy that lets anyone in (PutBucketPolicy, "
            + "the new policy evaluated by the policy engine for anonymous callers and any account), an ACL that grants AllUsers "
            + "or AuthenticatedUsers (PutBucketAcl), an EBS snapshot or an AMI shared with all (ModifySnapshotAttribute, "
            + "ModifyImageAttribute), an RDS snapshot made restorable by all (ModifyDBSnapshotAttribute, "
            + "ModifyDBClusterSnapshotAttribute): High. A bucket's Block Public Access deleted or weakened "
            + "(DeleteBucketPublicAccessBlock, PutBucketPublicAccessBlock with a setting false) fails as Medium: it removes the "
            + "safeguard. The finding names the caller, its key, when and from where; the configuration checks (aws-s3-*, "
            + "aws-ec2-*, aws-rds-*) say whether the resource is still public now.",
        Rationale = "Sharing a snapshot, an image or a bucket with everyone is the quickest way to take data out of an account: "
            + "the intruder copies it from their own account, and nothing in the victim's logs shows the copy. It is also a "
            + "common accident. Either way, the window between the change and its discovery is when the data is gone.",
        CommonCauses =
        [
            "An intruder sharing snapshots or images with all to copy them out.",
            "An engineer opening a bucket or a snapshot to everyone to share it with one partner.",
            "A deployment that removed Block Public Access to host a website.",
        ],
        Recommendation = "Undo the sharing now, find out who made it and why, and block public sharing account-wide (S3, EBS and AMI Block Public Access).",
        Remediation = Fix($"aws s3api put-public-access-block --bucket {{resource}} --public-access-block-configuration {BlockAll}",
            """
            resource "aws_s3_bucket_public_access_block" "{resource:id}" {
              bucket                  = {resource}
              block_public_acls       = true
              ignore_public_acls      = true
              block_public_policy     = true
              restrict_public_buckets = true
            }
            """,
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html", "a bucket was made public or lost its Block Public Access"),
        RemediationVariants =
        [
            Fix("aws ec2 modify-snapshot-attribute --region {region} --snapshot-id {resource} --attribute createVolumePermission --operation-type remove --group-names all",
                """
                resource "aws_ebs_snapshot_block_public_access" "{region:id}" {
                  region = {region}
                  state  = "block-all-sharing"
                }
                """,
                "https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html", "an EBS snapshot was shared with all"),
            Fix("aws ec2 modify-image-attribute --region {region} --image-id {resource} --launch-permission 'Remove=[{Group=all}]'",
                """
                resource "aws_ec2_image_block_public_access" "{region:id}" {
                  region = {region}
                  state  = "block-new-sharing"
                }
                """,
                "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html#block-public-access-to-amis", "an AMI was shared with all"),
            Fix("aws rds modify-db-snapshot-attribute --region {region} --db-snapshot-identifier {resource} --attribute-name restore --values-to-remove all",
                """
                resource "aws_db_snapshot" "{resource:id}" {
                  region                 = {region}
                  db_instance_identifier = "<DB_INSTANCE_ID>"
                  db_snapshot_identifier = {resource}
                  shared_accounts        = []
                }
                """,
                "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html", "an RDS snapshot was made public"),
            Fix("aws rds modify-db-cluster-snapshot-attribute --region {region} --db-cluster-snapshot-identifier {resource} --attribute-name restore --values-to-remove all",
                """
                resource "aws_db_cluster_snapshot" "{resource:id}" {
                  region                         = {region}
                  db_cluster_identifier          = "<DB_CLUSTER_ID>"
                  db_cluster_snapshot_identifier = {resource}
                  shared_accounts                = []
                }
                """,
                "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-share-snapshot.html", "an Aurora cluster snapshot was made public"),
        ],
        Threat = new("TF-103-resource-made-public",
        [
            "https://attack.mitre.org/techniques/T1537/",
            "https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html",
        ]),
    };

    protected override IReadOnlyList<ApiCall> EventReads { get; } =
    [
        CloudTrailEventCalls.PutBucketPolicy, CloudTrailEventCalls.PutBucketAcl, CloudTrailEventCalls.PutBucketPublicAccessBlock,
        CloudTrailEventCalls.DeleteBucketPublicAccessBlock, CloudTrailEventCalls.ModifySnapshotAttribute, CloudTrailEventCalls.ModifyImageAttribute,
        CloudTrailEventCalls.ModifyDBSnapshotAttribute, CloudTrailEventCalls.ModifyDBClusterSnapshotAttribute,
    ];

    protected override string NothingFound => "no bucket, snapshot or image shared with everyone in";

    protected override void Judge(EventHistory history, CheckContext context, Verdict verdict)
    {
        foreach (var e in history.Events.Where(e => !e.Failed && e.RequestParameters is not null))
        {
            if (Opened(e, context) is not { } opened) continue;
            verdict.Fail(opened.Arn, e.Region,
                $"{opened.What} {e.EventName} by {e.Actor.Label}{e.Origin} at {e.When}.",
                SignedWith(e).With("resource", opened.Name), resourceType: opened.Type, severity: opened.Severity,
                remediation: opened.Fix switch { 0 => Info.Remediation, var i => Info.RemediationVariants[i - 1] }, discriminator: e.EventId);
        }
    }

    private sealed record Opening(string Name, string Arn, string Type, string What, Severity Severity, int Fix);

    /// <summary>What the call shared with everyone, or null when it shared nothing.</summary>
    private static Opening? Opened(TrailEvent e, CheckContext context)
    {
        var request = e.RequestParameters!;
        var bucket = e.Request("bucketName");
        var bucketArn = $"arn:{context.Partition}:s3:::{bucket}";
        switch (e.EventName)
        {
            case "PutBucketPolicy" when bucket is not null && request["bucketPolicy"] is JsonNode policy:
                return PublicPolicy(policy, bucket, context) is { } how
                    ? new(bucket, bucketArn, "AWS::S3::Bucket", $"Bucket {bucket} was given a policy that lets {how} in:", Severity.High, 0)
                    : null;
            case "PutBucketAcl" when bucket is not null:
                var text = request.ToJsonString();
                return PublicAclMarks.Any(m => text.Contains(m, StringComparison.Ordinal))
                    ? new(bucket, bucketArn, "AWS::S3::Bucket", $"Bucket {bucket} was given an ACL that grants everyone access:", Severity.High, 0)
                    : null;
            case "DeleteBucketPublicAccessBlock" when bucket is not null:
                return new(bucket, bucketArn, "AWS::S3::Bucket", $"Bucket {bucket} lost its Block Public Access:", Severity.Medium, 0);
            case "PutBucketPublicAccessBlock" when bucket is not null:
                var settings = request["PublicAccessBlockConfiguration"] as JsonObject;
                var off = settings?.Where(p => p.Value is JsonValue v && v.TryGetValue<bool>(out var on) && !on).Select(p => p.Key).ToList() ?? [];
                return off.Count > 0
                    ? new(bucket, bucketArn, "AWS::S3::Bucket", $"Block Public Access of bucket {bucket} was weakened ({string.Join(", ", off)} false):", Severity.Medium, 0)
                    : null;
            case "ModifySnapshotAttribute" when AddsGroupAll(request["createVolumePermission"]) && e.Request("snapshotId") is { } snapshot:
                return new(snapshot, $"arn:{context.Partition}:ec2:{e.Region}::snapshot/{snapshot}", "AWS::EC2::Snapshot",
                    $"EBS snapshot {snapshot} was shared with every AWS account:", Severity.High, 1);
            case "ModifyImageAttribute" when AddsGroupAll(request["launchPermission"]) && e.Request("imageId") is { } image:
                return new(image, $"arn:{context.Partition}:ec2:{e.Region}::image/{image}", "AWS::EC2::Image",
                    $"AMI {image} was shared with every AWS account:", Severity.High, 2);
            case "ModifyDBSnapshotAttribute" when RestorableByAll(request) && e.Request("dBSnapshotIdentifier") is { } dbSnapshot:
                return new(dbSnapshot, $"arn:{context.Partition}:rds:{e.Region}:{context.AccountId}:snapshot:{dbSnapshot}", "AWS::RDS::DBSnapshot",
                    $"RDS snapshot {dbSnapshot} was made restorable by every AWS account:", Severity.High, 3);
            case "ModifyDBClusterSnapshotAttribute" when RestorableByAll(request) && e.Request("dBClusterSnapshotIdentifier") is { } clusterSnapshot:
                return new(clusterSnapshot, $"arn:{context.Partition}:rds:{e.Region}:{context.AccountId}:cluster-snapshot:{clusterSnapshot}",
                    "AWS::RDS::DBClusterSnapshot", $"Aurora cluster snapshot {clusterSnapshot} was made restorable by every AWS account:", Severity.High, 4);
            default:
                return null;
        }
    }

    /// <summary>Who outside the account the new bucket policy lets in ("anonymous callers"), or null when it is not public.</summary>
    private static string? PublicPolicy(JsonNode policy, string bucket, CheckContext context)
    {
        var text = policy is JsonValue value && value.TryGetValue<string>(out var raw) ? raw : policy.ToJsonString();
        if (!context.Policies().Get(text, PolicyKind.Resource, $"bucket policy of {bucket}").TryGet(out var document))
            return null;
        var exposure = ResourceExposure.Analyze(document, $"arn:{context.Partition}:s3:::{bucket}", context.AccountId);
        return exposure.IsPublic ? exposure.Grants.First(g => g.Level == ExposureLevel.Public).Description : null;
    }

    /// <summary>A permission change that adds the group "all" ({"add": {"items": [{"group": "all"}]}}).</summary>
    private static bool AddsGroupAll(JsonNode? permission) =>
        (permission?["add"]?["items"] as JsonArray ?? []).Any(item => item.Str("group") == "all");

    private static bool RestorableByAll(JsonObject request) =>
        request.Str("attributeName") == "restore" && (request["valuesToAdd"] as JsonArray ?? []).Any(v => v is JsonValue s && s.TryGetValue<string>(out var t) && t == "all");
}
