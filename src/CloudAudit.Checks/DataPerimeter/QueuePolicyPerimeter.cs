using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.DataPerimeter;

/// <summary>aws-dp-003: an SQS queue policy that reaches outside the organization.</summary>
public sealed class QueuePolicyPerimeter : PerimeterCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-dp-003",
        Title = "SQS queue policy reaches outside the organization",
        Service = "Data perimeter",
        Severity = Severity.High,
        ResourceType = "AWS::SQS::Queue",
        Description = HowDecided("SQS queue policy (read in every scanned region)"),
        Rationale = "A queue that an outside account can read from hands it every message (orders, events, often personal "
            + "data); one it can write to lets it inject work that your consumers trust and process with their own "
            + "permissions.",
        CommonCauses =
        [
            "A queue was shared with a partner or a former vendor account for an integration.",
            "Principal \"*\" with sqs:SendMessage was used for an SNS subscription or S3 notification, without aws:SourceArn.",
        ],
        Recommendation = "Limit statements for accounts with aws:PrincipalOrgID and statements for AWS services with aws:SourceArn or aws:SourceAccount.",
        Remediation = new RemediationTemplate(
            Cli: """
                # The queue's policy with each open statement limited to your organization or account (review before applying).
                aws sqs set-queue-attributes --region {region} --queue-url {queue_url} --attributes {attributes}
                """,
            Terraform: """
                resource "aws_sqs_queue_policy" "{queue_name:id}" {
                  queue_url = {queue_url}
                  policy    = {policy}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html",
            Effort: Effort.Low),
        Compliance = [new ComplianceRef(ComplianceRef.CisAws, "7.0", "2.21")],
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [ResourcePolicyCalls.ListQueues, ResourcePolicyCalls.GetQueueAttributes, .. OrganizationReads];

    protected override Gathered<ResourcePolicyRead> Resources(ResourcePolicyView view) => view.QueuePolicies();
    protected override (string Service, string Operation) PolicyRead => ("sqs", "GetQueueAttributes");
    protected override string Noun => "queue";

    protected override SlotValues Slots(CheckContext context, ResourcePolicyRead resource, string restricted)
    {
        var arn = Inventory.Arn.TryParse(resource.ResourceArn);
        var url = $"https://sqs.{resource.Region}.amazonaws.com/{arn?.Account ?? context.AccountId}/{resource.Name}";
        return new SlotValues()
            .With("queue_url", url)
            .With("queue_name", resource.Name)
            .With("policy", restricted)
            .With("attributes", CliFix.Json(new JsonObject { ["Policy"] = restricted }));
    }
}
