using CloudAudit.Checks.AgentCore;
using CloudAudit.Checks.Ec2;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Threat;

/// <summary>TF-006: compute whose metadata service still answers session-less (v1) requests: EC2 instances (High) and AgentCore runtimes (Critical).</summary>
public sealed class MetadataV1InUse : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-006",
        Title = "EC2/AgentCore using IMDSv1 (MMDSv1) - SSRF/credential theft vector",
        Service = "Threat feed",
        Severity = Severity.High,
        Category = Category.Threat,
        ResourceType = "AWS::EC2::Instance",
        Description = "Reads every running or stopped EC2 instance in the scanned regions (DescribeInstances) and every "
            + "Bedrock AgentCore agent runtime (GetAgentRuntime). An instance whose metadata service is on and does not "
            + "require session tokens (HttpTokens not required) fails as High; an agent runtime whose microVM metadata service "
            + "does not require version 2 (requireMMDSV2 not true) fails as Critical, because agents fetch URLs that prompts "
            + "choose. An instance with its metadata endpoint turned off is not reported: it answers nothing. Instances that "
            + "AWS services manage are left out, as aws-ec2-004 does.",
        Rationale = "Version 1 of the metadata service hands the compute's role credentials to any GET request, so one "
            + "server-side request forgery in the code (or in an agent tool that fetches a URL) is enough to steal them; that "
            + "is how the largest cloud breaches began. Version 2 needs a session token obtained with a PUT request, which "
            + "such forged requests cannot send.",
        CommonCauses =
        [
            "Instances launched from templates or AMIs that leave HttpTokens optional, before the account default required v2.",
            "An old SDK or agent on the instance needed IMDSv1 and the setting was never revisited.",
            "AgentCore runtimes created before requireMMDSV2 existed, which leave it unset.",
        ],
        Recommendation = "Require IMDSv2 on every instance and MMDSv2 on every agent runtime, and make IMDSv2 the regional default for new instances.",
        Remediation = new(
            Cli: """
                aws ec2 modify-instance-metadata-options --region {region} --instance-id {instance_id} --http-tokens required --http-endpoint enabled
                aws ec2 modify-instance-metadata-defaults --region {region} --http-tokens required
                """,
            Terraform: """
                resource "aws_ec2_instance_metadata_defaults" "{region:id}" {
                  region      = {region}
                  http_tokens = "required"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html",
            Effort: Effort.Low) { When = "an EC2 instance answers IMDSv1" },
        RemediationVariants =
        [
            new RemediationTemplate(
                Cli: AgentRuntimeCheck.ReviseCli("", ".metadataConfiguration = {requireMMDSV2: true}"),
                Terraform: AgentRuntimeCheck.RuntimeInVpc,
                DocUrl: "https://docs.aws.amazon.com/bedrock-agentcore-control/latest/APIReference/API_RuntimeMetadataConfiguration.html",
                Effort: Effort.Low) { When = "an AgentCore runtime does not require MMDSv2" },
        ],
        Threat = new("TF-006-mmdsv1-in-use",
        [
            "https://aws.amazon.com/blogs/security/get-the-full-benefits-of-imdsv2-and-disable-imdsv1-across-your-aws-infrastructure/",
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html",
            "https://unit42.paloaltonetworks.com/bypass-of-aws-sandbox-network-isolation-mode/",
        ]) { Escalation = "critical for an AgentCore runtime" },
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeInstances, AgentCoreCalls.ListAgentRuntimes, AgentCoreCalls.GetAgentRuntime];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        foreach (var (region, instance, options) in ImdsV1Allowed.Judged(context, verdict))
        {
            var role = instance.IamInstanceProfile?.Arn is { } profile ? $" It runs with instance profile {profile}, whose credentials a forged request can read." : "";
            verdict.Fail(instance.InstanceId, region,
                $"Instance {Ec2Tags.Labelled(instance.InstanceId, instance.Tags, instance.StateName)} answers IMDSv1 requests (HttpTokens {options.HttpTokens ?? "not set"}).{role}",
                new SlotValues().With("instance_id", instance.InstanceId));
        }
        foreach (var runtime in verdict.Accept(context.Data.AgentCore().Runtimes()))
        {
            verdict.Scanned(runtime.Resource.AgentRuntimeArn);
            var r = runtime.Resource;
            if (r.MetadataConfiguration?.RequireMmdsV2 == true) continue;
            verdict.Fail(r.AgentRuntimeArn, runtime.Region,
                $"Agent runtime {r.AgentRuntimeName} does not require MMDSv2: a prompt that makes the agent fetch its metadata service's "
                + "address gets the runtime role's credentials.",
                AgentRuntimeCheck.Slots(r), resourceType: "AWS::BedrockAgentCore::Runtime", severity: Severity.Critical,
                remediation: Info.RemediationVariants[0]);
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("no running or stopped EC2 instances and no AgentCore runtimes in the scanned regions");
    }
}
