using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ec2;

/// <summary>CIS v3 5.6 / v5 5.7: instances accept only IMDSv2 (session-token) metadata requests.</summary>
public sealed class ImdsV1Allowed : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ec2-004",
        Title = "EC2 instance allows IMDSv1",
        Service = "EC2",
        Severity = Severity.High,
        ResourceType = "AWS::EC2::Instance",
        Description = "Lists the instances of every scanned region (DescribeInstances) and fails each running or stopped "
            + "instance whose MetadataOptions.HttpTokens is not \"required\", so the instance metadata service still answers "
            + "token-less IMDSv1 requests. An instance with the metadata endpoint disabled (HttpEndpoint \"disabled\") "
            + "passes. Stopped instances count because they come back with the same setting; instances managed by another "
            + "AWS service are skipped.",
        Rationale = "IMDSv1 answers any HTTP GET from the instance, including one an attacker makes the application send "
            + "through a server-side request forgery flaw or an open proxy. The answer includes the temporary credentials "
            + "of the instance role, which then work from anywhere. IMDSv2 needs a PUT to obtain a session token first, "
            + "which such requests cannot do.",
        CommonCauses =
        [
            "Instances launched from older AMIs or launch templates that default to HttpTokens \"optional\".",
            "The region's account-level metadata defaults were never set to require IMDSv2.",
            "An old agent or SDK on the instance needed IMDSv1 and the setting was never revisited after upgrading it.",
        ],
        Recommendation = "Require IMDSv2 on the instance (HttpTokens required), and make it the regional default for new instances.",
        Remediation = new(
            Cli: """
                aws ec2 modify-instance-metadata-options --region {region} --instance-id {instance_id} --http-tokens required --http-endpoint enabled
                # Make IMDSv2 the default for instances launched later in this region:
                aws ec2 modify-instance-metadata-defaults --region {region} --http-tokens required
                """,
            Terraform: InstanceFixes.AdoptInstance("""
                  metadata_options {
                    http_endpoint = "enabled"
                    http_tokens   = "required"
                  }
                """) + "\n\n" + """
                # The region argument needs AWS provider 6 or newer; with older providers use a provider alias per region.
                resource "aws_ec2_instance_metadata_defaults" "{region:id}" {
                  region      = {region}
                  http_tokens = "required"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "5.6", v5: "5.7"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeInstances];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        foreach (var (region, instance, options) in Judged(context, verdict))
            verdict.Fail(instance.InstanceId, region,
                $"Instance {Ec2Tags.Labelled(instance.InstanceId, instance.Tags, instance.StateName)} answers IMDSv1 requests (HttpTokens {options.HttpTokens ?? "not set"}).",
                InstanceFixes.InstanceSlots(instance));
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("no running or stopped EC2 instances in the scanned regions");
    }

    /// <summary>
    /// The running or stopped instances (not managed by an AWS service) that answer IMDSv1: each instance judged counts
    /// as examined, and one without metadata options is a gap. Shared with the threat feed's aws-tf-006.
    /// </summary>
    internal static IEnumerable<(string Region, Ec2Instance Instance, InstanceMetadataOptions Options)> Judged(CheckContext context, Verdict verdict)
    {
        var ec2 = context.Data.Ec2();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(ec2.Instances(region), out var instances))
                continue;
            foreach (var instance in instances.Where(i => i.RunningOrStopped && !i.ManagedByService))
            {
                if (instance.MetadataOptions is not { } options)
                {
                    verdict.Gap(DataGap.OutOfReach(region, "ec2", "DescribeInstances", "the instance record has no MetadataOptions", instance.InstanceId));
                    continue;
                }
                verdict.Scanned(instance.InstanceId);
                if (options.HttpEndpoint == "disabled" || options.HttpTokens == "required")
                    continue;
                yield return (region, instance, options);
            }
        }
    }
}
