using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.DataPerimeter;

/// <summary>aws-dp-002: an SNS topic policy that reaches outside the organization.</summary>
public sealed class TopicPolicyPerimeter : PerimeterCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-dp-002",
        Title = "SNS topic policy reaches outside the organization",
        Service = "Data perimeter",
        Severity = Severity.High,
        ResourceType = "AWS::SNS::Topic",
        Description = HowDecided("SNS topic policy (read in every scanned region)") + " The default topic policy, which "
            + "grants the owner account through aws:SourceOwner, passes.",
        Rationale = "Whoever may publish to a topic can push forged alerts or commands to every subscriber (queues, Lambda "
            + "functions, people), and whoever may subscribe receives every message, often including order, security or "
            + "incident data. An open topic is both an injection point and a leak.",
        CommonCauses =
        [
            "Principal \"*\" was used so that an AWS service (S3 events, CloudWatch alarms) could publish, without aws:SourceAccount or aws:SourceArn.",
            "Cross-account subscriptions were allowed for a partner account with sns:Subscribe on Principal \"*\".",
        ],
        Recommendation = "Limit statements for AWS services with aws:SourceAccount or aws:SourceArn, and statements for accounts with aws:PrincipalOrgID.",
        Remediation = new RemediationTemplate(
            Cli: """
                # The topic's policy with each open statement limited to your organization or account (review before applying).
                aws sns set-topic-attributes --region {region} --topic-arn {topic_arn} --attribute-name Policy --attribute-value {policy}
                """,
            Terraform: """
                resource "aws_sns_topic_policy" "{topic_name:id}" {
                  arn    = {topic_arn}
                  policy = {policy}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
            Effort: Effort.Low),
        Compliance = [new ComplianceRef(ComplianceRef.CisAws, "7.0", "2.21")],
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [ResourcePolicyCalls.ListTopics, ResourcePolicyCalls.GetTopicAttributes, .. OrganizationReads];

    protected override Gathered<ResourcePolicyRead> Resources(ResourcePolicyView view) => view.TopicPolicies();
    protected override (string Service, string Operation) PolicyRead => ("sns", "GetTopicAttributes");
    protected override string Noun => "topic";

    protected override SlotValues Slots(CheckContext context, ResourcePolicyRead resource, string restricted) =>
        new SlotValues().With("topic_arn", resource.ResourceArn).With("topic_name", resource.Name).With("policy", restricted);
}
